import Foundation
import TestSupport
import Testing

@testable import CDNRefresh

/// One normalization case: input, how to read it, and the expected canonical URL or error.
struct NormalizationCase: CustomTestStringConvertible, Sendable {
    var input: String
    var form: TargetForm = .manifestEntry
    var type: EntryType = .file
    var encoding: PathEncoding = .escaped
    var options = NormalizationOptions(defaultDomain: "cdn.example.com")
    var expected: Result<String, NormalizationError>

    var testDescription: String { "\(input) [\(type.rawValue)]" }
}

private func ok(_ input: String, _ expected: String) -> NormalizationCase {
    NormalizationCase(input: input, expected: .success(expected))
}

private func fails(_ input: String, _ error: NormalizationError) -> NormalizationCase {
    NormalizationCase(input: input, expected: .failure(error))
}

@Suite("URL normalization")
struct URLNormalizerTests {
    static let cases: [NormalizationCase] = [
        // Scheme, host case, default ports, userinfo and fragment.
        ok("HTTP://Example.COM:80/a/./b/../c/%7efoo?b=2&a=1#frag", "http://example.com/a/c/~foo?b=2&a=1"),
        ok("https://example.com:443/", "https://example.com/"),
        ok("https://example.com:8443/x", "https://example.com:8443/x"),
        ok("http://example.com:443/x", "http://example.com:443/x"),
        ok("https://example.com:/a", "https://example.com/a"),
        ok("https://user:secret@Example.com/a", "https://example.com/a"),
        ok("https://example.com", "https://example.com/"),
        ok("https://example.com./a", "https://example.com/a"),
        ok("https://EXAMPLE.com/A/B", "https://example.com/A/B"),
        ok("  https://example.com/a  ", "https://example.com/a"),
        // Scheme-less forms.
        ok("example.com/img/1.png", "https://example.com/img/1.png"),
        ok("//example.com/a", "https://example.com/a"),
        ok("/img/1.png", "https://cdn.example.com/img/1.png"),
        // Percent-encoding: decode unreserved only, upper-case hex, never double-encode.
        ok("https://example.com/a b.png", "https://example.com/a%20b.png"),
        ok("https://example.com/%e4%b8%ad%e6%96%87/", "https://example.com/%E4%B8%AD%E6%96%87/"),
        ok("https://example.com/中文/图片.png", "https://example.com/%E4%B8%AD%E6%96%87/%E5%9B%BE%E7%89%87.png"),
        ok("https://example.com/a%2Fb%3F%25%2c", "https://example.com/a%2Fb%3F%25%2C"),
        ok("https://example.com/100%", "https://example.com/100%25"),
        ok("https://example.com/%zz%4", "https://example.com/%25zz%254"),
        ok("https://example.com/%41%42%2d%5F%7E", "https://example.com/AB-_~"),
        ok("https://example.com/a|b^c`d{e}\"<>\\", "https://example.com/a%7Cb%5Ec%60d%7Be%7D%22%3C%3E%5C"),
        ok("https://example.com/keep:@!$&'()*+,;=", "https://example.com/keep:@!$&'()*+,;="),
        // Dot segments (RFC 3986 §5.2.4), also when encoded as %2E.
        ok("https://example.com/a/%2e%2E/b", "https://example.com/b"),
        ok("https://example.com/a/b/..", "https://example.com/a/"),
        ok("https://example.com/a/./b/.", "https://example.com/a/b/"),
        ok("https://example.com/../../x", "https://example.com/x"),
        ok("https://example.com/a//b", "https://example.com/a//b"),
        ok("https://example.com/.well-known/x", "https://example.com/.well-known/x"),
        // Query: kept in order with the same escaping; an empty query is dropped.
        ok("https://example.com/a?x=1|2&y=<>", "https://example.com/a?x=1%7C2&y=%3C%3E"),
        ok("https://example.com/a?", "https://example.com/a"),
        ok("https://example.com?", "https://example.com/"),
        ok("https://example.com/a?q=/path?x#frag", "https://example.com/a?q=/path?x"),
        // Hosts: IDNA, percent-encoded, IP literals.
        ok("https://例子.测试/p", "https://xn--fsqu00a.xn--0zwm56d/p"),
        ok("https://faß.ExAmPle/", "https://xn--fa-hia.example/"),
        ok("https://例子。测试/p", "https://xn--fsqu00a.xn--0zwm56d/p"),
        ok("http://%65xample.com/", "http://example.com/"),
        ok("http://[::1]:8080/a", "http://[::1]:8080/a"),
        ok("https://xn--fsqu00a.xn--0zwm56d/p", "https://xn--fsqu00a.xn--0zwm56d/p"),
        // Failures.
        fails("https://*.example.com/a", .wildcardHost),
        fails("ftp://example.com/a", .unsupportedScheme("ftp")),
        fails("https://exa mple.com/", .invalidHost("' ' is not allowed in a host name")),
        fails("https://a..b/", .invalidHost("empty label (two dots in a row)")),
        fails("https://example.com:99999/", .invalidPort("99999")),
        fails("https://example.com:8o/", .invalidPort("8o")),
        fails("   ", .empty),
        fails(
            "images/a.png",
            .invalidHost("'images' is not a domain name; give a full URL, or a /path with --domain")),
        NormalizationCase(input: "/img/1.png", options: NormalizationOptions(), expected: .failure(.missingDomain)),
        // Types.
        NormalizationCase(
            input: "https://example.com/static", type: .directory, expected: .success("https://example.com/static/")),
        NormalizationCase(
            input: "https://example.com/static/?x=1", type: .directory,
            expected: .success("https://example.com/static/")),
        NormalizationCase(input: "https://Example.com", type: .directory, expected: .success("https://example.com/")),
        NormalizationCase(
            input: "http://WWW.example.com/[0-9][a-z].*.jpg", type: .regex,
            expected: .success("http://www.example.com/[0-9][a-z].*.jpg")),
        NormalizationCase(
            input: "https://example.com/a.js?v=3", type: .ignoreparams, expected: .success("https://example.com/a.js")),
        // Log request targets.
        NormalizationCase(
            input: "dolore/do/labore", form: .logTarget, expected: .success("https://cdn.example.com/dolore/do/labore")),
        NormalizationCase(
            input: "//images/a.png", form: .logTarget, expected: .success("https://cdn.example.com//images/a.png")),
        NormalizationCase(input: "*", form: .logTarget, expected: .failure(.notAURL("*"))),
        NormalizationCase(input: "http://Other.com:80/x", form: .logTarget, expected: .success("http://other.com/x")),
        NormalizationCase(
            input: "/filter/27|13%20%D9%85,27|%DA%A9%2C%28,p53", form: .logTarget,
            expected: .success("https://cdn.example.com/filter/27%7C13%20%D9%85,27%7C%DA%A9%2C%28,p53")),
        // OSS object keys are data: '%' is a literal percent sign.
        NormalizationCase(
            input: "a b/100%41.jpg", form: .logTarget, encoding: .raw,
            expected: .success("https://cdn.example.com/a%20b/100%2541.jpg")),
        NormalizationCase(
            input: "dir/file?name#x", form: .logTarget, encoding: .raw,
            expected: .success("https://cdn.example.com/dir/file%3Fname%23x")),
        // --domain-map and --scheme.
        NormalizationCase(
            input: "https://origin.example.com/a",
            options: NormalizationOptions(domainMap: ["origin.example.com": "cdn.example.com"]),
            expected: .success("https://cdn.example.com/a")),
        NormalizationCase(
            input: "https://origin.example.com:8080/a",
            options: NormalizationOptions(domainMap: ["origin.example.com:8080": "cdn.example.com"]),
            expected: .success("https://cdn.example.com/a")),
        NormalizationCase(
            input: "/a", options: NormalizationOptions(defaultScheme: .http, defaultDomain: "cdn.example.com"),
            expected: .success("http://cdn.example.com/a")),
        NormalizationCase(
            input: "https://example.com/a?x=1", options: NormalizationOptions(query: .strip),
            expected: .success("https://example.com/a")),
    ]

