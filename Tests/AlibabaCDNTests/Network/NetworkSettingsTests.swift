import Foundation
import Testing

@testable import AlibabaCDN

@Suite("Proxies and trust roots from the environment, as curl reads them")
struct NetworkSettingsTests {
    func settings(_ environment: [String: String], proxy: String? = nil, noProxy: Bool = false) throws
        -> NetworkSettings
    {
        try NetworkSettings.from(environment: environment, proxy: proxy, noProxy: noProxy)
    }

    func via(_ settings: NetworkSettings, _ url: String) -> String {
        settings.route(for: url).proxy.map { "\($0.host):\($0.port)" } ?? "direct"
    }

    @Test("https_proxy before HTTPS_PROXY for https; http_proxy/HTTP_PROXY for http; ALL_PROXY for both")
    func variables() throws {
        let both = try settings([
            "https_proxy": "http://lower:3128", "HTTPS_PROXY": "http://upper:3128", "HTTP_PROXY": "plain:8080",
        ])
        #expect(via(both, "https://cdn.aliyuncs.com/") == "lower:3128")
        #expect(via(both, "http://cdn.aliyuncs.com/") == "plain:8080")
        #expect(both.route(for: "https://cdn.aliyuncs.com").reason == "https_proxy")
        let all = try settings(["ALL_PROXY": "http://all:1080"])
        #expect(via(all, "https://sts.aliyuncs.com") == "all:1080" && via(all, "http://x.example") == "all:1080")
        #expect(via(try settings([:]), "https://cdn.aliyuncs.com") == "direct")
    }

    @Test(
        "NO_PROXY: *, names and their subdomains (leading dot or not), IPs, CIDR ranges, ports",
        arguments: [
            ("*", "https://cdn.aliyuncs.com/", true),
            ("aliyuncs.com", "https://cdn.aliyuncs.com/", true),
            (".aliyuncs.com", "https://aliyuncs.com/", true),
            ("aliyuncs.com", "https://notaliyuncs.com/", false),
            ("example.org, CDN.AliyunCS.com", "https://cdn.aliyuncs.com/", true),
            ("10.0.0.0/8", "https://10.1.2.3/", true),
            ("10.0.0.0/8", "https://11.1.2.3/", false),
            ("192.168.1.7", "https://192.168.1.7:8443/", true),
            ("fd00::/8", "https://[fd12::1]/", true),
            ("cdn.aliyuncs.com:8443", "https://cdn.aliyuncs.com:8443/", true),
            ("cdn.aliyuncs.com:8443", "https://cdn.aliyuncs.com/", false),
        ])
    func noProxy(rule: String, url: String, direct: Bool) throws {
        let network = try settings(["HTTPS_PROXY": "http://proxy:3128", "no_proxy": rule])
        #expect((network.route(for: url).proxy == nil) == direct, "\(rule) for \(url)")
    }

    @Test("loopback and the ECS metadata service always go direct, whatever the environment says")
    func neverProxied() throws {
        let network = try settings(["HTTP_PROXY": "http://proxy:3128", "HTTPS_PROXY": "http://proxy:3128"])
        for url in [
            "http://100.100.100.200/latest/meta-data/ram/security-credentials/", "http://127.0.0.1:8080/",
            "http://localhost/", "http://[::1]:80/", "http://127.9.9.9/",
        ] {
            #expect(network.route(for: url).proxy == nil, "\(url)")
        }
        #expect(network.route(for: "http://100.100.100.200/").reason == "the ECS metadata service")
        #expect(network.withoutProxies.route(for: "https://cdn.aliyuncs.com").proxy == nil)
    }

    @Test("--proxy overrides the environment, --no-proxy disables it; a proxy's password is never shown")
    func overrides() throws {
        let given = try settings(
            ["HTTPS_PROXY": "http://env:3128"], proxy: "http://night:pa%40ss@proxy.corp:8080")
        let route = given.route(for: "https://cdn.aliyuncs.com")
        #expect(route.proxy?.host == "proxy.corp" && route.proxy?.password == "pa@ss" && route.reason == "--proxy")
        #expect("\(route.proxy!)" == "http://night:***@proxy.corp:8080 (--proxy)")
        #expect(via(try settings(["HTTPS_PROXY": "http://env:3128"], noProxy: true), "https://a.example") == "direct")
        #expect(throws: NetworkSettingsError.self) { try settings([:], proxy: "https://tls-proxy:443") }
    }

