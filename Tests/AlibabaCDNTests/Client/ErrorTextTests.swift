import AsyncHTTPClient
import Foundation
import Logging
import NIOCore
import NIOSSL
import Testing

@testable import AlibabaCDN

@Suite("Error texts")
struct ErrorTextTests {
    let credentials = Credentials(
        accessKeyID: "testid", accessKeySecret: "s3cr3t/value", securityToken: "CAIS tok+en", origin: "test")

    func signed() -> SignedRPCRequest {
        SignedRPCRequest(
            request: .describeRefreshQuota(), credentials: credentials, timestamp: "2024-01-01T00:00:00Z", nonce: "n")
    }

    @Test("SignatureDoesNotMatch: equal strings to sign mean a wrong secret, different ones an altered request")
    func signatureMismatch() {
        let ours = RPCSignatureV1.stringToSign(method: "POST", parameters: signed().parameters)
        let same = APIErrorBody(
            code: "SignatureDoesNotMatch",
            message: "Specified signature is not matched with our calculation. server string to sign is:\(ours)")
        let explained = CDNClient.explainSignatureMismatch(same, ours: signed())
        #expect(explained.hasSuffix("the AccessKey secret is wrong)"))
        #expect(!explained.contains("server string to sign"))
        let other = APIErrorBody(code: "SignatureDoesNotMatch", message: "x. server string to sign is:GET&%2F&other")
        #expect(CDNClient.explainSignatureMismatch(other, ours: signed()).hasSuffix("changed on its way)"))
        let unrelated = APIErrorBody(code: "Throttling.User", message: "server string to sign is: nothing")
        #expect(CDNClient.explainSignatureMismatch(unrelated, ours: signed()) == unrelated.message)
    }

    @Test("the secret and the STS token are redacted from server texts, raw or percent-encoded")
    func redaction() {
        let text = "token CAIS tok+en, encoded CAIS%20tok%2Ben, twice CAIS%2520tok%252Ben, secret s3cr3t%2Fvalue"
        let redacted = CDNClient.redact(text, credentials)
        #expect(!redacted.contains("CAIS") && !redacted.contains("s3cr3t"))
        #expect(redacted.components(separatedBy: "<redacted>").count == 5)
    }
}

/// Every error path's message is a sentence: never a dump of a Swift value.
@Suite("Messages are sentences")
struct SentenceTests {
    static let dumps = ["(kind:", "Failure(", "Error(", "Optional(", "rawValue:", "errorCode:"]

    static func isSentence(_ text: String) -> Bool {
        !text.isEmpty && !dumps.contains { text.contains($0) }
    }

    @Test("transport failures of every kind the HTTP client and NIO raise")
    func transport() {
        let raw: [any Error] = [
            HTTPClientError.connectTimeout, HTTPClientError.readTimeout, HTTPClientError.deadlineExceeded,
            HTTPClientError.remoteConnectionClosed, HTTPClientError.invalidProxyResponse,
            HTTPClientError.proxyAuthenticationRequired, HTTPClientError.tlsHandshakeTimeout,
            HTTPClientError.alreadyShutdown, HTTPClientError.bodyLengthMismatch,
            ChannelError.connectTimeout(.seconds(10)), ChannelError.ioOnClosedChannel, ChannelError.eof,
            IOError(errnoCode: ECONNREFUSED, reason: "connect"), DeadlineExceeded(seconds: 30), CancellationError(),
            NIOSSLError.handshakeFailed(.sslError([])),
            DecodingError.dataCorrupted(.init(codingPath: [], debugDescription: "x")),
            NIOTooManyBytesError(maxBytes: 10),
        ]
        for error in raw {
            let failure = NetworkFailure.classify(error, timeout: 30)
            #expect(Self.isSentence(failure.detail), "\(error): \(failure.detail)")
            #expect(Self.isSentence("\(APICallError.transport(failure))"), "\(error)")
        }
        #expect(NetworkFailure.classify(HTTPClientError.deadlineExceeded, timeout: 30).detail == "timed out after 30 s")
    }

    @Test("every API call error, credential error, download failure and network setting error")
    func everyError() {
        let texts: [String] = [
            "\(APICallError.api(APIFailure(httpStatus: 400, body: APIErrorBody(code: "Throttling.User", message: "m"))))",
            "\(APICallError.unexpectedResponse(httpStatus: 502, detail: "<html>"))",
            "\(APICallError.credentials(.notFound(configPath: "/x")))",
            "\(APICallError.transport(TransportFailure(kind: .timedOut, detail: "timed out after 30 s")))",
            "\(CredentialError.sourceFailed(source: "STS", reason: "refused"))",
            "\(CredentialError.noneWorked(attempts: ["a", "b"]))",
            "\(DownloadFailure(name: "x.gz", reason: "stalled", delivered: 10))",
            "\(NetworkSettingsError.badNoProxy(source: "NO_PROXY", entry: "1/33", reason: "r"))",
            "\(DeadlineExceeded(seconds: 1))",
        ]
        for text in texts { #expect(Self.isSentence(text), "\(text)") }
    }

    @Test("an answer that cannot be read never shows a signed URL's query, and a log listing's not at all")
    func snippets() {
        let body = Array(#"{"LogPath":"oss.example/a.gz?OSSAccessKeyId=ID&Expires=1&Signature=SIG"}"#.utf8)
        #expect(!CDNClient.snippet(body, of: "DescribeCdnDomainLogs").contains("SIG"))
        #expect(!CDNClient.snippet(body, of: "DescribeCdnDomainLogs").contains("oss.example"))
        let other = CDNClient.snippet(body, of: "DescribeRefreshQuota")
        #expect(!other.contains("SIG") && !other.contains("OSSAccessKeyId") && other.contains("oss.example/a.gz?"))
    }
}
