import Foundation
import Testing

@testable import AlibabaCDN

@Suite("Reading GetLogs answers")
struct SLSAnswerReaderTests {
    static func read(_ text: String) -> SLSAnswerReader.Answer? { SLSAnswerReader.read(Array(text.utf8)) }

    @Test("GetLogsV2's object: meta.progress and the data rows, other members skipped however nested")
    func v2() throws {
        let answer = try #require(
            Self.read(
                #"""
                { "meta": {"count": 2, "keys": ["uri", "hits"], "progress": "Incomplete", "terms": [{"a": [1, {}]}],
                  "hasSQL": true, "cpuSec": 0.25e1},
                  "data": [ {"uri": "/a.js", "hits": "3"}, {"uri": "/b.js", "hits": "1"} ], "extra": null }
                """#))
        #expect(answer.progress == "Incomplete")
        #expect(answer.rows == [["uri": "/a.js", "hits": "3"], ["uri": "/b.js", "hits": "1"]])
        #expect(Self.read(#"{"data": []}"#) == SLSAnswerReader.Answer(rows: [], progress: nil))
    }

    @Test("the v1 API's bare array; values that are not strings become their text, null empty")
    func v1() {
        #expect(
            Self.read(#"[{"hits": 3, "ratio": -0.5, "ok": true, "no": false, "none": null}, {}]"#)?.rows == [
                ["hits": "3", "ratio": "-0.5", "ok": "true", "no": "false", "none": ""], [:],
            ])
    }

    @Test("escapes decode as JSON says, surrogate pairs included, as JSONSerialization reads them")
    func escapes() throws {
        let text = #"[{"u": "/a\"b\\c\/d\n\t\u00e9\u4e2d\ud83d\ude00 é"}]"#
        let rows = try #require(Self.read(text)?.rows)
        let expected = try #require(
            try JSONSerialization.jsonObject(with: Data(text.utf8)) as? [[String: String]])
        #expect(rows == expected)
        #expect(rows[0]["u"] == "/a\"b\\c/d\n\té中😀 é")
    }

    @Test(
        "what is not an answer is nil, never a partial one",
        arguments: [
            "", "{}", #"{"meta": {}}"#, "[", #"[{"a": "b"}"#, #"[{"a": "b"},]"#, #"[{"a": {"nested": "x"}}]"#,
            #"[{"a": ["x"]}]"#, #"[{"a": "unterminated}]"#, #"[{"a": "b"}] trailing"#, #"[{"a": 01}]"#,
            #"[{"a": "\x"}]"#, #"[{"a": "\u12"}]"#, "[{\"a\": \"raw\nline\"}]", #"[{"a" "b"}]"#, #"[{"a": nope}]"#,
        ])
    func rejects(text: String) {
        #expect(Self.read(text) == nil)
    }

    @Test("ten thousand generated rows read back as written, and as JSONSerialization reads them")
    func roundTrip() throws {
        var random = SystemRandomNumberGenerator()
        let alphabet = Array("abc/?=&%\"\\\n\t é中😀-_.0123456789")
        let rows = (0..<10_000).map { index -> [String: String] in
            let uri = String((0..<Int.random(in: 0...30, using: &random)).map { _ in alphabet.randomElement()! })
            return ["uri": "/\(index)/" + uri, "hits": String(index), "uri_param": index % 3 == 0 ? "-" : "v=1"]
        }
        var bytes = Array(#"{"meta":{"progress":"Complete"},"data":"#.utf8)
        bytes += Self.json(rows)
        bytes += Array("}".utf8)
        let answer = try #require(SLSAnswerReader.read(bytes))
        #expect(answer.rows == rows && answer.progress == "Complete")
        let object = try JSONSerialization.jsonObject(with: Data(bytes)) as? [String: Any]
        #expect(object?["data"] as? [[String: String]] == rows)
    }

    /// `rows` as JSONSerialization writes them.
    static func json(_ rows: [[String: String]]) -> [UInt8] {
        Array((try? JSONSerialization.data(withJSONObject: rows)) ?? Data())
    }
}
