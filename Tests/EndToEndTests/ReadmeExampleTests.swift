import Foundation
import TestSupport
import Testing

/// Every README code block that uses `--sandbox` is run, whole and in order.
///
/// So the README cannot show a command that no longer works. The blocks run in a scratch directory that holds a link to `samples/`, with a private
/// HOME, as a newcomer's fresh clone would.
@Suite("the README's sandbox examples")
struct ReadmeExampleTests {
    /// Commands a sandbox block may show that this test does not run (the README's second command).
    static let notRun: Set<String> = ["swift test"]

    @Test("every block with --sandbox runs and exits 0")
    func sandboxBlocksRun() async throws {
        let readme = try String(contentsOfFile: PackageLocations.root + "/README.md", encoding: .utf8)
        let blocks = ReadmeExamples.shellBlocks(readme).filter { $0.contains { $0.contains("--sandbox") } }
        #expect(blocks.count >= 4, "the README's sandbox examples were not found")
        let directory = TemporaryDirectory()
        try FileManager.default.createSymbolicLink(
            atPath: directory.file("samples"), withDestinationPath: PackageLocations.samples)
        let home = directory.file("home")
        try FileManager.default.createDirectory(atPath: home, withIntermediateDirectories: true)
        for command in blocks.joined() where !Self.notRun.contains(command) {
            let arguments = try #require(
                ReadmeExamples.arguments(command), "not a plain cdn-refresh command: \(command)")
            let result = try await CommandRunner.run(
                arguments, environment: ["HOME": home], currentDirectory: directory.path)
            #expect(result.status == 0, "\(command)\n\(result.stderr)")
        }
        #expect(!FileManager.default.fileExists(atPath: home + "/.local/state/cdn-refresh"), "a sandbox kept state")
    }

    @Test("commands are read across continuation lines, without comments, and shell syntax is refused")
    func readsCommands() {
        let text = """
            Text.

            ```sh
            # a comment
            cdn-refresh run a.log --domain x.example \\
              --sandbox   # trailing comment
            swift test
            ```

            ```
            cdn-refresh not-sh
            ```
            """
        #expect(
            ReadmeExamples.shellBlocks(text) == [["cdn-refresh run a.log --domain x.example --sandbox", "swift test"]])
        #expect(ReadmeExamples.arguments("swift run cdn-refresh run a --sandbox") == ["run", "a", "--sandbox"])
        #expect(ReadmeExamples.arguments("cdn-refresh run a | head") == nil)
        #expect(ReadmeExamples.arguments("export X=1") == nil)
    }
}

/// The shell examples of a Markdown text.
enum ReadmeExamples {
    /// The commands of each ```` ```sh ```` block: comments dropped, continuation lines joined.
    static func shellBlocks(_ markdown: String) -> [[String]] {
        var blocks: [[String]] = []
        var current: [String]?
        var pending = ""
        for raw in markdown.split(separator: "\n", omittingEmptySubsequences: false) {
            let line = raw.trimmingCharacters(in: .whitespaces)
            if current == nil {
                if line == "```sh" { current = [] }
                continue
            }
            if line == "```" {
                blocks.append(current ?? [])
                current = nil
                continue
            }
            var code = line.hasPrefix("#") ? "" : line
            if let comment = code.range(of: " #") { code = String(code[..<comment.lowerBound]) }
            code = code.trimmingCharacters(in: .whitespaces)
            if code.hasSuffix("\\") {
                pending += code.dropLast().trimmingCharacters(in: .whitespaces) + " "
                continue
            }
            let command = (pending + code).trimmingCharacters(in: .whitespaces)
            pending = ""
            if !command.isEmpty { current?.append(command) }
        }
        return blocks
    }

    /// The arguments of `cdn-refresh …` or `swift run cdn-refresh …`; `nil` for anything else, or for a command
    /// that needs a shell (pipes, redirections, substitutions, quotes, variables).
    static func arguments(_ command: String) -> [String]? {
        guard command.rangeOfCharacter(from: CharacterSet(charactersIn: "|&;<>$`'\"()*")) == nil else { return nil }
        var words = command.split(separator: " ").map(String.init)
        if words.starts(with: ["swift", "run"]) { words.removeFirst(2) }
        guard words.first == "cdn-refresh" else { return nil }
        return Array(words.dropFirst())
    }
}
