/// What a failed call means for the caller (from the reference's error tables).
package enum ErrorClass: String, Sendable, Equatable {
    /// Try again after a backoff: throttling, busy service, 429 and 5xx.
    case retryable
    /// Do not try again: the request itself is wrong (bad path, unknown domain …).
    case final
    /// The daily quota of this type is spent: stop submitting it until 00:00 UTC+8.
    case quota
    /// The credentials, the signature, the account or the clock were refused: every call will fail.
    case authentication
}

extension APIErrorBody {
    /// Classifies an error response by its code, falling back to the HTTP status.
    package static func classify(code: String, httpStatus: Int) -> ErrorClass {
        switch code {
        case "QuotaExceeded.Refresh", "QuotaExceeded.Preload":
            return .quota
        case "ServiceBusy", "TooMany.Refresh", "PreloadQueueFull", "QuotaPerMinuteExceeded.Refresh",
            "SignatureNonceUsed", "TooManyRequests", "InternalError", "ServiceUnavailable", "UnknownError",
            "FlowControlError":
            return .retryable
        case "SignatureDoesNotMatch", "IncompleteSignature", "OperationDenied", "InvalidTimeStamp.Expired",
            "InvalidTimeStamp.Format", "MissingSecurityToken":
            return .authentication
        // Simple Log Service.
        case "ReadQuotaExceed", "WriteQuotaExceed", "QpsLimit", "InternalServerError", "RequestTimeout",
            "ServerBusy":
            return .retryable
        case "SignatureNotMatch", "Unauthorized", "InvalidAccessKeyId", "RequestTimeTooSkewed",
            "SecurityTokenExpired", "SecurityToken.Expired":
            return .authentication
        case "ProjectNotExist", "LogStoreNotExist", "ParameterInvalid", "IndexConfigNotExist":
            return .final
        default:
            break
        }
        if code.hasPrefix("Throttling") { return .retryable }
        if code.hasPrefix("InvalidAccessKeyId") || code.hasPrefix("InvalidSecurityToken") || code.hasPrefix("Forbidden")
        {
            return .authentication
        }
        if httpStatus == 429 || (500...599).contains(httpStatus) { return .retryable }
        return .final
    }

    /// The class of this error for a response with `httpStatus`.
    package func classification(httpStatus: Int) -> ErrorClass {
        Self.classify(code: code, httpStatus: httpStatus)
    }

    /// Whether one bad entry of `ObjectPath` made the whole request fail (worth splitting to find it).
    package var isInvalidObjectPath: Bool { code.hasPrefix("InvalidObjectPath") }

    /// The least time to wait before retrying, when the code implies one (per-minute limits: 60 s).
    package var minimumRetryDelaySeconds: Double? {
        code == "QuotaPerMinuteExceeded.Refresh" ? 60 : nil
    }

    /// A hint for the operator when credentials or the clock were refused.
    package var hint: String? {
        switch code {
        case "SignatureDoesNotMatch":
            "the AccessKey secret is probably wrong (check for pasted white space), or a proxy altered the request"
        case "InvalidAccessKeyId.NotFound":
            "the AccessKey ID is not known: check ALIBABA_CLOUD_ACCESS_KEY_ID or the profile (ID and secret swapped?)"
        case "InvalidAccessKeyId.Inactive":
            "the AccessKey is disabled in the RAM console"
        case "InvalidTimeStamp.Expired":
            "this machine's clock is more than 15 minutes off; fix it (NTP) and run again"
        case let code where code.hasPrefix("InvalidSecurityToken"):
            "the STS token expired: get a fresh one"
        case let code where code.hasPrefix("Forbidden"):
            "the RAM user lacks cdn:RefreshObjectCaches / cdn:DescribeRefreshQuota / cdn:DescribeRefreshTasks"
        case "OperationDenied":
            "the account has no active CDN service (not opened, or suspended for overdue payment)"
        case "SignatureNotMatch":
            "the AccessKey secret is probably wrong, or a proxy altered the request (try --sls-signature v1)"
        case "Unauthorized":
            "the RAM user lacks log:GetLogStoreLogs on this project and logstore"
        case "ProjectNotExist":
            "check PROJECT in sls:PROJECT/LOGSTORE, and --sls-region or --sls-endpoint (projects live in one region)"
        case "LogStoreNotExist":
            "is real-time log delivery enabled for this domain? (CDN console: Logs, Real-time Logs) Check LOGSTORE"
        case "RequestTimeTooSkewed":
            "this machine's clock is more than 15 minutes off; fix it (NTP) and run again"
        case "IndexConfigNotExist":
            "the logstore has no index: enable the field index for method, return_code, scheme, domain, uri, uri_param"
        default:
            nil
        }
    }
}
