import AlibabaCDN
import ArgumentParser
import CDNRefresh
import Foundation
import RefreshRunner

extension CDNRefreshCommand {
    /// `cdn-refresh tasks TASK_ID…`: DescribeRefreshTaskById, 10 IDs a call.
    struct Tasks: AsyncParsableCommand {
        static let configuration = CommandConfiguration(abstract: "Print the status of refresh tasks (last 3 days).")

        @Argument(help: "Task IDs (RefreshTaskId values; commas are split too).")
        var taskIDs: [String]

        @OptionGroup var api: APIOptions
        @OptionGroup var json: JSONOption
        @OptionGroup var sandbox: SandboxOption
        @OptionGroup var output: OutputOptions

        mutating func validate() throws {
            let ids = splitIDs
            guard !ids.isEmpty else { throw ValidationError("give at least one task ID") }
            guard ids.allSatisfy({ $0.allSatisfy(\.isNumber) }) else {
                throw ValidationError("task IDs are numbers, such as 704222904")
            }
        }

        var splitIDs: [String] {
            taskIDs.flatMap { $0.split(separator: ",") }.map { String($0).trimmingCharacters(in: .whitespaces) }
                .filter { !$0.isEmpty }
        }

        func run() async throws {
            let logger = LoggingBootstrap.bootstrap(level: output.effectiveLogLevel)
            let caller = APICaller(limiter: SharedRateLimiter(RateLimiter(callsPerSecond: 30)))
            let ids = splitIDs
            let session = APISession.Options(api: api, sandbox: sandbox.sandbox)
            let result: Result<[RefreshTask], APICallError> = try await APISession.with(session, logger: logger) {
                session in
                let client = session.client
                var tasks: [RefreshTask] = []
                for start in stride(from: 0, to: ids.count, by: 10) {
                    let chunk = Array(ids[start..<min(start + 10, ids.count)])
                    do throws(APICallError) {
                        tasks += try await caller.call(.describeRefreshTaskByID) { () async throws(APICallError) in
                            try await client.describeRefreshTaskByID(chunk)
                        }.tasks
                    } catch {
                        return .failure(error)
                    }
                }
                return .success(tasks)
            }
            let tasks: [RefreshTask]
            switch result {
            case .success(let value):
                tasks = value
            case .failure(let error):
                StandardError.print("cdn-refresh: DescribeRefreshTaskById failed: \(error.summary)")
                throw ExitCode(.nothingDone)
            }
            if json.json {
                StandardOutput.print(JSONText.encode(tasks))
            } else {
                StandardOutput.print(
                    TextTable.render(
                        header: ["task_id", "status", "process", "type", "created", "url", "description"],
                        rows: tasks.map {
                            [
                                $0.taskID, $0.status, $0.process, $0.objectType, $0.creationTime, $0.objectPath,
                                $0.description,
                            ]
                        }))
            }
            let missing = Set(ids).subtracting(tasks.map(\.taskID))
            if !missing.isEmpty {
                StandardError.print(
                    "cdn-refresh: no tasks found for \(missing.sorted().joined(separator: ", ")) (only the last 3 days are kept)"
                )
            }
        }
    }
}
