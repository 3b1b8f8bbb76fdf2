/// An error answer of the emulator: Alibaba's status, code and message.
struct EmulatorFailure: Error, Sendable {
    var status: Int
    var code: String
    var message: String
    var headers: [String: String] = [:]

    static func missingParameter(_ name: String) -> EmulatorFailure {
        EmulatorFailure(
            status: 400, code: "MissingParameter",
            message: "The input parameter \"\(name)\" that is mandatory for processing this request is not supplied.")
    }

    static func invalidParameter(_ name: String, _ detail: String) -> EmulatorFailure {
        EmulatorFailure(status: 400, code: "InvalidParameter", message: "The parameter \(name) is invalid: \(detail)")
    }

    static let perMinuteExceeded = EmulatorFailure(
        status: 400, code: "QuotaPerMinuteExceeded.Refresh",
        message: "You tried to refresh too frequently; please try again later.")

    static let refreshQueueFull = EmulatorFailure(
        status: 400, code: "TooMany.Refresh", message: "The refresh queue is full; please try again later.")

    static let incompleteSignature = EmulatorFailure(
        status: 400, code: "IncompleteSignature", message: "The request signature does not conform to Aliyun standards."
    )

    static let accessKeyNotFound = EmulatorFailure(
        status: 404, code: "InvalidAccessKeyId.NotFound", message: "Specified access key is not found.")

    static let securityTokenExpired = EmulatorFailure(
        status: 400, code: "InvalidSecurityToken.Expired", message: "Specified SecurityToken is expired.")
    static let securityTokenMismatch = EmulatorFailure(
        status: 400, code: "InvalidSecurityToken.MismatchWithAccessKey",
        message: "Specified SecurityToken mismatch with the AccessKey.")
    static let securityTokenMissing = EmulatorFailure(
        status: 400, code: "MissingSecurityToken", message: "SecurityToken is mandatory for this AccessKey.")
    static let oidcTokenInvalid = EmulatorFailure(
        status: 400, code: "AuthenticationFail.OIDCToken.Invalid", message: "The OIDC token is invalid.")
    static let timestampFormat = EmulatorFailure(
        status: 400, code: "InvalidTimeStamp.Format",
        message: "Specified time stamp or date value is not well formatted.")

    static let timestampExpired = EmulatorFailure(
        status: 400, code: "InvalidTimeStamp.Expired", message: "Specified time stamp or date value is expired.")

    static let nonceUsed = EmulatorFailure(
        status: 400, code: "SignatureNonceUsed", message: "Specified signature nonce was used already.")

    static func signatureMismatch(serverStringToSign: String) -> EmulatorFailure {
        EmulatorFailure(
            status: 400, code: "SignatureDoesNotMatch",
            message: "Specified signature is not matched with our calculation. server string to sign is:"
                + serverStringToSign)
    }

    static let invalidVersion = EmulatorFailure(
        status: 400, code: "InvalidVersion", message: "Specified parameter Version is not valid.")

    static let actionNotFound = EmulatorFailure(
        status: 404, code: "InvalidAction.NotFound",
        message: "Specified api is not found, please check your url and method.")

    static func throttled(retryAfterMilliseconds: Int) -> EmulatorFailure {
        EmulatorFailure(
            status: 400, code: "Throttling.User", message: "Request was denied due to user flow control.",
            headers: ["x-acs-retry-after": String(retryAfterMilliseconds)])
    }

    static let serviceUnavailable = EmulatorFailure(
        status: 503, code: "ServiceUnavailable",
        message: "The request has failed due to a temporary failure of the server.")

    static let quotaExceeded = EmulatorFailure(
        status: 400, code: "QuotaExceeded.Refresh", message: "Your refresh attempts have exceeded the daily limit.")

    static let preloadQuotaExceeded = EmulatorFailure(
        status: 400, code: "QuotaExceeded.Preload", message: "Your preload attempts have exceeded the daily limit.")

    static func malformedPath(_ detail: String) -> EmulatorFailure {
        EmulatorFailure(
            status: 400, code: "InvalidObjectPath.Malformed", message: "The specified ObjectPath is invalid: \(detail)")
    }

    static func overLimit(_ message: String) -> EmulatorFailure {
        EmulatorFailure(status: 400, code: "SingleRequest.OverLimit", message: message)
    }

    static let extensiveDomain = EmulatorFailure(
        status: 400, code: "InvalidExtensiveDomain.ValueNotSupported",
        message: "The specified ExtensiveDomain is not supported.")

    static let objectTypeNotSupported = EmulatorFailure(
        status: 400, code: "InvalidObjectType.ValueNotSupported",
        message: "The specified value of ObjectType is not supported.")

    static let taskIDMalformed = EmulatorFailure(
        status: 400, code: "InvalidTaskId.Malformed", message: "Specified TaskId is malformed.")

    static let bodyTooLarge = EmulatorFailure(
        status: 413, code: "RequestEntityTooLarge", message: "The request body is larger than the emulator accepts.")
}
