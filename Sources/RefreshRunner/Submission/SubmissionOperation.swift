import CDNRefresh

/// What a submission's requests do with its batches.
package enum SubmissionOperation: Sendable, Equatable {
    /// `RefreshObjectCaches`: each batch as its entry type, with `Force` where the batch carries it.
    case refresh
    /// `PushObjectCache` of each batch's file URLs (prefetch), to `area` (`nil`: the API's default).
    case prefetch(area: String?)

    /// The kind of write a batch of `type` makes.
    func kind(of type: EntryType) -> WriteKind {
        switch self {
        case .refresh: .refresh(type)
        case .prefetch: .prefetch
        }
    }
}
