#if canImport(Glibc)
    import Glibc
#elseif canImport(Musl)
    import Musl
#elseif canImport(Darwin)
    import Darwin
#endif

/// Parses the access-log timestamp `dd/Mon/yyyy:HH:MM:SS ±hhmm` (day may lack its leading zero).
enum LogTimestamp {
    /// Seconds since 1970-01-01T00:00:00Z, or `nil` if `bytes` is not such a timestamp.
    static func parse(_ bytes: UnsafeBufferPointer<UInt8>) -> Int64? {
        var i = 0
        func number(_ digits: ClosedRange<Int>) -> Int64? {
            var value: Int64 = 0
            var count = 0
            while i < bytes.count, count < digits.upperBound, (0x30...0x39).contains(bytes[i]) {
                value = value * 10 + Int64(bytes[i] - 0x30)
                i += 1
                count += 1
            }
            return digits.contains(count) ? value : nil
        }
        func expect(_ byte: UInt8) -> Bool {
            guard i < bytes.count, bytes[i] == byte else { return false }
            i += 1
            return true
        }
        guard let day = number(1...2), expect(0x2F), i + 3 <= bytes.count else { return nil }
        guard let month = monthNumber(bytes[i], bytes[i + 1], bytes[i + 2]) else { return nil }
        i += 3
        guard expect(0x2F), let year = number(4...4), expect(0x3A),
            let hour = number(2...2), expect(0x3A),
            let minute = number(2...2), expect(0x3A),
            let second = number(2...2)
        else { return nil }
        guard (1...31).contains(day), hour < 24, minute < 60, second < 61 else { return nil }
        var offset: Int64 = 0
        if expect(0x20) {
            guard i < bytes.count else { return nil }
            let sign: Int64
            switch bytes[i] {
            case 0x2B: sign = 1
            case 0x2D: sign = -1
            default: return nil
            }
            i += 1
            guard let zone = number(4...4) else { return nil }
            offset = sign * ((zone / 100) * 3600 + (zone % 100) * 60)
        }
        guard i == bytes.count else { return nil }
        let days = daysFromCivil(year: year, month: month, day: day)
        return days * 86_400 + hour * 3600 + minute * 60 + second - offset
    }

    private static func monthNumber(_ a: UInt8, _ b: UInt8, _ c: UInt8) -> Int64? {
        let key =
            (UInt32(URLByte.lowercased(a)) << 16) | (UInt32(URLByte.lowercased(b)) << 8)
            | UInt32(URLByte.lowercased(c))
        switch key {
        case 0x6A616E: return 1  // jan
        case 0x666562: return 2  // feb
        case 0x6D6172: return 3  // mar
        case 0x617072: return 4  // apr
        case 0x6D6179: return 5  // may
        case 0x6A756E: return 6  // jun
        case 0x6A756C: return 7  // jul
        case 0x617567: return 8  // aug
        case 0x736570: return 9  // sep
        case 0x6F6374: return 10  // oct
        case 0x6E6F76: return 11  // nov
        case 0x646563: return 12  // dec
        default: return nil
        }
    }

    /// Days since 1970-01-01 of a proleptic Gregorian date (Howard Hinnant's algorithm).
    static func daysFromCivil(year: Int64, month: Int64, day: Int64) -> Int64 {
        let y = month <= 2 ? year - 1 : year
        let era = (y >= 0 ? y : y - 399) / 400
        let yearOfEra = y - era * 400
        let dayOfYear = (153 * (month + (month > 2 ? -3 : 9)) + 2) / 5 + day - 1
        let dayOfEra = yearOfEra * 365 + yearOfEra / 4 - yearOfEra / 100 + dayOfYear
        return era * 146_097 + dayOfEra - 719_468
    }
}
