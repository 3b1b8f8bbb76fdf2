import Support
import TestSupport

@testable import CDNRefresh

/// Canonical URLs in a reusable buffer, as the input processor hands them to the tables.
struct CanonicalURLs {
    private var normalizer = URLNormalizer(options: NormalizationOptions())
    private(set) var buffer = URLBuffer()

    /// Fills the buffer with `url`, which must already be canonical (normalizing it changes nothing).
    mutating func load(_ url: String) -> URLBuffer {
        var text = url
        let error = text.withUTF8 {
            normalizer.normalize(
                target: $0, hostField: nil, form: .manifestEntry, encoding: .escaped, type: .file, into: &buffer)
        }
        precondition(error == nil && buffer.string == url, "not a canonical URL: \(url)")
        return buffer
    }
}

/// Deterministic canonical URLs with directories of several depths, query variants and shared prefixes.
enum GeneratedURLs {
    static func make(count: Int, seed: UInt64) -> [String] {
        var random = SplitMix64(seed: seed)
        return (0..<count).map { _ in
            let host = ["https://a.example.com", "https://b.example.com", "http://c.example.com:8080"][
                Int(random.next() % 3)]
            let depth = Int(random.next() % 4)
            var path = ""
            for _ in 0..<depth { path += "/d\(random.next() % 6)" }
            switch random.next() % 5 {
            case 0: path += "/"
            case 1: path += "/f\(random.next() % 50).js?v=\(random.next() % 4)"
            default: path += "/f\(random.next() % 50).js"
            }
            return host + path
        }
    }
}
