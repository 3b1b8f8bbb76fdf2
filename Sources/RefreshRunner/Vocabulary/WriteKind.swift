import AlibabaCDN
import CDNRefresh

/// What an API write asks for: a refresh of entries of one type (`RefreshObjectCaches`), or a prefetch of file URLs
/// (`PushObjectCache`).
///
/// Every write goes the same way — packed, journaled `sending` before it leaves and `accepted` after, looked up when
/// its answer is lost, polled until its tasks finish — and this says which call it is and how the journal and the
/// task look-ups name it.
package enum WriteKind: Sendable, Hashable, Comparable {
    case refresh(EntryType)
    case prefetch

    /// The journal's `object_type`: the entry type (`file`, `directory` …), or `preload`.
    package var journalName: String {
        switch self {
        case .refresh(let type): type.rawValue
        case .prefetch: Self.prefetchName
        }
    }

    /// The kind a journal's `object_type` names; `nil` for a name this build does not know.
    package init?(journalName: String) {
        if journalName == Self.prefetchName {
            self = .prefetch
        } else if let type = EntryType(rawValue: journalName) {
            self = .refresh(type)
        } else {
            return nil
        }
    }

    /// The entry type of a refresh; `nil` for a prefetch.
    package var refreshType: EntryType? {
        if case .refresh(let type) = self { type } else { nil }
    }

    /// The API action that makes the write.
    package var action: APIAction {
        switch self {
        case .refresh: .refreshObjectCaches
        case .prefetch: .pushObjectCache
        }
    }

    /// The `ObjectType` `DescribeRefreshTasks` files the write's tasks under (`file`, `directory` …, `preload`).
    package var taskObjectType: String {
        switch self {
        case .refresh(let type): type.objectType.taskObjectType
        case .prefetch: Self.prefetchName
        }
    }

    /// Prefetch tasks are `preload` tasks, in the journal as in `DescribeRefreshTasks`.
    private static let prefetchName = "preload"

    package static func < (lhs: Self, rhs: Self) -> Bool {
        switch (lhs, rhs) {
        case (.refresh(let a), .refresh(let b)): a < b
        case (.refresh, .prefetch): true
        case (.prefetch, _): false
        }
    }
}
