import CDNRefresh
import Foundation
import Support
import TestSupport
import Testing

/// The reading and planning hot path must not change a single byte of the report.
///
/// The files in `Golden/` were written by `cdn-refresh plan` as it was before the hash tables, the compact candidate
/// store and the two-stage reader (commit 741250a), from the inputs this suite recreates: the generated log of
/// `GeneratedLogs` (whole, gzip, split in two, through standard input), its manifest, the real corpus and a sample.
/// Each case runs the current binary on the same inputs and compares the report byte for byte. Collapsing (which
/// came later and changes the plan on purpose) is off; the four columns it added (`covered_by`, `prefetch`,
/// `prefetch_task_id`, `verify`) were appended to the recorded files: `covered_by` names the directory of each
/// `covered` row, the rest are empty, and no other cell changed. Since report cells escape control characters
/// reversibly (README "The report"), a backslash that starts `\x` in an invalid line's text is written `\\x`: 23
/// rows of each generated case changed so, and decoding their cells gives the recorded text back.
@Suite("golden reports: byte-identical to the pre-optimization output", .serialized)
struct GoldenReportTests {
    static let inputs = GoldenInputs()

    struct Case: Sendable, CustomTestStringConvertible {
        var name: String
        var arguments: [String]
        var needsCorpus = false
        var standardInput: String?
        var testDescription: String { name }
    }

    static let cases: [Case] = [
        Case(
            name: "gen-default",
            arguments: [
                "gen.log.gz", "manifest.txt", "--domain", "www.example.com", "--domain-map",
                "other.example.org=www.example.com", "--quota-urls", "400", "--quota-dirs", "3",
            ]),
        Case(
            name: "gen-split",
            arguments: [
                "manifest.txt", "gen-a.log", "gen-b.log.gz", "--domain", "www.example.com", "--query", "strip",
                "--priority-rule", "/static/s1/**=5", "--quota-urls", "1000",
            ]),
        Case(
            name: "gen-reads",
            arguments: [
                "gen.log", "--domain", "www.example.com", "--methods", "GET,HEAD,PUT,DELETE", "--status",
                "200-299,304,404", "--quota-urls", "3000", "--batch-size", "250",
            ]),
        Case(name: "gen-stdin", arguments: ["-", "--domain", "www.example.com"], standardInput: "gen.log.gz"),
        Case(name: "corpus-access", arguments: ["access_log.gz", "--domain", "www.example.com"], needsCorpus: true),
        Case(
            name: "corpus-access-reads",
            arguments: [
                "access_log.gz", "--domain", "www.example.com", "--methods", "GET,PUT", "--status", "200-299,404",
                "--quota-urls", "300",
            ], needsCorpus: true),
        Case(
            name: "corpus-shop",
            arguments: ["shop_access_log", "--domain", "www.zanbil.ir", "--methods", "GET", "--quota-urls", "100000"],
            needsCorpus: true),
        Case(name: "sample-access", arguments: ["sample-access.log.gz", "--domain", "www.example.com"]),
    ]

    @Test("the report equals the recorded one", arguments: cases.filter { !$0.needsCorpus })
    func report(_ testCase: Case) async throws {
        try await compare(testCase)
    }

    @Test(
        "the report of the real corpus equals the recorded one",
        .enabled(if: Requirement.corpus.runs, Requirement.corpus.missing), .requires(.corpus),
        arguments: cases.filter(\.needsCorpus))
    func corpusReport(_ testCase: Case) async throws {
        try await compare(testCase)
    }

    func compare(_ testCase: Case) async throws {
        let expected = try String(
            contentsOfFile: "\(PackageLocations.root)/Tests/EndToEndTests/Golden/\(testCase.name).csv", encoding: .utf8)
        let stdin = try testCase.standardInput.map { Array(try Data(contentsOf: Self.inputs.url(of: $0))) }
        let result = try await CommandRunner.run(
            ["plan", "--no-state", "--collapse", "off"] + testCase.arguments, stdin: stdin,
            environment: ["HOME": Self.inputs.directory.path], currentDirectory: Self.inputs.directory.path)
        #expect([0, 1].contains(result.status), "\(result.stderr)")
        if result.stdout != expected {
            let actual = Self.inputs.directory.write("\(testCase.name).actual.csv", text: result.stdout)
            Issue.record("the report of \(testCase.name) differs from Golden/\(testCase.name).csv; see \(actual)")
        }
    }

    @Test("two runs over the same inputs write the same bytes")
    func repeatable() async throws {
        let arguments = [
            "plan", "--no-state", "manifest.txt", "gen-a.log", "gen-b.log.gz", "--domain", "www.example.com",
        ]
        let first = try await CommandRunner.run(arguments, currentDirectory: Self.inputs.directory.path)
        let second = try await CommandRunner.run(arguments, currentDirectory: Self.inputs.directory.path)
        #expect(!first.stdout.isEmpty && first.stdout == second.stdout)
    }
}

/// The inputs of the golden cases, written once into a temporary directory under the names the cases use.
final class GoldenInputs: Sendable {
    let directory = TemporaryDirectory(prefix: "cdn-refresh-golden")

    init() {
        let log = GeneratedLogs.accessLog(lines: 40_000)
        directory.write("gen.log", bytes: log)
        directory.write("gen.log.gz", bytes: GzipWriter.compress(log))
        let middle = log[(log.count / 2)...].firstIndex(of: 0x0A)! + 1
        directory.write("gen-a.log", bytes: Array(log[..<middle]))
        directory.write("gen-b.log.gz", bytes: GzipWriter.compress(Array(log[middle...])))
        directory.write("manifest.txt", text: GeneratedLogs.manifest())
        let files = [
            ("\(PackageLocations.samples)/access.log.gz", "sample-access.log.gz"),
            (PackageLocations.corpusFile("lnav/access_log.gz"), "access_log.gz"),
            (PackageLocations.corpusFile("lnav/shop_access_log"), "shop_access_log"),
        ]
        for (source, name) in files {
            if let data = FileManager.default.contents(atPath: source) { directory.write(name, bytes: Array(data)) }
        }
    }

    func url(of name: String) -> URL {
        URL(fileURLWithPath: directory.file(name))
    }
}
