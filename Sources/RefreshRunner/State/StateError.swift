/// Why the state directory could not be used.
package enum StateError: Error, Sendable, Equatable, CustomStringConvertible {
    /// Another run holds the lock.
    case locked(directory: String, holderPID: Int32?)
    /// The directory or database could not be created, opened or migrated.
    case unusable(directory: String, reason: String)
    /// A reader found a state an older build wrote; readers never upgrade it (a `run` does, under its lock).
    case outdated(directory: String, schema: Int, current: Int)

    package var description: String {
        switch self {
        case .locked(let directory, let pid):
            "another cdn-refresh run\(pid.map { " (pid \($0))" } ?? "") holds the state lock in \(directory); "
                + "wait for it to finish, or use another --state-dir"
        case .unusable(let directory, let reason):
            "cannot use the state directory \(directory): \(reason) (pass --state-dir DIR or --no-state)"
        case .outdated(let directory, let schema, let current):
            "the state in \(directory) was written by an older cdn-refresh (schema \(schema), this build uses "
                + "\(current)): run `cdn-refresh run` once to upgrade it; nothing is read from it until then"
        }
    }
}
