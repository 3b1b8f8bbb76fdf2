import AlibabaCDN
import CDNRefresh
import Synchronization

/// The log files of a run in reading order, each downloaded when it is opened, and the next few started before
/// they are: while one file is parsed, the next ones' bytes are already arriving (each at most its stream's
/// buffer ahead, so memory stays bounded).
final class DownloadQueue: Sendable {
    private struct State {
        var files: [(file: DomainLogFile, name: String, domain: String)] = []
        var started: [Int: DownloadStream] = [:]
        var nextToStart = 0
        /// Every stream handed out, to stop them all when the run is told to stop.
        var handedOut: [DownloadStream] = []
        /// Why nothing more is downloaded, once the run was told to stop.
        var stopped: String?
    }

    private let source: any CDNLogSource
    private let ahead: Int
    /// A fresh download URL for a file whose URL expired (its hour listed again).
    private let renew: @Sendable (DomainLogFile, String) async -> String?
    private let state = Mutex(State())

    init(source: any CDNLogSource, ahead: Int, renew: @escaping @Sendable (DomainLogFile, String) async -> String?) {
        self.source = source
        self.ahead = max(0, ahead)
        self.renew = renew
    }

    /// Starts downloading file `index` (under the lock).
    private func start(_ index: Int, in state: State) -> DownloadStream {
        let (file, name, domain) = state.files[index]
        let renew = self.renew
        return source.download(file, name: name, renew: { await renew(file, domain) })
    }

    /// Adds a file of `domain`'s logs; returns its index for ``open(_:)``.
    func add(_ file: DomainLogFile, name: String, domain: String) -> Int {
        state.withLock { state in
            state.files.append((file, name, domain))
            return state.files.count - 1
        }
    }

    /// Starts the first files, before any is opened: their first bytes are on their way while the run does what
    /// comes before reading.
    func prime() {
        state.withLock { state in
            let last = min(state.files.count - 1, ahead)
            while state.nextToStart <= last {
                let next = state.nextToStart
                state.started[next] = start(next, in: state)
                state.nextToStart += 1
            }
        }
    }

    /// Stops every download, started or to come: their readers get what arrived, then `reason`.
    func stop(reason: String) {
        let streams = state.withLock { state -> [DownloadStream] in
            state.stopped = reason
            return Array(state.started.values) + state.handedOut
        }
        for stream in streams { stream.stop(reason: reason) }
    }

    /// The stream of file `index`, started now unless it was already.
    ///
    /// Up to ``ahead`` files after it are started too. Each file is opened once.
    func open(_ index: Int) -> DownloadStream {
        // Starting a download only makes a stream and a task, so it is done under the lock: two readers opening
        // neighbouring files never start one file twice.
        state.withLock { state in
            if let reason = state.stopped {
                let stream = DownloadStream(name: state.files[index].name)
                stream.stop(reason: reason)
                return stream
            }
            let last = min(state.files.count - 1, index + ahead)
            var next = state.nextToStart
            while next <= last {
                state.started[next] = start(next, in: state)
                next += 1
            }
            state.nextToStart = max(state.nextToStart, next)
            let stream = state.started.removeValue(forKey: index) ?? start(index, in: state)
            state.handedOut.append(stream)
            return stream
        }
    }
}
