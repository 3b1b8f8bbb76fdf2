import AlibabaCDN
import CDNRefresh
import Synchronization

/// The log files of a run in reading order, each downloaded when it is opened, and the next few started before
/// they are: while one file is parsed, the next ones' bytes are already arriving (each at most its stream's
/// buffer ahead, so memory stays bounded).
final class DownloadQueue: Sendable {
    private struct State {
        var files: [(file: DomainLogFile, name: String)] = []
        var started: [Int: DownloadStream] = [:]
        var nextToStart = 0
    }

    private let source: any CDNLogSource
    private let ahead: Int
    private let state = Mutex(State())

    init(source: any CDNLogSource, ahead: Int) {
        self.source = source
        self.ahead = max(0, ahead)
    }

    /// Adds a file; returns its index for ``open(_:)``.
    func add(_ file: DomainLogFile, name: String) -> Int {
        state.withLock { state in
            state.files.append((file, name))
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
                state.started[next] = source.download(state.files[next].file, name: state.files[next].name)
                state.nextToStart += 1
            }
        }
    }

    /// The stream of file `index`, started now unless it was already.
    ///
    /// Up to ``ahead`` files after it are started too. Each file is opened once.
    func open(_ index: Int) -> DownloadStream {
        // Starting a download only makes a stream and a task, so it is done under the lock: two readers opening
        // neighbouring files never start one file twice.
        state.withLock { state in
            let last = min(state.files.count - 1, index + ahead)
            var next = state.nextToStart
            while next <= last {
                state.started[next] = source.download(state.files[next].file, name: state.files[next].name)
                next += 1
            }
            state.nextToStart = max(state.nextToStart, next)
            if let stream = state.started.removeValue(forKey: index) { return stream }
            return source.download(state.files[index].file, name: state.files[index].name)
        }
    }
}
