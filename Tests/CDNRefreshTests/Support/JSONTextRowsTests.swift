import Foundation
import Testing

@testable import CDNRefresh

@Suite("JSON tables of strings, written directly")
struct JSONTextRowsTests {
    @Test("rows read back by JSONSerialization as written: quotes, backslashes, control characters, any UTF-8")
    func rowsRoundTrip() throws {
        let rows: [[String: String]] = [
            ["uri": "/a\"b\\c/d", "hits": "3"], ["uri": "\u{01}\n\t\u{1F}é中😀", "empty": ""], [:],
        ]
        var bytes: [UInt8] = []
        JSONText.appendRows(rows, to: &bytes)
        let read = try JSONSerialization.jsonObject(with: Data(bytes)) as? [[String: String]]
        #expect(read == rows)
        #expect(String(decoding: bytes, as: UTF8.self).contains(#"\u0001\u000a\u0009\u001f"#))
    }

    @Test("a list of strings is a JSON array of them")
    func strings() throws {
        var bytes: [UInt8] = []
        JSONText.appendStrings(["a", "b\"c", ""], to: &bytes)
        #expect(String(decoding: bytes, as: UTF8.self) == #"["a","b\"c",""]"#)
        var empty: [UInt8] = []
        JSONText.appendRows([[String: String]](), to: &empty)
        #expect(empty == Array("[]".utf8))
    }
}