    @Test("canonical form", arguments: cases)
    func normalizes(_ testCase: NormalizationCase) {
        var normalizer = URLNormalizer(options: testCase.options)
        let result = normalizer.normalize(
            testCase.input, form: testCase.form, encoding: testCase.encoding, type: testCase.type)
        #expect(result == testCase.expected)
    }

    @Test("normalizing a canonical URL changes nothing", arguments: cases)
    func idempotent(_ testCase: NormalizationCase) throws {
        var normalizer = URLNormalizer(options: testCase.options)
        guard case .success(let once) = testCase.expected else { return }
        #expect(normalizer.normalize(once, type: testCase.type) == .success(once))
    }

    /// Targets at the edge of the fast path for canonical origin-form paths: each must come out exactly as the
    /// general path makes it.
    static let originFormTargets = [
        "/", "/a", "/a/b.js", "/a/b.js?v=1", "/a?", "/a?b?c", "/a?x=/y/", "/a#f", "/a?x#f", "/a/./b", "/a/../b", "/.",
        "/..", "/.well-known/x", "/a/.b", "/a.b/c.", "/a%41", "/a%2F", "/a b", "/a\u{00E9}", "//host/a", "//", "/a//b",
        "/A/B?C=D", "/a;p=1,2", "/~u/!$&'()*+,;=:@", "/a?%41", "/a?q=\u{4E2D}", "/a|b", "/a?b|c", "/a\"b",
    ]

