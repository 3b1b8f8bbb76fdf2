import Foundation
import Support
import Testing

@Suite("fixed date formats: HTTP dates, signature times, UTC+8 days")
struct FixedDateTests {
    @Test("an HTTP date is written and read in English and GMT, whatever the zone or locale of the host")
    func httpDate() {
        let date = Date(timeIntervalSince1970: 1_447_049_476)  // 2015-11-09 06:11:16 UTC
        #expect(FixedDate.string(date, FixedDate.http) == "Mon, 09 Nov 2015 06:11:16 GMT")
        #expect(FixedDate.date("Mon, 09 Nov 2015 06:11:16 GMT", FixedDate.http) == date)
        #expect(FixedDate.date("Mon, 09 Nov 2015 06:11", FixedDate.http) == nil)
    }

    @Test("a day in UTC+8 begins at 16:00 UTC the day before")
    func chinaDay() {
        let lateUTC = Date(timeIntervalSince1970: 1_796_515_199)  // 2026-12-05 23:59:59 UTC
        #expect(FixedDate.string(lateUTC, "yyyy-MM-dd", zone: FixedDate.gmt) == "2026-12-05")
        #expect(FixedDate.string(lateUTC, "yyyy-MM-dd HH:mm", zone: FixedDate.china) == "2026-12-06 07:59")
        let start = FixedDate.date("2026-12-06 00:00", "yyyy-MM-dd HH:mm", zone: FixedDate.china)
        #expect(start == Date(timeIntervalSince1970: 1_796_486_400))  // 2026-12-05 16:00 UTC
    }
}
