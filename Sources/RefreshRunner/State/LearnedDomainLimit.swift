import Foundation
import GRDB

/// A per-domain limit a run learned from the API.
package struct LearnedDomainLimit: Sendable, Equatable {
    package var domain: String
    package var urlsPerMinute: Int
    package var learnedAt: Date
}
