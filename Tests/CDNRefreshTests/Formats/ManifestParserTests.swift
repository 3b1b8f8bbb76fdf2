import Testing

@testable import CDNRefresh

@Suite("Manifest lines")
struct ManifestParserTests {
    /// What the parser made of a line.
    enum Parsed: Equatable {
        case skipped
        case invalid(String)
        case entry(url: String, type: EntryType?, priority: Int?)
    }

    func parse(_ line: String) -> Parsed {
        var line = line
        return line.withUTF8 { bytes in
            switch ManifestParser.parse(bytes) {
            case nil: .skipped
            case .failure(let failure): .invalid(failure.code)
            case .success(let entry):
                .entry(
                    url: String(decoding: bytes[entry.url], as: UTF8.self), type: entry.type, priority: entry.priority)
            }
        }
    }

    @Test("URL, type and priority fields")
    func fields() {
        #expect(parse("https://a.com/x/\tdir\t-5") == .entry(url: "https://a.com/x/", type: .directory, priority: -5))
        #expect(parse("https://a.com/a b.png") == .entry(url: "https://a.com/a b.png", type: nil, priority: nil))
        #expect(parse("/p\t\t7") == .entry(url: "/p", type: nil, priority: 7))
        #expect(
            parse("https://a.com/a.js\tIgnoreParams")
                == .entry(url: "https://a.com/a.js", type: .ignoreparams, priority: nil))
    }

    @Test("blank lines and comments are skipped")
    func skipped() {
        #expect(parse("") == .skipped)
        #expect(parse("   \t ") == .skipped)
        #expect(parse("# a comment") == .skipped)
        #expect(parse("  # indented comment") == .skipped)
    }

    @Test("an unknown type or a non-integer priority makes the line invalid")
    func invalid() {
        #expect(parse("https://a.com/\tfolder") == .invalid("InvalidType"))
        #expect(parse("https://a.com/\tfile\thigh") == .invalid("InvalidPriority"))
    }
}

@Suite("CSV manifests")
struct CSVManifestParserTests {
    func header(_ line: String) -> CSVManifestParser? {
        var line = line
        return line.withUTF8 { CSVManifestParser(header: $0) }
    }

    @Test("a header with a url column is recognised; URL lines are not headers")
    func headers() throws {
        let parser = try #require(header("priority,URL,type"))
        #expect(parser.urlColumn == 1 && parser.typeColumn == 2 && parser.priorityColumn == 0)
        #expect(header("url") != nil)
        #expect(header("https://a.com/x,url") == nil)
        #expect(header("name,path") == nil)
    }

    @Test("RFC 4180 fields: quotes, doubled quotes, commas inside quotes")
    func records() throws {
        let parser = try #require(header("url,type,priority"))
        var line = #""https://a.com/a,b.png",file,3"#
        let first = line.withUTF8 { parser.parse($0) }
        let parsed = try #require(first).get()
        #expect(parsed.url == "https://a.com/a,b.png" && parsed.type == .file && parsed.priority == 3)
        var quoted = #""https://a.com/say ""hi""",,"#
        let second = try #require(quoted.withUTF8 { parser.parse($0) }).get()
        #expect(second.url == #"https://a.com/say "hi""# && second.type == nil && second.priority == nil)
        var open = #""https://a.com/unterminated,file"#
        guard case .failure(let failure) = open.withUTF8({ parser.parse($0) }) else {
            Issue.record("an unterminated quote must be invalid")
            return
        }
        #expect(failure.message.contains("quoted"))
    }
}
