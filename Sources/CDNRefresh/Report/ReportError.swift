/// Why the report could not be written.
package enum ReportError: Error, Sendable, Equatable, CustomStringConvertible {
    case cannotCreate(path: String, reason: String)
    case writeFailed(path: String, reason: String)

    package var description: String {
        switch self {
        case .cannotCreate(let path, let reason): "cannot create the report '\(path)': \(reason)"
        case .writeFailed(let path, let reason): "writing the report '\(path)' failed: \(reason)"
        }
    }
}
