import AsyncHTTPClient
import Foundation
import NIOCore
import NIOHTTP1

/// The answer to a ``CredentialHTTPRequest``.
package struct CredentialHTTPResponse: Sendable, Equatable {
    package var status: Int
    package var body: [UInt8]

    package init(status: Int, body: [UInt8]) {
        self.status = status
        self.body = body
    }

    package var text: String { String(decoding: body, as: UTF8.self) }
}
