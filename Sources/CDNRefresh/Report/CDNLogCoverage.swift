import Support

/// What a `cdn:DOMAIN` input found to read: how many hourly log files, and up to when they were published.
package struct CDNLogCoverage: Sendable, Equatable, Codable {
    /// `cdn:DOMAIN`.
    package var input: String
    package var files: Int
    package var bytes: Int64
    /// The window asked for, as Alibaba's console shows times (`2026-11-24 02:00 UTC+8`).
    package var windowStart: String
    package var windowEnd: String
    /// The end of the last published file, when it is before the window's end (the last hours are not yet
    /// published); `nil` when the logs cover the window.
    package var availableUntil: String?
    /// Why the logs could not be listed, if they could not.
    package var failure: String?
    /// The files that could not be read to their end (expired download URLs, stalls, cut connections), by name.
    package var unreadable: [String] = []

    package init(
        input: String, files: Int, bytes: Int64, windowStart: String, windowEnd: String,
        availableUntil: String? = nil, failure: String? = nil
    ) {
        self.input = input
        self.files = files
        self.bytes = bytes
        self.windowStart = windowStart
        self.windowEnd = windowEnd
        self.availableUntil = availableUntil
        self.failure = failure
    }

    enum CodingKeys: String, CodingKey {
        case input, files, bytes, failure, unreadable
        case windowStart = "window_start"
        case windowEnd = "window_end"
        case availableUntil = "available_until"
    }

    package init(from decoder: any Decoder) throws {
        let container = try decoder.container(keyedBy: CodingKeys.self)
        input = try container.decode(String.self, forKey: .input)
        files = try container.decode(Int.self, forKey: .files)
        bytes = try container.decode(Int64.self, forKey: .bytes)
        windowStart = try container.decode(String.self, forKey: .windowStart)
        windowEnd = try container.decode(String.self, forKey: .windowEnd)
        availableUntil = try container.decodeIfPresent(String.self, forKey: .availableUntil)
        failure = try container.decodeIfPresent(String.self, forKey: .failure)
        unreadable = try container.decodeIfPresent([String].self, forKey: .unreadable) ?? []
    }

    /// Names the files of this input among `damaged` inputs (their names start with `cdn:DOMAIN/`).
    package mutating func noteUnreadable(_ damaged: [InputError]) {
        let prefix = input + "/"
        unreadable = damaged.map(\.path).filter { $0.hasPrefix(prefix) }.map { String($0.dropFirst(prefix.count)) }
    }

    /// The summary's line for this input.
    package var sentence: String {
        if let failure { return "\(input): not listed (\(failure))" }
        var text = "\(input): \(Figures.grouped(files)) \(files == 1 ? "file" : "files")"
        text += " (\(Figures.grouped(Int(bytes))) bytes) for \(windowStart) to \(windowEnd)"
        if !unreadable.isEmpty {
            let shown = unreadable.prefix(3).joined(separator: ", ")
            text += ", \(Figures.grouped(unreadable.count)) could not be read: \(shown)"
            text += unreadable.count > 3 ? " and \(unreadable.count - 3) more" : ""
        }
        if files == 0 {
            text += "; no logs published for that window yet"
        } else if let availableUntil {
            text += "; logs up to \(availableUntil) available"
        }
        return text
    }
}
