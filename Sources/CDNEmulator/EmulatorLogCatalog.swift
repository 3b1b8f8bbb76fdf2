import AlibabaCDN
import CDNRefresh
import Foundation
import Support

/// The CDN offline logs the emulator publishes: the `.gz` files of a directory (`--cdn-logs DIR`, named as Alibaba
/// names them), and — in the sandbox — logs made up from the traffic its edge stand-in saw, one file an hour.
struct EmulatorLogCatalog: Sendable {
    /// One published file.
    struct Entry: Sendable, Equatable {
        var name: AliCDNFileName
        /// The file on disk; `nil` for a made-up one.
        var path: String?
        var size: Int64
    }

    /// Lines in each made-up hourly file.
    static let syntheticLines = 240
    /// Made-up logs are published this long after their hour ends, as Alibaba's are (usually within hours).
    static let syntheticDelay: TimeInterval = 3600

    let directory: String?
    let synthetic: Bool

    /// The files of `domain` whose hour overlaps `[start, end)`, oldest first.
    func files(domain: String, start: Date, end: Date, now: Date) -> [Entry] {
        var entries: [Entry] = []
        if let directory {
            let names = (try? FileManager.default.contentsOfDirectory(atPath: directory)) ?? []
            // Alibaba publishes gzip files only; a gunzipped copy in the directory is not one of them.
            for fileName in names.sorted() where fileName.hasSuffix(".gz") {
                guard let name = AliCDNFileName(fileName: fileName), name.domain == domain.lowercased(),
                    name.start < end, name.end > start
                else { continue }
                let path = directory + "/" + fileName
                let size = (try? FileManager.default.attributesOfItem(atPath: path))?[.size] as? Int64
                entries.append(Entry(name: name, path: path, size: size ?? 0))
            }
        }
        if synthetic {
            let hour: TimeInterval = 3600
            var time =
                (max(start, now.addingTimeInterval(-31 * 86400)).timeIntervalSince1970 / hour).rounded(.down)
                * hour
            while time < end.timeIntervalSince1970, time + hour <= now.timeIntervalSince1970 - Self.syntheticDelay {
                let name = AliCDNFileName(
                    domain: domain.lowercased(), start: Date(timeIntervalSince1970: time),
                    end: Date(timeIntervalSince1970: time + hour))
                if !entries.contains(where: { $0.name == name }) {
                    entries.append(Entry(name: name, path: nil, size: Int64(Self.synthesize(name).count)))
                }
                time += hour
            }
        }
        return entries.sorted { $0.name.start < $1.name.start }
    }

    /// The bytes of the file named `fileName`, if the catalog has it.
    func contents(of fileName: String) -> [UInt8]? {
        guard let name = AliCDNFileName(fileName: fileName), !fileName.contains("/") else { return nil }
        if let directory, let data = FileManager.default.contents(atPath: directory + "/" + fileName) {
            return Array(data)
        }
        return synthetic ? Self.synthesize(name) : nil
    }

    /// A made-up hour of edge traffic for the file's domain, gzipped: GETs of pages, scripts and images, mostly
    /// 200, some 404 and 5xx, always the same for the same name.
    static func synthesize(_ name: AliCDNFileName) -> [UInt8] {
        var seed = UInt64(max(0, name.start.timeIntervalSince1970)) &* 31 &+ 7
        for byte in name.domain.utf8 { seed = seed &* 131 &+ UInt64(byte) }
        var random = SplitMix64(seed: seed)
        let formatter = FixedDate.formatter("dd/MMM/yyyy:HH:mm:ss Z", zone: AliCDNFileName.zone)
        let paths = ["/index.html", "/static/app.js", "/static/app.css", "/images/logo.png", "/api/status"]
        var text = ""
        for line in 0..<syntheticLines {
            let time = name.start.addingTimeInterval(Double(line) * 3600 / Double(syntheticLines))
            let pick = Int(random.next() % 20)
            let path = pick < paths.count ? paths[pick] : "/images/photo-\(pick).jpg"
            let roll = random.next() % 100
            let status = roll < 90 ? 200 : roll < 96 ? 404 : 502
            let cache = random.next() % 4 == 0 ? "MISS" : "HIT"
            text +=
                "[\(formatter.string(from: time))] 203.0.113.\(random.next() % 250 + 1) - \(random.next() % 900 + 10) "
                + "\"-\" \"GET https://\(name.domain)\(path)\" \(status) 210 \(random.next() % 90000 + 300) \(cache) "
                + "\"Mozilla/5.0\" \"text/html\"\n"
        }
        return GzipWriter.compress(Array(text.utf8))
    }
}
