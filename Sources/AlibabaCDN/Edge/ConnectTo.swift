import Foundation

/// `--connect-to HOST:PORT:ADDR:PORT`, for verification only.
///
/// Connect to `ADDR:PORT` when a URL names `HOST:PORT` (as curl's option). TLS still checks the certificate of
/// `HOST`.
package struct ConnectTo: Sendable, Equatable {
    package var host: String
    package var port: Int
    package var address: String
    package var addressPort: Int

    package init(host: String, port: Int, address: String, addressPort: Int) {
        self.host = host
        self.port = port
        self.address = address
        self.addressPort = addressPort
    }

    /// Parses `HOST:PORT:ADDR:PORT` (an IPv6 address in brackets); `nil` when it is not one.
    package init?(_ text: String) {
        var parts: [String] = []
        var current = ""
        var bracketed = false
        for character in text {
            if character == "[" { bracketed = true } else if character == "]" { bracketed = false }
            if character == ":" && !bracketed {
                parts.append(current)
                current = ""
            } else {
                current.append(character)
            }
        }
        parts.append(current)
        guard parts.count == 4, !parts[0].isEmpty, !parts[2].isEmpty, let port = Int(parts[1]),
            let addressPort = Int(parts[3]), (1...65535).contains(port), (1...65535).contains(addressPort)
        else { return nil }
        self.init(
            host: parts[0].lowercased(), port: port,
            address: parts[2].trimmingCharacters(in: ["[", "]"]), addressPort: addressPort)
    }
}
