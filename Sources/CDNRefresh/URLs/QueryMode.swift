/// What `--query` does with query strings.
package enum QueryMode: String, Sendable, CaseIterable {
    /// Keep the query in the order given, with the same escaping rules as the path.
    case keep
    /// Drop the query.
    case strip
}
