import AlibabaCDN
import CDNRefresh
import Foundation

/// One poll of up to 10 task IDs.
struct PollWork: Sendable {
    var taskIDs: [String]
}