    @Test("NO_PROXY as curl reads it: * only as the whole value; a malformed CIDR is an error naming it")
    func curlReading() throws {
        let listed = try settings(["HTTPS_PROXY": "http://proxy:3128", "NO_PROXY": "foo.example,*,bar.example"])
        #expect(via(listed, "https://cdn.aliyuncs.com/") == "proxy:3128")
        #expect(via(listed, "https://bar.example/") == "direct")
        #expect(listed.warnings.contains { $0.contains("'*' counts only as the whole value") })
        #expect(via(try settings(["HTTPS_PROXY": "http://proxy:3128", "NO_PROXY": " * "]), "https://a.b/") == "direct")
        for bad in ["10.0.0.0/-1", "10.0.0.0/33", "10.0.0.0/abc", "fd00::/129", "example.com/8"] {
            do {
                _ = try settings(["HTTPS_PROXY": "http://proxy:3128", "NO_PROXY": "a.example, \(bad)"])
                Issue.record("\(bad) was accepted")
            } catch {
                #expect("\(error)".contains("'\(bad)'") && "\(error)".contains("NO_PROXY"), "\(error)")
            }
        }
        #expect(
            via(try settings(["HTTPS_PROXY": "http://p:1", "NO_PROXY": "10.0.0.0/0"]), "https://10.9.9.9/") == "direct")
    }

    @Test("a proxy variable that cannot be used is a warning; only a request that would go through it fails")
    func unusableProxy() throws {
        let network = try settings(["ALL_PROXY": "socks5://socks.corp:1080", "NO_PROXY": "cdn.aliyuncs.com"])
        #expect(network.warnings.count == 1 && network.warnings[0].contains("ALL_PROXY"))
        #expect(network.route(for: "http://127.0.0.1:8080/").blocked == nil)
        #expect(network.route(for: "https://cdn.aliyuncs.com/").blocked == nil)
        let blocked = network.route(for: "https://sts.aliyuncs.com/").blocked
        #expect(blocked?.contains("ALL_PROXY") == true && blocked?.contains("only http://") == true, "\(blocked ?? "")")
    }

    @Test("a proxy that rejected the credentials given is never sent them again; one that refuses tunnels, 3 times")
    func gate() throws {
        let network = try settings(["HTTPS_PROXY": "http://night:secret@proxy.corp:3128"])
        let proxy = try #require(network.route(for: "https://cdn.aliyuncs.com").proxy)
        let text = network.gate.credentialsRejected(by: proxy)
        #expect(text.contains("rejected the credentials given for night (407)") && !text.contains("secret"))
        #expect(network.route(for: "https://cdn.aliyuncs.com").blocked == text)
        let other = try settings(["HTTPS_PROXY": "http://proxy.corp:3128"])
        let tunnel = try #require(other.route(for: "https://cdn.aliyuncs.com").proxy)
        let start = Date()
        #expect(!other.gate.tunnelRefused(by: tunnel, status: 502, sentence: "502", at: start))
        #expect(!other.gate.tunnelRefused(by: tunnel, status: 502, sentence: "502", at: start + 20))
        #expect(!other.gate.tunnelRefused(by: tunnel, status: 502, sentence: "502", at: start + 25))
        #expect(other.gate.tunnelRefused(by: tunnel, status: 503, sentence: "503", at: start + 30))
        #expect(other.route(for: "https://cdn.aliyuncs.com").blocked?.contains("3 times within 15 s") == true)
    }

    @Test("SSL_CERT_FILE that cannot be read is named; --ca-file replaces it")
    func trustRoots() throws {
        do {
            _ = try settings(["SSL_CERT_FILE": "/nonexistent/ca.pem"])
            Issue.record("an unreadable SSL_CERT_FILE was accepted")
        } catch {
            #expect("\(error)".contains("SSL_CERT_FILE") && "\(error)".contains("/nonexistent/ca.pem"))
        }
        do {
            _ = try NetworkSettings.from(environment: ["SSL_CERT_FILE": "/nonexistent/ca.pem"], caFile: "/tmp/none.pem")
            Issue.record("an unreadable --ca-file was accepted")
        } catch {
            #expect("\(error)".contains("--ca-file") && !"\(error)".contains("SSL_CERT_FILE"))
        }
    }
}
