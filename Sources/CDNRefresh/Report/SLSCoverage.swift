import Support

/// What an `sls:PROJECT/LOGSTORE` input got from Simple Log Service: how many URLs and records it counted for which
/// window, and whether the answer was complete.
package struct SLSCoverage: Sendable, Equatable, Codable {
    /// `sls:PROJECT/LOGSTORE`.
    package var input: String
    /// URLs (groups) received.
    package var urls = 0
    /// Records they counted, before the sampling rate.
    package var records = 0
    /// Pages asked for.
    package var pages = 0
    /// The window asked for, as Alibaba's console shows times (`2026-12-06 11:30 UTC+8`).
    package var windowStart: String
    package var windowEnd: String
    /// `--sls-sampling-rate`: the counts were divided by it (1: no sampling).
    package var samplingRate: Double = 1
    /// Why the input is damaged (an answer still incomplete after its tries, a failure part-way), if it is.
    package var failure: String?

    package init(input: String, windowStart: String, windowEnd: String, samplingRate: Double = 1) {
        self.input = input
        self.windowStart = windowStart
        self.windowEnd = windowEnd
        self.samplingRate = samplingRate
    }

    enum CodingKeys: String, CodingKey {
        case input, urls, records, pages, failure
        case windowStart = "window_start"
        case windowEnd = "window_end"
        case samplingRate = "sampling_rate"
    }

    /// The summary's line for this input.
    package var sentence: String {
        var text = "\(input): \(Figures.grouped(urls)) URLs (\(Figures.grouped(records)) records) counted by SLS "
        text += "for \(windowStart) to \(windowEnd)"
        if samplingRate < 1 { text += "; counts divided by the sampling rate \(samplingRate)" }
        if let failure { text += "; \(failure)" }
        return text
    }
}
