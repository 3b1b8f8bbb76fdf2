import Foundation
import Testing

@testable import CDNRefresh

/// Alibaba's offline log names, `<domain>_YYYY_MM_DD_HHMMSS_HHMMSS[_ext].gz` in UTC+8: one parser, one rule.
@Suite("Alibaba's log file names")
struct AliCDNFileNameTests {
    /// 2026-11-24 15:00 UTC = 23:00 UTC+8.
    static func utc(_ text: String) -> Date? { ISO8601DateFormatter().date(from: text) }

    @Test("the documented example, with its extension, and the domain and hour it names")
    func documented() throws {
        let name = try #require(AliCDNFileName(fileName: "example.com_2018_10_30_000000_010000_xx.gz"))
        #expect(name.domain == "example.com" && name.suffix == "xx")
        #expect(name.start == Self.utc("2018-10-29T16:00:00Z") && name.end == Self.utc("2018-10-29T17:00:00Z"))
        #expect(name.fileName == "example.com_2018_10_30_000000_010000_xx.gz")
    }

    @Test("names the API lists and the samples ship, with and without an extension")
    func listedNames() throws {
        let plain = try #require(AliCDNFileName(fileName: "logs/www.example.com_2026_11_24_230000_000000.gz"))
        #expect(plain.domain == "www.example.com" && plain.suffix.isEmpty)
        #expect(plain.start == Self.utc("2026-11-24T15:00:00Z"))
        #expect(plain.end == Self.utc("2026-11-24T16:00:00Z"), "an end of 000000 is midnight of the next day")
        #expect(plain.fileName == "www.example.com_2026_11_24_230000_000000.gz")
        let sample = try #require(AliCDNFileName(fileName: "static.example.com_2026_11_24_020000_030000_cn.gz"))
        #expect(sample.domain == "static.example.com" && sample.suffix == "cn")
        #expect(sample.fileName == "static.example.com_2026_11_24_020000_030000_cn.gz")
        let parts = try #require(AliCDNFileName(fileName: "img.example.com_2026_11_24_020000_030000_ov_2.gz"))
        #expect(parts.domain == "img.example.com" && parts.suffix == "ov_2")
    }

    @Test("a gunzipped copy keeps its domain; an underscore in the domain is kept whole")
    func variants() throws {
        #expect(AliCDNFileName.domain(fromPath: "/tmp/a.example.com_2026_11_24_020000_030000") == "a.example.com")
        #expect(AliCDNFileName.domain(fromPath: "a.example.com_2026_11_24_020000_030000_cn") == "a.example.com")
        #expect(AliCDNFileName(fileName: "my_site.example_2026_01_02_000000_010000.gz")?.domain == "my_site.example")
    }

    @Test(
        "other names are not Alibaba's",
        arguments: [
            "www.example.com.gz", "www.example.com_2026_11_24_0200_0300.gz", "x_2026_11_24_020000_030000.log",
            "_2026_11_24_020000_030000.gz", "x_2026_13_24_020000_030000.gz", "x_2026_02_30_020000_030000.gz",
            "x_2026_11_24_250000_030000.gz", "x_2026_11_24_020000_030000_.gz", "x_2026_11_24_020000_030000_c.d.gz",
            "access.log.gz",
        ])
    func rejects(name: String) {
        #expect(AliCDNFileName(fileName: name) == nil)
    }

    @Test("times read as Alibaba's console shows them, in UTC+8")
    func chinaTime() throws {
        let time = try #require(Self.utc("2026-11-23T17:00:00Z"))
        #expect(AliCDNFileName.chinaTime(time, withDate: false) == "01:00 UTC+8")
        #expect(AliCDNFileName.chinaTime(time, withDate: true) == "2026-11-24 01:00 UTC+8")
    }
}
