/// Why the report could not be written.
package enum ReportError: Error, Sendable, Equatable, CustomStringConvertible {
    case cannotCreate(path: String, reason: String)
    case writeFailed(path: String, reason: String)
    /// The destination may not be written (a link another user owns, a device, a FIFO).
    case refused(OutputFileError)

    package var description: String {
        switch self {
        case .cannotCreate(let path, let reason): "cannot create the report '\(path)': \(reason)"
        case .writeFailed(let path, let reason): "writing the report '\(path)' failed: \(reason)"
        case .refused(let error): "the report cannot be written there: \(error)"
        }
    }
}
