/// Why an API call did not succeed.
///
/// A failed call is a value to act on (retry, stop, split), not a crash; ``classification`` says which. Its
/// ``description`` is ``summary``: a sentence, never a dump of the value.
package enum APICallError: Error, Sendable, Equatable, CustomStringConvertible {
    /// The API answered with an error body.
    case api(APIFailure)
    /// No answer arrived.
    case transport(TransportFailure)
    /// An answer arrived that is not the API's JSON (a proxy's HTML page, a truncated body).
    ///
    /// With a 2xx status nobody can tell whether the API did what was asked: like a lost answer, the outcome is
    /// unknown (``outcomeIsUnknown``), and a write is looked up before anything is sent again.
    case unexpectedResponse(httpStatus: Int, detail: String)
    /// No credentials to sign with: renewing temporary ones failed after the old ones expired. Nothing was sent.
    case credentials(CredentialError)

    /// What the caller should do about it.
    package var classification: ErrorClass {
        switch self {
        case .api(let failure): failure.classification
        case .transport(let failure): failure.permanent ? .authentication : .retryable
        case .unexpectedResponse(let status, _):
            status == 429 || status >= 500 || (200..<300).contains(status) ? .retryable : .final
        case .credentials: .authentication
        }
    }

    /// The report's `error_code`.
    package var code: String {
        switch self {
        case .api(let failure): failure.body.code
        case .transport(let failure): failure.kind.code
        case .unexpectedResponse: "UnexpectedResponse"
        case .credentials: "CredentialsUnavailable"
        }
    }

    /// The report's `error_message`.
    package var message: String {
        switch self {
        case .api(let failure): failure.body.message
        case .transport(let failure): failure.detail
        case .unexpectedResponse(let status, let detail): "HTTP \(status): \(detail)"
        case .credentials(let error): "\(error)"
        }
    }

    /// One line for a person: the code, the message, and a hint when one helps.
    package var summary: String {
        var text = "\(code): \(message)"
        if case .api(let failure) = self, let hint = failure.body.hint { text += " — \(hint)" }
        return text
    }

    package var description: String { summary }

    /// The HTTP status, when an answer arrived.
    package var httpStatus: Int? {
        switch self {
        case .api(let failure): failure.httpStatus
        case .transport: nil
        case .unexpectedResponse(let status, _): status
        case .credentials: nil
        }
    }

    /// Whether the request may have reached the API and been acted on although no usable answer came back: the
    /// answer was lost, or a 2xx answer could not be read.
    package var outcomeIsUnknown: Bool {
        switch self {
        case .transport(let failure): failure.kind != .notSent
        case .unexpectedResponse(let status, _): (200..<300).contains(status)
        case .api, .credentials: false
        }
    }
}
