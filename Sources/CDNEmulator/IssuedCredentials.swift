import AlibabaCDN
import Foundation

/// Temporary credentials the emulator issued: its API accepts them with their token until they expire.
struct IssuedCredentials: Sendable {
    var secret: String
    var token: String
    var expiration: Date
}
