import AlibabaCDN

/// A one-line description of a failed call for standard error, with a hint when one helps.
enum APIErrorText {
    static func describe(_ error: APICallError) -> String {
        var text = "\(error.code): \(error.message)"
        if case .api(let failure) = error, let hint = failure.body.hint { text += " — \(hint)" }
        return text
    }
}
