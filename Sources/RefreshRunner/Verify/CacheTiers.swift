import Foundation

/// What every tier of the CDN said of a copy: `X-Cache` (`MISS TCP_MISS dirn:-2:-2, HIT TCP_HIT dirn:12:345`, one
/// entry per tier, separated by commas) and `Via` (`cache13.l2cn1808[0,0,304-0,H], cache2.cn1234[0,0,200-0,M]`, one
/// hop per tier with its status and an H, M or C flag).
struct CacheTiers: Equatable {
    /// One tier's `X-Cache` entry, in the header's order.
    var codes: [CacheCode]
    /// The `X-Cache` entries as written, for reasons.
    var entries: [String]
    /// One `Via` hop each: whether it answered from its cache (`H`: true, `M`: false, else `nil`), and whether it
    /// revalidated with a 304.
    var hops: [Hop]

    struct Hop: Equatable {
        var hit: Bool?
        var revalidated: Bool
        var text: String
    }

    init(xCache: String?, via: String?) {
        entries = (xCache ?? "").split(separator: ",").map { $0.trimmingCharacters(in: .whitespaces) }
            .filter { !$0.isEmpty }
        codes = entries.map(CacheCode.init)
        hops = Self.hops(of: via ?? "")
    }

    /// The serving node's code.
    var primary: CacheCode { codes.first ?? .none }

    /// More than one tier is described.
    var isMultiTier: Bool { codes.count > 1 || hops.count > 1 }

    /// Some tier of a multi-tier answer answered from its cache: the version is as old as the CDN's first save.
    var upperTierHit: Bool {
        isMultiTier && (codes.contains(where: \.isHit) || hops.contains { $0.hit == true })
    }

    /// Every tier missed: the copy was fetched from the origin for this very request.
    var allMissed: Bool {
        !codes.isEmpty && codes.allSatisfy(\.fetchedNow) && !hops.contains { $0.hit == true }
    }

    /// Some tier revalidated its copy with the origin (`TCP_REFRESH_HIT`, or a 304 in `Via`).
    var revalidated: Bool { codes.contains(.refreshHit) || hops.contains(where: \.revalidated) }

    /// The tiers that answered from their cache, as the headers name them.
    var hitText: String {
        let named = zip(codes, entries).filter { $0.0.isHit }.map(\.1) + hops.filter { $0.hit == true }.map(\.text)
        return named.joined(separator: "; ")
    }

    /// `Via` hops: entries separated by commas outside the brackets.
    private static func hops(of via: String) -> [Hop] {
        var hops: [Hop] = []
        var current = ""
        var depth = 0
        func flush() {
            let text = current.trimmingCharacters(in: .whitespaces)
            current = ""
            guard !text.isEmpty, let open = text.firstIndex(of: "["), let close = text.lastIndex(of: "]"),
                open < close
            else { return }
            let fields = text[text.index(after: open)..<close].split(separator: ",").map {
                $0.trimmingCharacters(in: .whitespaces)
            }
            let flag = fields.last?.uppercased()
            let hit: Bool? = flag == "H" ? true : flag == "M" ? false : nil
            hops.append(Hop(hit: hit, revalidated: fields.contains { $0.hasPrefix("304") }, text: text))
        }
        for character in via {
            switch character {
            case "[": depth += 1
            case "]": depth = max(0, depth - 1)
            case "," where depth == 0:
                flush()
                continue
            default: break
            }
            current.append(character)
        }
        flush()
        return hops
    }
}

/// What one tier's `X-Cache` entry says of how it came by its copy.
enum CacheCode: Equatable {
    case hit, miss, refreshHit, refreshMiss, none

    var text: String {
        switch self {
        case .hit: "HIT"
        case .miss: "TCP_MISS"
        case .refreshHit: "TCP_REFRESH_HIT"
        case .refreshMiss: "TCP_REFRESH_MISS"
        case .none: "none"
        }
    }

    /// Reads `HIT TCP_MEM_HIT dirn:…`, `MISS TCP_MISS …`, or a bare `HIT`/`MISS`.
    init(_ entry: String) {
        let words = entry.uppercased().split(separator: " ")
        if words.contains("TCP_REFRESH_HIT") {
            self = .refreshHit
        } else if words.contains("TCP_REFRESH_MISS") {
            self = .refreshMiss
        } else if words.contains(where: { $0.hasPrefix("TCP_") && $0.hasSuffix("MISS") }) || words.first == "MISS" {
            self = .miss
        } else if words.first == "HIT" || words.contains(where: { $0.hasPrefix("TCP_") && $0.hasSuffix("HIT") }) {
            self = .hit
        } else {
            self = .none
        }
    }

    /// The tier fetched the copy for this very request.
    var fetchedNow: Bool { self == .miss || self == .refreshMiss }

    /// The tier answered from its cache.
    var isHit: Bool { self == .hit || self == .refreshHit }
}
