import Foundation

/// One entry of `NO_PROXY`, read as curl reads it: a host name (it and every name below it, with or without a leading
/// dot), an IP address, a CIDR range, each optionally with `:port`; `*` only as the whole value
/// (``rules(_:)``).
struct NoProxyRule: Sendable, Equatable {
    enum Pattern: Sendable, Equatable {
        case everything
        case domain(String)
        case address([UInt8], prefix: Int)
    }

    var pattern: Pattern
    var port: Int?

    /// The rules of a `NO_PROXY` value from `source`, and what was passed over (said as warnings).
    ///
    /// `*` matches every host only as the whole value; among other entries it is passed over, as curl does. A CIDR
    /// whose prefix is not a number within the address's bits is an error naming the value.
    static func rules(_ value: String, source: String) throws(NetworkSettingsError) -> (
        rules: [NoProxyRule], warnings: [String]
    ) {
        let trimmed = value.trimmingCharacters(in: .whitespaces)
        if trimmed == "*" { return ([NoProxyRule(pattern: .everything, port: nil)], []) }
        var rules: [NoProxyRule] = []
        var warnings: [String] = []
        for entry in trimmed.split(whereSeparator: { $0 == "," || $0 == " " }).map(String.init) {
            if entry == "*" {
                warnings.append(
                    "\(source): '*' counts only as the whole value (as curl reads it); in '\(value)' it is passed over")
                continue
            }
            if let rule = try NoProxyRule(entry, source: source) { rules.append(rule) }
        }
        return (rules, warnings)
    }

    /// Parses one entry; `nil` for an empty one.
    init?(_ text: String, source: String = "NO_PROXY") throws(NetworkSettingsError) {
        var entry = text.trimmingCharacters(in: .whitespaces).lowercased()
        guard !entry.isEmpty else { return nil }
        var port: Int?
        if entry.hasPrefix("[") {
            // [v6]:port or [v6]
            guard let close = entry.firstIndex(of: "]") else { return nil }
            let rest = entry[entry.index(after: close)...]
            if rest.hasPrefix(":") { port = Int(rest.dropFirst()) }
            entry = String(entry[entry.index(after: entry.startIndex)..<close])
        } else if entry.filter({ $0 == ":" }).count == 1, let colon = entry.lastIndex(of: ":"),
            let number = Int(entry[entry.index(after: colon)...])
        {
            port = number
            entry = String(entry[..<colon])
        }
        var prefix: Int?
        if let slash = entry.firstIndex(of: "/") {
            let digits = entry[entry.index(after: slash)...]
            let address = Self.address(String(entry[..<slash]))
            guard let address, digits.allSatisfy(\.isASCII), digits.allSatisfy(\.isNumber), let bits = Int(digits),
                bits <= address.count * 8
            else {
                throw .badNoProxy(
                    source: source, entry: text.trimmingCharacters(in: .whitespaces),
                    reason: address == nil
                        ? "a CIDR range needs an IP address before the '/'"
                        : "the prefix after '/' must be a number from 0 to \(address!.count * 8)")
            }
            prefix = bits
            entry = String(entry[..<slash])
        }
        if let bytes = Self.address(entry) {
            self.init(pattern: .address(bytes, prefix: prefix ?? bytes.count * 8), port: port)
            return
        }
        while entry.hasPrefix(".") || entry.hasPrefix("*.") { entry.removeFirst(entry.hasPrefix("*.") ? 2 : 1) }
        while entry.hasSuffix(".") { entry.removeLast() }
        guard !entry.isEmpty else { return nil }
        self.init(pattern: .domain(entry), port: port)
    }

    private init(pattern: Pattern, port: Int?) {
        self.pattern = pattern
        self.port = port
    }

    /// Whether a request to `host:port` goes direct by this entry.
    func matches(host: String, port: Int) -> Bool {
        if let own = self.port, own != port { return false }
        switch pattern {
        case .everything:
            return true
        case .domain(let domain):
            var name = host.lowercased()
            while name.hasSuffix(".") { name.removeLast() }
            return name == domain || name.hasSuffix("." + domain)
        case .address(let network, let prefix):
            guard let address = Self.address(host), address.count == network.count else { return false }
            var remaining = prefix
            for (a, b) in zip(address, network) where remaining > 0 {
                let bits = min(8, remaining)
                let mask: UInt8 = bits == 8 ? 0xFF : ~(0xFF >> UInt8(bits))
                if a & mask != b & mask { return false }
                remaining -= bits
            }
            return true
        }
    }

    /// The bytes of an IPv4 or IPv6 literal (brackets allowed); `nil` for a name.
    static func address(_ text: String) -> [UInt8]? {
        let bare = text.trimmingCharacters(in: CharacterSet(charactersIn: "[]"))
        let octets = bare.split(separator: ".", omittingEmptySubsequences: false)
        if octets.count == 4 {
            let values = octets.compactMap { $0.allSatisfy(\.isNumber) && !$0.isEmpty ? UInt8($0) : nil }
            return values.count == 4 ? values : nil
        }
        guard bare.contains(":") else { return nil }
        let halves = bare.components(separatedBy: "::")
        guard halves.count <= 2 else { return nil }
        func groups(_ part: String) -> [UInt16]? {
            part.isEmpty
                ? []
                : part.split(separator: ":").map { UInt16($0, radix: 16) }.reduce(into: [UInt16]?([])) {
                    guard var list = $0, let value = $1 else { $0 = nil; return }
                    list.append(value)
                    $0 = list
                }
        }
        guard let head = groups(halves[0]), let tail = halves.count == 2 ? groups(halves[1]) : [] else { return nil }
        let missing = 8 - head.count - tail.count
        guard missing >= 0, halves.count == 2 || missing == 0 else { return nil }
        let all = head + Array(repeating: 0, count: missing) + tail
        return all.flatMap { [UInt8($0 >> 8), UInt8($0 & 0xFF)] }
    }
}
