#if canImport(Glibc)
    import Glibc
#elseif canImport(Darwin)
    import Darwin
#endif

/// Why replacing a file failed: the step, and the system's reason.
package struct FileWriteFailure: Error, Sendable, Equatable {
    package enum Step: Sendable, Equatable {
        /// The temporary file could not be created (a missing directory, no permission).
        case create
        /// Writing or flushing it failed (a full disk).
        case write
        /// It could not be renamed over the destination.
        case rename
    }

    package var step: Step
    package var reason: String

    package init(_ step: Step, reason: String) {
        self.step = step
        self.reason = reason
    }
}
