import Support

/// Deterministic generated inputs for tests: an nginx `combined` log that exercises every normalization path, and a
/// manifest whose directory and IgnoreParams entries cover URLs of that log.
///
/// The same seed always gives the same bytes (SplitMix64, no system randomness), so golden reports made from them
/// stay valid.
package enum GeneratedLogs {
    /// A combined log of `lines` lines (plus one line longer than 64 KiB), `\n` line ends with a few `\r\n`.
    ///
    /// Reads are skewed towards a small set of hot URLs; about one line in ten is a write. Targets cover canonical
    /// paths, queries and query variants, percent escapes in both cases, raw UTF-8 as nginx `\xHH`, `\"`, dot
    /// segments, fragments, stray `%`, targets without the leading `/`, absolute-form targets with ports, upper
    /// case and IDNA hosts, garbage request lines and malformed records.
    package static func accessLog(lines: Int, seed: UInt64 = 1) -> [UInt8] {
        var random = SplitMix64(seed: seed)
        var output: [UInt8] = []
        output.reserveCapacity(lines * 160)
        for index in 0..<lines {
            let line = record(index: index, random: &random)
            output.append(contentsOf: line.utf8)
            output.append(contentsOf: random.next() % 97 == 0 ? [0x0D, 0x0A] : [0x0A])
            if index == lines / 2 {
                let long = "1.2.3.4 - - [24/Nov/2026:02:00:00 +0800] \"PUT /" + String(repeating: "x", count: 70_000)
                output.append(contentsOf: (long + " HTTP/1.1\" 201 0 \"-\" \"-\"\n").utf8)
            }
        }
        return output
    }

    /// A TAB manifest naming directories, IgnoreParams entries, a regex and files of ``accessLog(lines:seed:)``.
    package static func manifest() -> String {
        """
        # generated manifest: entries that cover URLs of the generated log
        /static/s1/\tdirectory\t2
        /static/s2/\tdir
        /img/\tdirectory
        /docs/%E4%B8%AD%E6%96%87/\tdirectory
        /search\tignoreparams
        /products/7\tignoreparams\t1
        /api/v1/items/.*\\.json\tregex
        /static/s3/f-3.js
        https://www.example.com/static/s4/f-12.css\tfile\t9
        www.example.com/news/1.html
        /bogus\tnotatype
        https://*.example.com/wild
        =HYPERLINK("https://evil.example/x","click")
        @SUM(1,2)\tfile
        -cmd|' /C calc'!A0

        """
    }

    private static let hosts = [
        "http://www.example.com", "http://WWW.Example.COM:80", "https://www.example.com:443",
        "http://other.example.org",
        "http://b\\xC3\\xBCcher.example", "http://www.example.com:8080",
    ]

    private static func target(_ random: inout SplitMix64) -> String {
        let hot = Int(random.next() % 4 == 0 ? random.next() % 4000 : random.next() % 60)
        let section = "s\(hot % 7)"
        switch random.next() % 26 {
        case 0...5: return "/static/\(section)/f-\(hot).\(["js", "css", "png"][hot % 3])"
        case 6: return "/static/\(section)/f-\(hot).js?v=\(random.next() % 5)"
        case 7: return "/search?q=\(["a", "b", "c%20d", "%e4%bd%a0"][Int(random.next() % 4)])&page=\(random.next() % 3)"
        case 8: return "/products/\(hot % 9)?color=\(["red", "blue"][hot % 2])"
        case 9: return "/img/\(hot % 13)/photo.jpg"
        case 10: return "/docs/%E4%B8%AD%E6%96%87/\(hot % 11).html"
        case 11: return "/docs/%e4%b8%ad%e6%96%87/\(hot % 11).html"
        case 12: return "/docs/\\xE4\\xB8\\xAD\\xE6\\x96\\x87/\(hot % 11).html"
        case 13: return "static/\(section)/rel-\(hot % 17).js"
        case 14: return "/static/./\(section)/../\(section)/f-\(hot).js"
        case 15: return "/a/b/../../static/\(section)/%7Etilde-\(hot % 5).png#frag"
        case 16: return "/100%/discount-\(hot % 3).html"
        case 17: return "/quote\\\"d/\(hot % 3).txt"
        case 18: return "/news/\(hot % 20).html?"
        case 19: return "\(hosts[Int(random.next() % UInt64(hosts.count))])/abs/\(hot % 23).html"
        case 20: return "/api/v1/items/\(hot % 31).json?session=\(random.next() % 100_000)"
        case 21: return "/spaces%20and%2fslashes/\(hot % 4)"
        case 22: return "/UPPER/Case/%41%42/\(hot % 6)"
        default: return "/static/\(section)/f-\(hot).\(["js", "css", "png"][hot % 3])"
        }
    }

    private static func record(index: Int, random: inout SplitMix64) -> String {
        let second = index * 7 % 86_400
        let time =
            format2(24 + index / 200_000 % 3) + "/Nov/2026:" + format2(second / 3600) + ":"
            + format2(second / 60 % 60) + ":" + format2(second % 60)
        let zone = ["+0800", "+0000", "-0500"][index % 3 == 0 ? Int(random.next() % 3) : 0]
        let ip = "198.51.100.\(random.next() % 250)"
        let roll = random.next() % 1000
        switch roll {
        case 0:
            return "\(ip) - - [\(time) \(zone)] \"GET /unterminated HTTP/1.1 200 5 \"-\" \"-\""
        case 1:
            return "\(ip) - - [99/Nov/2026:99:00:00 +0800] \"PUT /bad-time HTTP/1.1\" 201 0 \"-\" \"-\""
        case 2:
            return
                "\(ip) - - [\(time) \(zone)] \"\\x16\\x03\\x01\\x02\" \(random.next() % 2 == 0 ? 400 : 200) 0 \"-\" \"-\""
        case 3:
            return "\(ip) - [\(time) \(zone)] \"GET /missing-field HTTP/1.1\" 200 5"
        case 4:
            return "\(ip) - - [\(time) \(zone)] \"OPTIONS * HTTP/1.1\" 200 0 \"-\" \"-\""
        case 5:
            return "\(ip) - - [\(time) \(zone)] \"PUT http://*.example.com/wild HTTP/1.1\" 201 0 \"-\" \"-\""
        case 6:
            return "\(ip) - - [\(time) \(zone)] \"GET /status-dash HTTP/1.1\" - 0 \"-\" \"-\""
        default:
            break
        }
        let isWrite = roll < 110
        let method =
            isWrite
            ? ["PUT", "PUT", "POST", "PATCH", "DELETE"][Int(random.next() % 5)]
            : (random.next() % 20 == 0 ? "HEAD" : "GET")
        let status =
            isWrite
            ? [201, 204, 200, 201, 500, 403][Int(random.next() % 6)]
            : [200, 200, 200, 200, 304, 206, 404, 500][Int(random.next() % 8)]
        let user = isWrite ? "deploy" : "-"
        return
            "\(ip) - \(user) [\(time) \(zone)] \"\(method) \(target(&random)) HTTP/1.1\" \(status) \(random.next() % 90_000) "
            + "\"https://www.example.com/\" \"Mozilla/5.0 (X11; Linux x86_64) Gecko/20100101 Firefox/120.0\""
    }

    private static func format2(_ value: Int) -> String {
        value < 10 ? "0\(value)" : "\(value)"
    }
}
