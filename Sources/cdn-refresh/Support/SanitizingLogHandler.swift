import CDNRefresh
import Logging

/// The log on standard error with control characters and bidi controls escaped in messages and metadata: a value
/// from outside (a file name, an API message) never reaches the terminal as a control sequence.
struct SanitizingLogHandler: LogHandler {
    var inner: StreamLogHandler

    var metadata: Logger.Metadata {
        get { inner.metadata }
        set { inner.metadata = newValue }
    }

    var logLevel: Logger.Level {
        get { inner.logLevel }
        set { inner.logLevel = newValue }
    }

    subscript(metadataKey key: String) -> Logger.Metadata.Value? {
        get { inner[metadataKey: key] }
        set { inner[metadataKey: key] = newValue }
    }

    func log(event: LogEvent) {
        var event = event
        event.message = Logger.Message(stringLiteral: ControlEscaping.escapeForTerminal(event.message.description))
        event.metadata = event.metadata?.mapValues(Self.sanitized)
        inner.log(event: event)
    }

    private static func sanitized(_ value: Logger.MetadataValue) -> Logger.MetadataValue {
        switch value {
        case .string(let text): .string(ControlEscaping.escapeForTerminal(text))
        case .stringConvertible(let convertible): .string(ControlEscaping.escapeForTerminal(convertible.description))
        case .array(let values): .array(values.map(sanitized))
        case .dictionary(let values): .dictionary(values.mapValues(sanitized))
        }
    }
}
