/// Which log records are refresh candidates (`--methods`, `--status`, `--since`, `--until`) and which count
/// as hits.
public struct SelectionRules: Sendable, Equatable {
    /// Upper-case request methods that make a record a candidate.
    public var methods: Set<String>
    /// Statuses that make a record a candidate.
    public var statuses: [ClosedRange<Int>]
    /// Candidates must be at or after this time (seconds since the epoch), if set.
    public var since: Int64?
    /// Candidates must be before this time, if set.
    public var until: Int64?

    /// The defaults: writes (`PUT,POST,PATCH,DELETE`) with a 2xx status.
    public init(
        methods: Set<String> = ["PUT", "POST", "PATCH", "DELETE"],
        statuses: [ClosedRange<Int>] = [200...299],
        since: Int64? = nil,
        until: Int64? = nil
    ) {
        self.methods = Set(methods.map { $0.uppercased() })
        self.statuses = statuses
        self.since = since
        self.until = until
        self.methodBytes = self.methods.map { Array($0.utf8) }
    }

    private var methodBytes: [[UInt8]]

    /// Whether `status` is one of `--status`.
    public func selects(status: Int?) -> Bool {
        guard let status else { return false }
        return statuses.contains { $0.contains(status) }
    }

    /// Whether `time` is inside `--since`/`--until` (records without a time are always inside).
    public func selects(time: Int64?) -> Bool {
        guard let time else { return true }
        if let since, time < since { return false }
        if let until, time >= until { return false }
        return true
    }

    func selects(method: UnsafeBufferPointer<UInt8>) -> Bool {
        methodBytes.contains { $0.elementsEqual(method) }
    }

    /// A GET or HEAD answered 2xx or 304 is a hit: a read that shows the URL is popular.
    static func isHit(method: UnsafeBufferPointer<UInt8>, status: Int?) -> Bool {
        guard let status, (200...299).contains(status) || status == 304 else { return false }
        return method.elementsEqual("GET".utf8) || method.elementsEqual("HEAD".utf8)
    }

    /// Parses a `--status` list such as `200-299,404`.
    public static func parseStatuses(_ text: String) -> [ClosedRange<Int>]? {
        var ranges: [ClosedRange<Int>] = []
        for part in text.split(separator: ",") {
            let bounds = part.split(separator: "-", omittingEmptySubsequences: false)
                .map { $0.trimmingSpaces() }
            switch bounds.count {
            case 1:
                guard let value = Int(bounds[0]), (100...599).contains(value) else { return nil }
                ranges.append(value...value)
            case 2:
                guard let low = Int(bounds[0]), let high = Int(bounds[1]), (100...599).contains(low),
                    (100...599).contains(high), low <= high
                else { return nil }
                ranges.append(low...high)
            default:
                return nil
            }
        }
        return ranges.isEmpty ? nil : ranges
    }

    /// Parses a `--methods` list such as `PUT,POST`.
    public static func parseMethods(_ text: String) -> Set<String>? {
        let methods = text.split(separator: ",").map { $0.trimmingSpaces().uppercased() }
        guard !methods.isEmpty,
            methods.allSatisfy({ !$0.isEmpty && $0.utf8.allSatisfy { (0x41...0x5A).contains($0) } })
        else { return nil }
        return Set(methods)
    }
}

extension StringProtocol {
    /// The text without leading and trailing spaces and tabs.
    func trimmingSpaces() -> String {
        var scalars = Substring(self).unicodeScalars[...]
        while let first = scalars.first, first == " " || first == "\t" { scalars.removeFirst() }
        while let last = scalars.last, last == " " || last == "\t" { scalars.removeLast() }
        return String(String.UnicodeScalarView(scalars))
    }
}
