import Foundation

#if canImport(Glibc)
    import Glibc
#endif

/// The outcome of running the built binary.
package struct CommandResult: Sendable {
    package var status: Int32
    package var stdout: String
    package var stderr: String
    /// Whether a signal ended the process.
    package var signaled: Bool
}
