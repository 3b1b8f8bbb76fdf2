import AlibabaCDN

/// The last `limit` start times of one stream of calls.
struct StartHistory: Sendable {
    let limit: Int
    let spacing: Double
    private var starts: [Double] = []
    private var oldest = 0

    init(limit: Int, guardSeconds: Double) {
        self.limit = limit
        self.spacing = (1 + guardSeconds) / Double(limit)
        starts.reserveCapacity(limit)
    }

    /// No earlier than one spacing after the last start, nor before the `limit`-th last start leaves the window.
    var earliestStart: Double {
        guard let last = starts.isEmpty ? nil : starts[(oldest + starts.count - 1) % starts.count] else {
            return -.infinity
        }
        let spaced = last + spacing
        guard starts.count == limit else { return spaced }
        return max(spaced, starts[oldest] + 1)
    }

    mutating func record(_ time: Double) {
        if starts.count < limit {
            starts.append(time)
        } else {
            starts[oldest] = time
            oldest = (oldest + 1) % limit
        }
    }
}
