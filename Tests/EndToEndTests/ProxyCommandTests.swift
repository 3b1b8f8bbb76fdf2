import AlibabaCDN
import CDNEmulator
import Foundation
import TestSupport
import Testing

#if canImport(Glibc)
    import Glibc
#endif

/// Behind a company proxy, end to end.
///
/// The binary against the emulator served over TLS with a throwaway CA's certificate, reached through a real
/// `tinyproxy`. Skipped, with this message, where tinyproxy or openssl is not installed.
@Suite(
    "run behind a proxy (tinyproxy)", .serialized,
    .enabled(if: Requirement.proxy.runs, Requirement.proxy.missing), .requires(.proxy),
    .enabled(if: ThisMachine.nameResolves, "this machine's own name does not resolve"))
struct ProxyCommandTests {
    let directory = TemporaryDirectory()

    /// The emulator over TLS for ``ThisMachine/name``, and the CA that signed its certificate.
    func tlsEmulator(_ configure: (inout EmulatorConfiguration) -> Void = { _ in }) async throws -> (
        RunningEmulator, ThrowawayCA, endpoint: String
    ) {
        let ca = try await ThrowawayCA.make(directory: directory, host: ThisMachine.name)
        let emulator = try await EndToEnd.emulator {
            $0.host = "0.0.0.0"
            $0.tls = EmulatorConfiguration.TLSFiles(certificateChain: ca.serverCertificate, privateKey: ca.serverKey)
            configure(&$0)
        }
        return (emulator, ca, "https://\(ThisMachine.name):\(emulator.endpoint.port ?? 0)")
    }

    func run(_ endpoint: String, _ environment: [String: String], _ extra: [String] = [], report: String) async throws
        -> (CommandResult, [String])
    {
        let (path, urls) = EndToEnd.manifest(directory, count: 20)
        var merged = EndToEnd.environment(home: directory.path)
        merged.merge(environment) { $1 }
        let result = try await CommandRunner.run(
            ["run", path, "--endpoint", endpoint, "--no-state", "--report", directory.file(report)] + extra,
            environment: merged)
        return (result, urls)
    }

    @Test("through the proxy with SSL_CERT_FILE naming the CA: every URL accepted, the proxy saw the CONNECTs")
    func throughProxy() async throws {
        let (emulator, ca, endpoint) = try await tlsEmulator()
        let port = emulator.endpoint.port ?? 0
        let proxy = try await TinyProxy.start(directory: directory, connectPorts: [port])
        let (result, urls) = try await run(
            endpoint, ["HTTPS_PROXY": proxy.url, "SSL_CERT_FILE": ca.certificate], ["--log-level", "debug"],
            report: "proxied.csv")
        await emulator.stop()
        proxy.stop()
        #expect(result.status == 0, "\(result.stderr)")
        #expect(Set(emulator.service.acceptedCounts().keys) == Set(urls))
        #expect(proxy.tunnels.contains("\(ThisMachine.name):\(port)"), "\(proxy.log)")
        #expect(result.stderr.contains("http.proxy=http://127.0.0.1:\(proxy.port) (HTTPS_PROXY)"))
    }

