/// Which log records are refresh candidates (`--methods`, `--status`, `--since`, `--until`) and which count
/// as hits.
package struct SelectionRules: Sendable, Equatable {
    /// Upper-case request methods that make a record a candidate.
    package var methods: Set<String>
    /// Statuses that make a record a candidate.
    package var statuses: [ClosedRange<Int>]
    /// Candidates must be at or after this time (seconds since the epoch), if set.
    package var since: Int64?
    /// Candidates must be before this time, if set.
    package var until: Int64?

    /// The defaults: writes (`PUT,POST,PATCH,DELETE`) with a 2xx status.
    package init(
        methods: Set<String> = ["PUT", "POST", "PATCH", "DELETE"],
        statuses: [ClosedRange<Int>] = [200...299],
        since: Int64? = nil,
        until: Int64? = nil
    ) {
        self.methods = Set(methods.map { $0.uppercased() })
        self.statuses = statuses
        self.since = since
        self.until = until
        self.methodKeys = self.methods.map { method in
            var method = method
            return method.withUTF8 { Self.methodKey($0) }
        }
        self.longMethods = self.methods.map { Array($0.utf8) }.filter { $0.count > 8 }
        var table = [Bool](repeating: false, count: 600)
        for range in statuses {
            for status in range where table.indices.contains(status) { table[status] = true }
        }
        self.statusTable = table
    }

    /// `--methods` packed as ``methodKey(_:)``.
    private var methodKeys: [UInt64]
    /// `--methods` longer than 8 bytes, which do not pack.
    private var longMethods: [[UInt8]]
    /// Whether each status (index) is one of `--status`.
    private var statusTable: [Bool]

    /// Whether `status` is one of `--status`.
    @inline(__always)
    package func selects(status: Int?) -> Bool {
        guard let status, status >= 0, status < statusTable.count else { return false }
        return statusTable[status]
    }

    /// Whether `time` is inside `--since`/`--until` (records without a time are always inside).
    package func selects(time: Int64?) -> Bool {
        guard let time else { return true }
        if let since, time < since { return false }
        if let until, time >= until { return false }
        return true
    }

    @inline(__always)
    func selects(method: UnsafeBufferPointer<UInt8>) -> Bool {
        if method.count > 8 { return longMethods.contains { $0.elementsEqual(method) } }
        let key = Self.methodKey(method)
        return key != 0 && methodKeys.contains(key)
    }

    /// A GET or HEAD answered 2xx or 304 is a hit: a read that shows the URL is popular.
    @inline(__always)
    static func isHit(method: UnsafeBufferPointer<UInt8>, status: Int?) -> Bool {
        guard let status, (200...299).contains(status) || status == 304 else { return false }
        let key = methodKey(method)
        return key == getKey || key == headKey
    }

    private static let getKey: UInt64 = 0x47_45_54
    private static let headKey: UInt64 = 0x48_45_41_44

    /// A method of 1…8 bytes as one number (its bytes, first byte most significant); 0 for any other length.
    ///
    /// Methods are upper-case ASCII letters (`--methods` is validated so), and a log's method is compared by
    /// number instead of byte by byte.
    @inline(__always)
    static func methodKey(_ method: UnsafeBufferPointer<UInt8>) -> UInt64 {
        guard (1...8).contains(method.count) else { return 0 }
        var key: UInt64 = 0
        for byte in method { key = key << 8 | UInt64(byte) }
        return key
    }

    /// Parses a `--status` list such as `200-299,404`.
    package static func parseStatuses(_ text: String) -> [ClosedRange<Int>]? {
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
    package static func parseMethods(_ text: String) -> Set<String>? {
        let methods = text.split(separator: ",").map { $0.trimmingSpaces().uppercased() }
        guard !methods.isEmpty,
            methods.allSatisfy({ !$0.isEmpty && $0.utf8.allSatisfy { (0x41...0x5A).contains($0) } })
        else { return nil }
        return Set(methods)
    }
}

extension StringProtocol {
    /// The text without leading and trailing spaces and tabs.
    ///
    /// Works on the UTF-8 bytes (a space and a tab are single bytes, never part of another character's encoding), and
    /// copies them once: a CSV manifest of a million rows trims several fields of every row.
    func trimmingSpaces() -> String {
        let bytes = Substring(self).utf8
        func isSpace(_ byte: UInt8) -> Bool { byte == 0x20 || byte == 0x09 }
        guard let first = bytes.first, let last = bytes.last else { return "" }
        if !isSpace(first), !isSpace(last) { return String(self) }
        guard let start = bytes.firstIndex(where: { !isSpace($0) }),
            let end = bytes.lastIndex(where: { !isSpace($0) })
        else { return "" }
        return String(decoding: bytes[start...end], as: UTF8.self)
    }
}
