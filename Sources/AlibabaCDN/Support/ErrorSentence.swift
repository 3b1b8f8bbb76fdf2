import AsyncHTTPClient
import Foundation
import NIOCore
import NIOSSL

/// Any error as a short sentence a person can read: never a dump of a Swift value (`Failure(kind: …)`).
package enum ErrorSentence {
    /// What went wrong, in words.
    package static func describe(_ error: any Error) -> String {
        if let clientError = error as? HTTPClientError { return lowerFirst(clientError.shortDescription) }
        let text = String(describing: error)
        if !looksLikeADump(text) {
            if text.contains("Connection refused") || text.contains("connection refused") {
                return "connection refused"
            }
            if text.hasPrefix("DNS error") { return "the host name could not be resolved" }
            return text
        }
        if error is CancellationError { return "cancelled" }
        if let channel = error as? ChannelError {
            switch channel {
            case .connectTimeout: return "the connection timed out"
            case .ioOnClosedChannel, .alreadyClosed, .eof: return "the connection closed"
            default: return "the connection failed"
            }
        }
        if error is NIOSSLError { return "the TLS handshake failed" }
        if text.lowercased().contains("refused") { return "connection refused" }
        if text.lowercased().contains("timed out") || text.contains("Timeout") { return "the connection timed out" }
        return "\(words(String(describing: type(of: error))))"
    }

    /// Whether `text` reads as a Swift value dump (`TypeName(field: …)`, `Optional(…)`) rather than a sentence.
    package static func looksLikeADump(_ text: String) -> Bool {
        let markers = ["(kind:", "Failure(", "Error(", "Optional(", "rawValue:", "errorCode:"]
        return markers.contains { text.contains($0) }
    }

    private static func lowerFirst(_ text: String) -> String {
        guard let first = text.first else { return text }
        return first.lowercased() + text.dropFirst()
    }

    /// `NIOConnectionError` → `NIO connection error`.
    private static func words(_ name: String) -> String {
        var result = ""
        for character in name {
            if character.isUppercase, let last = result.last, last.isLowercase { result.append(" ") }
            result.append(character)
        }
        return result.lowercased()
    }
}