    @Test("without the CA: a clear error naming the host and SSL_CERT_FILE, exit 2, every URL kept")
    func untrusted() async throws {
        let (emulator, _, endpoint) = try await tlsEmulator()
        let proxy = try await TinyProxy.start(directory: directory, connectPorts: [emulator.endpoint.port ?? 0])
        let (result, urls) = try await run(endpoint, ["HTTPS_PROXY": proxy.url], report: "untrusted.csv")
        await emulator.stop()
        proxy.stop()
        #expect(result.status == 2, "\(result.stderr)")
        #expect(
            result.stderr.contains(
                "certificate for \(ThisMachine.name) not trusted: set SSL_CERT_FILE to your proxy's CA bundle"))
        #expect(emulator.service.acceptedCounts().isEmpty)
        let table = try EndToEnd.report(directory.file("untrusted.csv"))
        #expect(Set(table.rows.compactMap { $0["url"] }) == Set(urls))
        #expect(table.rows.allSatisfy { $0["status"] == "deferred" })
    }

    @Test("NO_PROXY naming the endpoint's host (or --ca-file instead of SSL_CERT_FILE): direct, no CONNECT")
    func noProxy() async throws {
        let (emulator, ca, endpoint) = try await tlsEmulator()
        let proxy = try await TinyProxy.start(directory: directory, connectPorts: [emulator.endpoint.port ?? 0])
        let (result, _) = try await run(
            endpoint, ["HTTPS_PROXY": proxy.url, "NO_PROXY": "example.org,.\(ThisMachine.name)"],
            ["--ca-file", ca.certificate],
            report: "direct.csv")
        await emulator.stop()
        proxy.stop()
        #expect(result.status == 0, "\(result.stderr)")
        #expect(proxy.tunnels.isEmpty && proxy.forwarded.isEmpty, "\(proxy.log)")
    }

    /// A stand-in must be on loopback; that `100.100.100.200` itself goes direct is `NetworkSettingsTests`' part.
    @Test("the ECS metadata service stand-in is never asked through the proxy, whatever HTTP_PROXY says")
    func metadataDirect() async throws {
        let metadata = try await EndToEnd.emulator()
        let port = metadata.endpoint.port ?? 0
        let proxy = try await TinyProxy.start(directory: directory, connectPorts: [port])
        var environment = [
            "HOME": directory.path, "HTTP_PROXY": proxy.url, "HTTPS_PROXY": proxy.url,
            "CDN_REFRESH_ECS_METADATA_URL": metadata.endpoint.absoluteString,
        ]
        environment["NO_PROXY"] = nil
        let result = try await CommandRunner.run(
            ["quota", "--endpoint", "http://127.0.0.1:\(port)"], environment: environment)
        await metadata.stop()
        proxy.stop()
        #expect(result.status == 0, "\(result.stderr)")
        #expect(metadata.service.statistics().calls["metadata credentials"] == 1)
        #expect(proxy.forwarded.isEmpty && proxy.tunnels.isEmpty, "\(proxy.log)")
    }

    @Test("a proxy that is not there, or that wants credentials: an error that names the proxy, exit 2")
    func refusingProxy() async throws {
        let (emulator, ca, endpoint) = try await tlsEmulator()
        let closed = try RawSocket.freePort()
        let (gone, _) = try await run(
            endpoint, ["HTTPS_PROXY": "http://127.0.0.1:\(closed)", "SSL_CERT_FILE": ca.certificate],
            ["--max-attempts", "1"], report: "gone.csv")
        #expect(gone.status == 2)
        #expect(
            gone.stderr.contains("could not connect to the proxy http://127.0.0.1:\(closed) (HTTPS_PROXY)"),
            "\(gone.stderr)")

        let proxy = try await TinyProxy.start(
            directory: directory, connectPorts: [emulator.endpoint.port ?? 0], credentials: ("night", "s3cret-pw"))
        let (denied, _) = try await run(
            endpoint, ["HTTPS_PROXY": proxy.url, "SSL_CERT_FILE": ca.certificate], ["--max-attempts", "1"],
            report: "denied.csv")
        #expect(denied.status == 2)
        #expect(
            denied.stderr.contains(
                "the proxy http://127.0.0.1:\(proxy.port) (HTTPS_PROXY) asked for credentials (HTTP 407)"),
            "\(denied.stderr)")
        let (allowed, _) = try await run(
            endpoint,
            ["HTTPS_PROXY": "http://night:s3cret-pw@127.0.0.1:\(proxy.port)", "SSL_CERT_FILE": ca.certificate],
            ["--log-level", "trace"], report: "allowed.csv")
        await emulator.stop()
        proxy.stop()
        #expect(allowed.status == 0, "\(allowed.stderr)")
        #expect(!allowed.stderr.contains("s3cret-pw") && allowed.stderr.contains("http://night:***@127.0.0.1"))
    }
}

/// This machine's own name, through which the tests reach an emulator listening on every address.
enum ThisMachine {
    /// This machine's name: not loopback by name (so it is proxied), yet it reaches the emulator listening on every
    /// address.
    static let name: String = {
        ProcessInfo.processInfo.hostName
    }()

    /// Whether ``name`` resolves (the proxy and the direct route both need it) and is not named as loopback.
    static let nameResolves: Bool = {
        var result: UnsafeMutablePointer<addrinfo>?
        guard getaddrinfo(name, nil, nil, &result) == 0 else { return false }
        freeaddrinfo(result)
        return !Endpoint.isLoopback(name)
    }()
}
