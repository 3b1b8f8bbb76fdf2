import ArgumentParser

/// The exit codes of DESIGN §2.
enum ExitCodes {
    /// Every selected entry was submitted (or planned); deferrals are not failures.
    static let success = ExitCode(0)
    /// Some entries failed or are invalid, or an input could not be read to its end.
    static let partial = ExitCode(1)
    /// Nothing was done: bad configuration, no credentials, authentication refused, unreadable state.
    static let nothingDone = ExitCode(2)
    /// Usage error (the argument parser's own code).
    static let usage = ExitCode(64)
    /// Another run holds the state lock.
    static let locked = ExitCode(75)
}
