import Foundation
import GRDB

/// A prefetch a run meant to make once the URL's refresh completes.
package struct WantedPrefetch: Sendable, Equatable {
    package var url: String
    package var runID: String
}
