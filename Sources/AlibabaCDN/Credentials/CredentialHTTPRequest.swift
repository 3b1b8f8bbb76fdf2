import AsyncHTTPClient
import Foundation
import NIOCore
import NIOHTTP1

/// One HTTP exchange of a credentials source (STS, the ECS metadata service, a credentials URI).
package struct CredentialHTTPRequest: Sendable, Equatable {
    package var method: String
    package var url: String
    package var headers: [String: String]
    package var body: [UInt8]
    /// Seconds allowed, connect to last byte.
    package var timeout: Double
    /// Never through a proxy, whatever the environment says (the ECS metadata service: a proxy must never see an
    /// instance's role credentials).
    package var neverProxied: Bool

    package init(
        method: String, url: String, headers: [String: String] = [:], body: [UInt8] = [], timeout: Double,
        neverProxied: Bool = false
    ) {
        self.neverProxied = neverProxied
        self.method = method
        self.url = url
        self.headers = headers
        self.body = body
        self.timeout = timeout
    }
}
