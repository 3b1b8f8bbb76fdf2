import AlibabaCDN
import Foundation

/// The edge's clock as one probe saw it: how far it is from ours, and how sure that is.
///
/// The edge's `Date` names the second it answered in; the answer left it somewhere between the probe's sending and
/// its answer. So the offset is `Date` (the middle of its second) less the middle of the probe, within half the round
/// trip and half a second. An edge whose `Date` agrees with ours within that uncertainty (or sends none) is taken to
/// keep our time: nothing is mapped.
struct EdgeClock: Equatable {
    /// Seconds the edge's clock is ahead of ours.
    var offset: Double
    /// How far off ``offset`` may be, in seconds.
    var uncertainty: Double

    /// The edge's clock from `edge`'s `Date` and the probe's times.
    init(edge: EdgeAnswer, sent: Date, answered: Date) {
        let middle = sent + answered.timeIntervalSince(sent) / 2
        let uncertainty = abs(answered.timeIntervalSince(sent)) / 2 + 0.5
        guard let date = edge.date.flatMap(HTTPDate.parse) else {
            self.init(offset: 0, uncertainty: 0)
            return
        }
        let offset = (date + 0.5).timeIntervalSince(middle)
        if abs(offset) <= uncertainty {
            self.init(offset: 0, uncertainty: 0)
        } else {
            self.init(offset: offset, uncertainty: uncertainty)
        }
    }

    init(offset: Double, uncertainty: Double) {
        self.offset = offset
        self.uncertainty = uncertainty
    }

    /// `date` of our clock on the edge's.
    func onEdge(_ date: Date) -> Date { date + offset }

    /// Whether the clocks differ by more than the measurement can tell.
    var differs: Bool { offset != 0 }
}