    @Test("the fast path for canonical origin-form targets agrees with the general path")
    func fastPathAgrees() {
        for query in [QueryMode.keep, .strip] {
            for scheme in [URLScheme.https, .http] {
                let options = NormalizationOptions(
                    defaultScheme: scheme, defaultDomain: "cdn.example.com", query: query)
                var fast = URLNormalizer(options: options)
                var general = URLNormalizer(options: options, fastPath: false)
                for target in Self.originFormTargets {
                    for form in [TargetForm.logTarget, .manifestEntry] {
                        let expected = general.normalize(target, form: form)
                        #expect(fast.normalize(target, form: form) == expected, "\(target) \(form) \(query)")
                    }
                }
            }
        }
    }

    @Test("an OSS host must be mapped unless --domain is given")
    func ossHost() {
        var unmapped = URLNormalizer(options: NormalizationOptions())
        #expect(
            unmapped.normalize("a.png", form: .logTarget, encoding: .raw, hostField: "b.oss-cn-hangzhou.aliyuncs.com")
                == .failure(.unmappedOSSHost("b.oss-cn-hangzhou.aliyuncs.com")))
        var mapped = URLNormalizer(
            options: NormalizationOptions(domainMap: ["b.oss-cn-hangzhou.aliyuncs.com": "img.example.com"]))
        #expect(
            mapped.normalize("a.png", form: .logTarget, encoding: .raw, hostField: "b.oss-cn-hangzhou.aliyuncs.com")
                == .success("https://img.example.com/a.png"))
        var custom = URLNormalizer(options: NormalizationOptions())
        #expect(
            custom.normalize("a.png", form: .logTarget, encoding: .raw, hostField: "static.example.com")
                == .success("https://static.example.com/a.png"))
    }

    @Test("--domain values are canonicalized")
    func domainOption() {
        #expect(NormalizationOptions.canonicalDomain("CDN.Example.com.") == .success("cdn.example.com"))
        #expect(NormalizationOptions.canonicalDomain("cdn.example.com:443") == .success("cdn.example.com"))
        #expect(NormalizationOptions.canonicalDomain("cdn.example.com:8080") == .success("cdn.example.com:8080"))
        #expect(NormalizationOptions.canonicalDomain("例子.测试") == .success("xn--fsqu00a.xn--0zwm56d"))
        guard case .failure = NormalizationOptions.canonicalDomain("cdn.example.com/path") else {
            Issue.record("a path is not a domain")
            return
        }
    }
}

@Suite(
    "Normalization over the real corpus", .enabled(if: Requirement.corpus.runs, Requirement.corpus.missing),
    .requires(.corpus))
struct CorpusIdempotencyTests {
    static let files = ["lnav/access_log.gz", "lnav/shop_access_log", "lnav/bad_access_log"]

    /// Every request target in the corpus, normalized once, is unchanged by a second normalization.
    @Test("normalizing twice equals normalizing once", arguments: files)
    func idempotentOverCorpus(file: String) {
        var targets: [String] = []
        let outcome = InputReader().read(.file(PackageLocations.corpusFile(file))) { event in
            guard case .line(let line, _) = event else { return }
            var parser = CombinedLogParser()
            if case .success(let record) = parser.parse(line) {
                var decoded: [UInt8] = []
                LogEscapes.decode(UnsafeBufferPointer(rebasing: line[record.target]), into: &decoded)
                targets.append(String(decoding: decoded, as: UTF8.self))
            }
        }
        #expect(outcome.damage == nil)
        #expect(targets.count >= 2)
        var normalizer = URLNormalizer(options: NormalizationOptions(defaultDomain: "www.example.com"))
        var normalized = 0
        for target in targets {
            for type in [EntryType.file, .directory, .ignoreparams] {
                guard case .success(let once) = normalizer.normalize(target, form: .logTarget, type: type) else {
                    continue
                }
                normalized += 1
                let twice = normalizer.normalize(once, type: type)
                #expect(twice == .success(once), "\(target) → \(once) → \(twice)")
                #expect(once.utf8.allSatisfy { $0 > 0x20 && $0 < 0x7F }, "non-ASCII or space in \(once)")
            }
        }
        #expect(normalized >= targets.count)
    }
}

