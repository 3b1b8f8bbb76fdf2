import ArgumentParser

/// The exit codes of DESIGN §2.
enum ExitCodes {
    /// Some entries failed or are invalid, or an input could not be read to its end.
    static let partial = ExitCode(1)
    /// Nothing was done: bad configuration, no credentials, authentication refused, unreadable state.
    static let nothingDone = ExitCode(2)
    /// Another run holds the state lock.
    static let locked = ExitCode(75)
}
