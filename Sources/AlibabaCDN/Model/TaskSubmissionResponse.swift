/// `RefreshObjectCaches` and `PushObjectCache` answer: the task IDs (comma-separated, one per domain) and the
/// request ID.
package struct TaskSubmissionResponse: Sendable, Equatable, Decodable {
    /// The raw `RefreshTaskId` / `PushTaskId` value.
    package var taskIDField: String
    package var requestID: String

    package init(taskIDField: String, requestID: String) {
        self.taskIDField = taskIDField
        self.requestID = requestID
    }

    /// The task IDs, split on `,`.
    package var taskIDs: [String] {
        taskIDField.split(separator: ",").map { String($0).trimmingCharacters(in: " ") }.filter { !$0.isEmpty }
    }

    package init(from decoder: any Decoder) throws {
        let container = try decoder.container(keyedBy: AnyCodingKey.self)
        taskIDField = try container.flexibleString("RefreshTaskId") ?? container.flexibleString("PushTaskId") ?? ""
        requestID = try container.flexibleString("RequestId") ?? ""
    }
}

extension String {
    fileprivate func trimmingCharacters(in set: Character) -> String {
        var text = Substring(self)
        while text.first == set { text.removeFirst() }
        while text.last == set { text.removeLast() }
        return String(text)
    }
}