@Suite("Punycode (RFC 3492 §7.1 samples)")
struct PunycodeTests {
    static let samples: [(String, [UInt32], String)] = [
        (
            "A Arabic",
            [
                0x644, 0x64A, 0x647, 0x645, 0x627, 0x628, 0x62A, 0x643, 0x644, 0x645, 0x648, 0x634, 0x639, 0x631, 0x628,
                0x64A, 0x61F,
            ], "egbpdaj6bu4bxfgehfvwxn"
        ),
        (
            "B Chinese simplified", [0x4ED6, 0x4EEC, 0x4E3A, 0x4EC0, 0x4E48, 0x4E0D, 0x8BF4, 0x4E2D, 0x6587],
            "ihqwcrb4cv8a8dqg056pqjye"
        ),
        (
            "C Chinese traditional", [0x4ED6, 0x5011, 0x7232, 0x4EC0, 0x9EBD, 0x4E0D, 0x8AAA, 0x4E2D, 0x6587],
            "ihqwctvzc91f659drss3x8bo0yb"
        ),
        (
            "D Czech",
            [
                0x50, 0x72, 0x6F, 0x10D, 0x70, 0x72, 0x6F, 0x73, 0x74, 0x11B, 0x6E, 0x65, 0x6D, 0x6C, 0x75, 0x76, 0xED,
                0x10D, 0x65, 0x73, 0x6B, 0x79,
            ], "Proprostnemluvesky-uyb24dma41a"
        ),
        (
            "E Hebrew",
            [
                0x5DC, 0x5DE, 0x5D4, 0x5D4, 0x5DD, 0x5E4, 0x5E9, 0x5D5, 0x5D8, 0x5DC, 0x5D0, 0x5DE, 0x5D3, 0x5D1, 0x5E8,
                0x5D9, 0x5DD, 0x5E2, 0x5D1, 0x5E8, 0x5D9, 0x5EA,
            ], "4dbcagdahymbxekheh6e0a7fei0b"
        ),
        (
            "G Japanese",
            [
                0x306A, 0x305C, 0x307F, 0x3093, 0x306A, 0x65E5, 0x672C, 0x8A9E, 0x3092, 0x8A71, 0x3057, 0x3066, 0x304F,
                0x308C, 0x306A, 0x3044, 0x306E, 0x304B,
            ], "n8jok5ay5dzabd5bym9f0cm5685rrjetr6pdxa"
        ),
        ("L 3年B組金八先生", [0x33, 0x5E74, 0x42, 0x7D44, 0x91D1, 0x516B, 0x5148, 0x751F], "3B-ww4c5e180e575a65lsy2b"),
        (
            "M with-SUPER-MONKEYS",
            [
                0x5B89, 0x5BA4, 0x5948, 0x7F8E, 0x6075, 0x2D, 0x77, 0x69, 0x74, 0x68, 0x2D, 0x53, 0x55, 0x50, 0x45,
                0x52, 0x2D, 0x4D, 0x4F, 0x4E, 0x4B, 0x45, 0x59, 0x53,
            ], "-with-SUPER-MONKEYS-pc58ag80a8qai00g7n9n"
        ),
        (
            "N Hello-Another-Way",
            [
                0x48, 0x65, 0x6C, 0x6C, 0x6F, 0x2D, 0x41, 0x6E, 0x6F, 0x74, 0x68, 0x65, 0x72, 0x2D, 0x57, 0x61, 0x79,
                0x2D, 0x305D, 0x308C, 0x305E, 0x308C, 0x306E, 0x5834, 0x6240,
            ], "Hello-Another-Way--fc4qua05auwb3674vfr0b"
        ),
        ("O ひとつ屋根の下2", [0x3072, 0x3068, 0x3064, 0x5C4B, 0x6839, 0x306E, 0x4E0B, 0x32], "2-u9tlzr9756bt3uc0v"),
        (
            "P MajiでKoiする5秒前",
            [0x4D, 0x61, 0x6A, 0x69, 0x3067, 0x4B, 0x6F, 0x69, 0x3059, 0x308B, 0x35, 0x79D2, 0x524D],
            "MajiKoi5-783gue6qz075azm5e"
        ),
        ("Q パフィーdeルンバ", [0x30D1, 0x30D5, 0x30A3, 0x30FC, 0x64, 0x65, 0x30EB, 0x30F3, 0x30D0], "de-jg4avhby1noc0d"),
        ("R そのスピードで", [0x305D, 0x306E, 0x30B9, 0x30D4, 0x30FC, 0x30C9, 0x3067], "d9juau41awczczp"),
        ("S all basic", [0x2D, 0x3E, 0x20, 0x24, 0x31, 0x2E, 0x30, 0x30, 0x20, 0x3C, 0x2D], "-> $1.00 <--"),
    ]

    @Test("encodes the RFC's samples", arguments: samples)
    func encodes(name: String, codePoints: [UInt32], expected: String) {
        let scalars = codePoints.compactMap(Unicode.Scalar.init)
        #expect(Punycode.encode(scalars) == expected, "sample \(name)")
    }
}
