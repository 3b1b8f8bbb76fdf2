import Logging
import Synchronization

/// Bootstraps swift-log once for the process, writing to standard error.
///
/// Only the CLI calls this; libraries take the `Logger` it returns.
enum LoggingBootstrap {
    private static let done = Mutex(false)

    static func bootstrap(level: Logger.Level) -> Logger {
        let first = done.withLock { done in
            defer { done = true }
            return !done
        }
        if first {
            LoggingSystem.bootstrap { label in
                var handler = SanitizingLogHandler(inner: StreamLogHandler.standardError(label: label))
                handler.logLevel = level
                return handler
            }
        }
        var logger = Logger(label: "cdn-refresh")
        logger.logLevel = level
        return logger
    }
}
