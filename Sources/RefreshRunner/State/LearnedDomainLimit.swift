import Foundation
import GRDB

/// What the state remembers of one domain's per-minute limit: the limit runs learned (when one is held), when and
/// why, and the most URLs the API accepted for the domain within one window.
package struct LearnedDomainLimit: Sendable, Equatable {
    package var domain: String
    /// The limit held, URLs a minute; `nil` when none is (only ``provenURLs`` is known).
    package var urlsPerMinute: Int?
    /// When the limit was learned, lowered, raised or forgotten.
    package var learnedAt: Date?
    /// Why (`refused at 200 URLs a minute in 3 separate windows`).
    package var reason: String
    /// The most URLs the API accepted for the domain within one window (0: none known); no learned limit falls
    /// below it.
    package var provenURLs: Int
    /// When that was.
    package var provenAt: Date?

    package init(
        domain: String, urlsPerMinute: Int?, learnedAt: Date?, reason: String, provenURLs: Int = 0,
        provenAt: Date? = nil
    ) {
        self.domain = domain
        self.urlsPerMinute = urlsPerMinute
        self.learnedAt = learnedAt
        self.reason = reason
        self.provenURLs = provenURLs
        self.provenAt = provenAt
    }

    /// What the pacer starts from.
    package var memory: DomainPacer.Memory {
        DomainPacer.Memory(limit: urlsPerMinute, proven: provenURLs)
    }
}
