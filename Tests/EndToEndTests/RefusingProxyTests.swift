import AlibabaCDN
import Foundation
import TestSupport
import Testing

/// Proxies that refuse, and proxy variables read as curl reads them.
///
/// A rejected password is never sent again; a proxy that cannot reach the API is given up after three refusals. The
/// proxy here never reaches a real host.
@Suite("run behind a proxy that refuses")
struct RefusingProxyTests {
    let directory = TemporaryDirectory()

    func run(proxy: String, _ extra: [String] = [], environment: [String: String] = [:]) async throws
        -> CommandResult
    {
        let (path, _) = EndToEnd.manifest(directory, count: 30)
        var env = EndToEnd.environment(home: directory.path)
        env["HTTPS_PROXY"] = proxy
        for (key, value) in environment { env[key] = value }
        return try await CommandRunner.run(
            [
                "run", path, "--endpoint", "https://cdn.aliyuncs.com", "--no-state", "--report",
                directory.file("report.csv"), "--batch-size", "5", "--timeout", "5",
            ] + extra, environment: env)
    }

    @Test("407 to the credentials given: stop at once, never send them again, say whose they were")
    func rejectedCredentials() async throws {
        let proxy = try RefusingProxy(status: "407 Proxy Authentication Required")
        defer { proxy.stop() }
        let result = try await run(proxy: "http://night:wrong@127.0.0.1:\(proxy.port)")
        #expect(result.status == 2, "\(result.stderr)")
        #expect(result.stderr.contains("the proxy rejected the credentials given for night (407)"), "\(result.stderr)")
        #expect(!result.stderr.contains("give them as") && !result.stderr.contains("wrong"), "\(result.stderr)")
        #expect(proxy.heads.count == 1, "asked \(proxy.heads.count) times")
    }

    @Test("502 to CONNECT: tried at most three times more within 15 s, and the message names the status")
    func badGateway() async throws {
        let proxy = try RefusingProxy(status: "502 Bad Gateway")
        defer { proxy.stop() }
        let started = Date()
        // One request at a time: concurrent requests each open their own tunnel before the first refusal is known;
        // what is promised is how often one request's retries ask again.
        let result = try await run(
            proxy: "http://127.0.0.1:\(proxy.port)", ["--quota-urls", "100", "--quota-dirs", "1", "--concurrency", "1"])
        let elapsed = Date().timeIntervalSince(started)
        #expect(result.status != 0, "\(result.stderr)")
        #expect(result.stderr.contains("HTTP 502 Bad Gateway to CONNECT cdn.aliyuncs.com:443"), "\(result.stderr)")
        // Given up, not retried for minutes: the count is the promise; the time bound only says the run ended (with
        // room for a machine busy with other suites).
        #expect(proxy.heads.count <= 4, "asked \(proxy.heads.count) times")
        #expect(elapsed < 45, "took \(elapsed) s")
    }

    @Test("a malformed NO_PROXY CIDR is exit 64 naming it; a bad proxy no request uses is only a warning")
    func curlReading() async throws {
        let cidr = try await run(proxy: "http://127.0.0.1:9", environment: ["NO_PROXY": "localhost,10.0.0.0/33"])
        #expect(cidr.status == 64, "\(cidr.stderr)")
        #expect(cidr.stderr.contains("'10.0.0.0/33'"), "\(cidr.stderr)")
        let (path, _) = EndToEnd.manifest(directory, count: 3, name: "sandbox.txt")
        var env = EndToEnd.environment(home: directory.path)
        env["ALL_PROXY"] = "socks5://socks.corp:1080"
        let sandbox = try await CommandRunner.run(
            ["run", path, "--sandbox", "--report", directory.file("sandbox.csv")], environment: env)
        #expect(sandbox.status == 0, "\(sandbox.stderr)")
        #expect(sandbox.stderr.contains("warning: the proxy in ALL_PROXY cannot be used"), "\(sandbox.stderr)")
    }
}
