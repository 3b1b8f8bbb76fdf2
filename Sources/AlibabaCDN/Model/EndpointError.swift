/// Why an endpoint URL (`--endpoint`, `--sts-endpoint`) was refused.
package enum EndpointError: Error, Sendable, Equatable, CustomStringConvertible {
    case malformed(String)
    case plainHTTPNotLoopback(String)

    package var description: String {
        switch self {
        case .malformed(let text):
            "'\(text)' is not an endpoint URL like https://cdn.aliyuncs.com"
        case .plainHTTPNotLoopback(let text):
            "'\(text)' uses http:// on a non-loopback host; credentials-signed requests go over https:// "
                + "(http:// is accepted only for 127.0.0.1, ::1 and localhost, e.g. the emulator)"
        }
    }
}
