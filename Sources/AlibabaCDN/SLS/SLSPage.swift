/// One page of a GetLogs answer: its rows (every value a string, as SLS answers them) and whether SLS read every
/// shard it meant to (`x-log-progress: Complete`), or answered from part of them (`Incomplete`).
package struct SLSPage: Sendable, Equatable {
    package var rows: [[String: String]]
    package var complete: Bool

    package init(rows: [[String: String]], complete: Bool) {
        self.rows = rows
        self.complete = complete
    }
}
