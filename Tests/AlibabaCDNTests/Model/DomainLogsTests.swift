import Foundation
import Testing

@testable import AlibabaCDN

@Suite("DescribeCdnDomainLogs: the answer")
struct DomainLogsTests {
    @Test("the SDK's answer shape decodes: numbers as strings or numbers, LogPath without its scheme, PageInfos")
    func decodesAnswer() throws {
        let json = """
            {"RequestId":"R1","DomainLogDetails":{"DomainLogDetail":[{"DomainName":"www.example.com","LogCount":"2",
            "PageInfos":{"PageIndex":"1","PageSize":"300","Total":"2"},
            "LogInfos":{"LogInfoDetail":[
             {"LogName":"www.example.com_2026_11_24_020000_030000.gz","LogPath":"cdnlog.cn-hangzhou.oss.aliyuncs.com/w/2026_11_24/www.example.com_2026_11_24_020000_030000.gz?OSSAccessKeyId=AK&Expires=1700000000&Signature=abc%3D",
              "LogSize":258,"StartTime":"2026-11-23T18:00:00Z","EndTime":"2026-11-23T19:00:00Z"},
             {"LogName":"www.example.com_2026_11_24_030000_040000.gz","LogPath":"x","LogSize":"1024",
              "StartTime":"2026-11-23T19:00:00Z","EndTime":"2026-11-23T20:00:00Z"}]}}]}}
            """
        let page = try JSONDecoder().decode(DomainLogsPage.self, from: Data(json.utf8))
        #expect(page.total == 2 && page.pageIndex == 1 && page.pageSize == 300)
        #expect(
            page.logs.map(\.name) == [
                "www.example.com_2026_11_24_020000_030000.gz", "www.example.com_2026_11_24_030000_040000.gz",
            ])
        #expect(page.logs.map(\.size) == [258, 1024])
        #expect(page.logs[0].start == APITimestamp.parse("2026-11-23T18:00:00Z"))
        #expect(page.logs[0].path.hasPrefix("cdnlog.cn-hangzhou"))
        // A log file's description names it, never its signed URL.
        #expect(!"\(page.logs[0])".contains("Signature") && "\(page.logs[0])".contains("020000_030000"))
        let empty = try JSONDecoder().decode(DomainLogsPage.self, from: Data(#"{"RequestId":"R2"}"#.utf8))
        #expect(empty.logs.isEmpty && empty.total == 0)
    }
}
