/// The query an `sls:` input sends: a search part that picks records by the run's selection (SLS's index does that
/// work), and an SQL part that groups them by URL and counts them, a page at a time.
///
/// Every value is validated before it is written into the query (methods are upper-case letters, statuses numbers
/// from 100 to 599, domains host names): no input can inject SLS syntax.
package struct SLSQuery: Sendable, Equatable {
    /// What the records are counted for.
    package enum Purpose: Sendable, Equatable {
        /// Candidates: the records `--methods` and `--status` select.
        case candidates(methods: [String], statuses: [ClosedRange<Int>])
        /// Hits (`--hits-from`): reads, GET or HEAD answered 2xx or 304.
        case hits
    }

    package var purpose: Purpose
    /// `--query keep` groups query variants apart; `strip` counts them as one URL.
    package var keepQuery: Bool
    /// `--domain-map`: hosts counted as the accelerated domain they map to.
    package var domainMap: [String: String]

    /// Validates the values.
    package init(purpose: Purpose, keepQuery: Bool, domainMap: [String: String] = [:]) throws(SLSQueryError) {
        if case .candidates(let methods, let statuses) = purpose {
            guard !methods.isEmpty, !statuses.isEmpty else { throw .empty }
            for method in methods where !Self.isMethod(method) { throw .badMethod(method) }
            for range in statuses where range.lowerBound < 100 || range.upperBound > 599 { throw .badStatus(range) }
        }
        for name in Array(domainMap.keys) + Array(domainMap.values) where !Self.isHost(name) { throw .badDomain(name) }
        self.purpose = purpose
        self.keepQuery = keepQuery
        self.domainMap = domainMap
    }

    /// The search part.
    package var search: String {
        switch purpose {
        case .candidates(let methods, let statuses):
            let method = methods.map { "method: \($0)" }.joined(separator: " or ")
            let status = statuses.map {
                $0.lowerBound == $0.upperBound
                    ? "return_code: \($0.lowerBound)" : "return_code in [\($0.lowerBound) \($0.upperBound)]"
            }.joined(separator: " or ")
            return "(\(method)) and (\(status))"
        case .hits:
            return "(method: GET or method: HEAD) and (return_code in [200 299] or return_code: 304)"
        }
    }

    /// The SQL part for the page of at most `count` groups from `offset`, in a stable order.
    package func sql(offset: Int, count: Int) -> String {
        let domain =
            domainMap.isEmpty
            ? "domain"
            : "case domain "
                + domainMap.sorted { $0.key < $1.key }.map { "when '\($0.key)' then '\($0.value)'" }.joined(
                    separator: " ") + " else domain end"
        let parameter = keepQuery ? "uri_param" : "'-'"
        let groups = keepQuery ? "scheme, \(domain), uri, uri_param" : "scheme, \(domain), uri"
        return "select scheme, \(domain) as domain, uri, \(parameter) as uri_param, count(*) as hits, "
            + "max(__time__) as changed group by \(groups) order by \(groups) limit \(offset), \(count)"
    }

    /// The whole query for one page.
    package func text(offset: Int, count: Int) -> String { search + " | " + sql(offset: offset, count: count) }

    static func isMethod(_ text: String) -> Bool {
        !text.isEmpty && text.count <= 20 && text.utf8.allSatisfy { (65...90).contains($0) }
    }

    /// A canonical host name (lower case, ASCII: punycode), optionally with a port.
    static func isHost(_ text: String) -> Bool {
        let parts = text.split(separator: ":", omittingEmptySubsequences: false)
        guard (1...2).contains(parts.count), !parts[0].isEmpty, parts[0].count <= 253 else { return false }
        if parts.count == 2, Int(parts[1]) == nil { return false }
        return parts[0].utf8.allSatisfy { (97...122).contains($0) || (48...57).contains($0) || $0 == 45 || $0 == 46 }
    }
}

/// A value that cannot go into an SLS query.
package enum SLSQueryError: Error, Sendable, Equatable, CustomStringConvertible {
    case empty
    case badMethod(String)
    case badStatus(ClosedRange<Int>)
    case badDomain(String)

    package var description: String {
        switch self {
        case .empty: "an sls: input needs at least one method and one status to select records"
        case .badMethod(let method): "'\(method)' is not an HTTP method an SLS query can name (upper-case letters)"
        case .badStatus(let range): "status \(range) is outside 100-599"
        case .badDomain(let domain): "'\(domain)' is not a host name an SLS query can name"
        }
    }
}
