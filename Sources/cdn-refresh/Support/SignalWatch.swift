import Dispatch
import Synchronization

#if canImport(Glibc)
    import Glibc
#elseif canImport(Darwin)
    import Darwin
#endif

/// SIGTERM and SIGINT while a run submits: the first asks it to stop cleanly, a second ends the process at once.
final class SignalWatch {
    private let sources: [any DispatchSourceSignal]

    /// Starts watching: `onFirst` hears the first signal (keep the value while the run lasts).
    init(onFirst: @escaping @Sendable (Int32) -> Void) {
        let seen = Mutex(false)
        sources = [SIGTERM, SIGINT].map { number in
            signal(number, SIG_IGN)
            let source = DispatchSource.makeSignalSource(signal: number, queue: .global())
            source.setEventHandler {
                let first = seen.withLock { seen in
                    defer { seen = true }
                    return !seen
                }
                guard first else { _exit(128 + number) }
                onFirst(number)
            }
            source.resume()
            return source
        }
    }

    /// Stops watching and gives the signals their default action back.
    func cancel() {
        for source in sources { source.cancel() }
        signal(SIGTERM, SIG_DFL)
        signal(SIGINT, SIG_DFL)
    }
}
