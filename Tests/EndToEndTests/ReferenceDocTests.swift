import Foundation
import TestSupport
import Testing

/// `docs/reference.md` documents exactly the options each subcommand's `--help` lists: one missing from either side
/// fails, so the reference cannot drift from the command definitions.
@Suite("docs/reference.md against --help")
struct ReferenceDocTests {
    static let subcommands = ["plan", "run", "quota", "tasks", "backlog", "history", "emulator"]

    /// Options every subcommand has, documented once in the reference's introduction.
    static let universal: Set<String> = ["--help", "--version"]

    @Test("every option of --help is in the reference, and nothing else is", arguments: subcommands)
    func sameOptions(subcommand: String) async throws {
        let help = try await CommandRunner.run([subcommand, "--help"])
        #expect(help.status == 0, "\(help.stderr)")
        let listed = ReferenceDocument.helpOptions(help.stdout).subtracting(Self.universal)
        let reference = try ReferenceDocument(path: PackageLocations.root + "/docs/reference.md")
        let documented = try #require(reference.options(of: subcommand), "no section `cdn-refresh \(subcommand)`")
        #expect(
            listed.subtracting(documented).isEmpty,
            "in `cdn-refresh \(subcommand) --help`, not in docs/reference.md: \(listed.subtracting(documented).sorted())"
        )
        #expect(
            documented.subtracting(listed).isEmpty,
            "in docs/reference.md, not in `cdn-refresh \(subcommand) --help`: \(documented.subtracting(listed).sorted())"
        )
    }

    @Test("the parser finds options in a section's tables and in the groups it links, and only there")
    func parserReadsSectionsAndGroups() throws {
        let text = """
            ## `cdn-refresh demo`

            Options: [shared](#shared-things), and:

            | option | meaning | default |
            |---|---|---|
            | `--alpha N\\|all` | mentions `--not-an-option` in its meaning | 1 |

            ## Option groups

            ### Shared things

            | option | meaning | default |
            |---|---|---|
            | `--beta`, `--gamma X` | two at once | — |

            ### Unlinked

            | `--delta` | not linked from demo | — |
            """
        let reference = ReferenceDocument(text: text)
        #expect(reference.options(of: "demo") == ["--alpha", "--beta", "--gamma"])
        #expect(reference.options(of: "missing") == nil)
        #expect(
            ReferenceDocument.helpOptions("  --one <x>   text\n  -q, --two   text\n      --three in text\n") == [
                "--one", "--two",
            ])
    }
}

/// The sections and tables of `docs/reference.md`, read as the test needs them.
struct ReferenceDocument {
    /// `##`/`###` headings with the lines beneath them (up to the next heading of any level).
    private var sections: [(heading: String, level: Int, lines: [Substring])] = []

    init(path: String) throws {
        self.init(text: try String(contentsOfFile: path, encoding: .utf8))
    }

    init(text: String) {
        for line in text.split(separator: "\n", omittingEmptySubsequences: false) {
            let level = line.prefix { $0 == "#" }.count
            if level >= 2, line.dropFirst(level).first == " " {
                sections.append((String(line.dropFirst(level + 1)), level, []))
            } else if !sections.isEmpty {
                sections[sections.count - 1].lines.append(line)
            }
        }
    }

    /// The options documented for `cdn-refresh SUBCOMMAND`; `nil` when the reference has no such section.
    ///
    /// Its own tables, and those of the `###` groups its section links to.
    func options(of subcommand: String) -> Set<String>? {
        guard let section = sections.first(where: { $0.heading == "`cdn-refresh \(subcommand)`" }) else { return nil }
        var options = Self.tableOptions(section.lines)
        for anchor in Self.anchors(section.lines) {
            for group in sections where group.level == 3 && Self.slug(group.heading) == anchor {
                options.formUnion(Self.tableOptions(group.lines))
            }
        }
        return options
    }

    /// Options named in the first cell of table rows.
    static func tableOptions(_ lines: [Substring]) -> Set<String> {
        var options = Set<String>()
        for line in lines where line.hasPrefix("| `--") {
            var cell = Substring(line.dropFirst(2))
            var escaped = false
            if let end = cell.indices.first(where: { index in
                defer { escaped = cell[index] == "\\" }
                return cell[index] == "|" && !escaped
            }) {
                cell = cell[..<end]
            }
            options.formUnion(longOptions(in: cell))
        }
        return options
    }

    /// The options `--help` lists: lines that begin, after the indentation, with `--name` or `-x, --name`.
    static func helpOptions(_ help: String) -> Set<String> {
        var options = Set<String>()
        for line in help.split(separator: "\n") where line.hasPrefix("  ") && !line.hasPrefix("   ") {
            var entry = line.dropFirst(2)
            if entry.first == "-", entry.dropFirst().first != "-", let comma = entry.firstIndex(of: ",") {
                entry = entry[entry.index(after: comma)...].drop { $0 == " " }
            }
            if entry.hasPrefix("--"), let name = longOptions(in: entry.prefix { $0 != " " }).first {
                options.insert(name)
            }
        }
        return options
    }

    /// `--name` tokens in a piece of text.
    private static func longOptions(in text: Substring) -> [String] {
        var names: [String] = []
        var rest = text[...]
        while let start = rest.range(of: "--") {
            let name = rest[start.upperBound...].prefix { $0.isLetter || $0.isNumber || $0 == "-" }
            if let first = name.first, first.isLetter { names.append("--" + name) }
            rest = rest[start.upperBound...].dropFirst(name.count)
        }
        return names
    }

    /// The `#anchor`s of the Markdown links in a section.
    private static func anchors(_ lines: [Substring]) -> [String] {
        lines.flatMap { line in
            line.split(separator: "](#").dropFirst().map { String($0.prefix { $0 != ")" }) }
        }
    }

    /// A heading's anchor as GitHub makes it: lower case, punctuation but `-` and `_` dropped, spaces as `-`.
    static func slug(_ heading: String) -> String {
        String(
            heading.lowercased().compactMap { character -> Character? in
                if character == " " { return "-" }
                return character.isLetter || character.isNumber || character == "-" || character == "_"
                    ? character : nil
            })
    }
}
