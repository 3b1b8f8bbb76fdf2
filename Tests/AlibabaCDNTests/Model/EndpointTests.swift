import Foundation
import Logging
import Testing

@testable import AlibabaCDN

@Suite("Endpoints")
struct EndpointTests {
    @Test("https anywhere, http only on loopback")
    func validation() {
        #expect(
            (try? Endpoint.parse("https://cdn.aliyuncs.com").get())?.absoluteString
                == "https://cdn.aliyuncs.com")
        #expect(
            (try? Endpoint.parse("http://127.0.0.1:8080/").get())?.absoluteString
                == "http://127.0.0.1:8080")
        #expect((try? Endpoint.parse("http://localhost:9").get()) != nil)
        #expect((try? Endpoint.parse("http://[::1]:9").get()) != nil)
        #expect(
            Endpoint.parse("http://cdn.aliyuncs.com")
                == .failure(.plainHTTPNotLoopback("http://cdn.aliyuncs.com")))
        #expect(
            Endpoint.parse("http://127.0.0.1.evil.com")
                == .failure(.plainHTTPNotLoopback("http://127.0.0.1.evil.com")))
        #expect(Endpoint.parse("ftp://x") == .failure(.malformed("ftp://x")))
        #expect(
            Endpoint.parse("https://cdn.aliyuncs.com/api?x=1")
                == .failure(.malformed("https://cdn.aliyuncs.com/api?x=1")))
    }
}
