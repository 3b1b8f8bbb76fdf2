import Foundation
import TestSupport
import Testing

/// The scheduling files in `contrib/`: the systemd units verify, the cron line is quiet and keyless.
@Suite("contrib: systemd units and the cron line")
struct ContribTests {
    let directory = TemporaryDirectory()
    static let analyzer = "/usr/bin/systemd-analyze"

    func contrib(_ path: String) throws -> String {
        try String(contentsOfFile: PackageLocations.root + "/contrib/" + path, encoding: .utf8)
    }

    @Test(
        "the service and timer pass systemd-analyze verify (with the built binary in ExecStart)",
        .enabled(if: FileManager.default.isExecutableFile(atPath: ContribTests.analyzer)))
    func systemdVerify() throws {
        let service = try contrib("systemd/cdn-refresh.service")
            .replacingOccurrences(of: "/usr/local/bin/cdn-refresh", with: PackageLocations.binary)
        directory.write("cdn-refresh.service", text: service)
        directory.write("cdn-refresh.timer", text: try contrib("systemd/cdn-refresh.timer"))
        let process = Process()
        process.executableURL = URL(fileURLWithPath: Self.analyzer)
        process.arguments = ["verify", "--man=no", "./cdn-refresh.timer", "./cdn-refresh.service"]
        process.currentDirectoryURL = URL(fileURLWithPath: directory.path)
        let errors = Pipe()
        process.standardError = errors
        process.standardOutput = Pipe()
        try process.run()
        process.waitUntilExit()
        let text = String(decoding: errors.fileHandleForReading.readDataToEndOfFile(), as: UTF8.self)
        #expect(process.terminationStatus == 0 && text.isEmpty, "\(text)")
    }

    @Test("the units: oneshot after the quota reset, persistent, hardened, keys only from a 0600 EnvironmentFile")
    func unitContents() throws {
        let timer = try contrib("systemd/cdn-refresh.timer")
        #expect(timer.contains("OnCalendar=*-*-* 00:10:00 Asia/Shanghai") && timer.contains("Persistent=true"))
        let service = try contrib("systemd/cdn-refresh.service")
        for directive in [
            "Type=oneshot", "StateDirectory=cdn-refresh", "NoNewPrivileges=yes", "ProtectSystem=strict",
            "ReadWritePaths=/var/lib/cdn-refresh", "EnvironmentFile=-/etc/cdn-refresh/credentials.env", "--quiet",
        ] {
            #expect(service.contains(directive), "\(directive)")
        }
        // Keys appear only in the comments that say where they go, never in a directive.
        let directives = service.split(separator: "\n").filter { !$0.hasPrefix("#") }
        #expect(!directives.contains { $0.contains("ACCESS_KEY") || $0.contains("SECRET") })
    }

    @Test("the cron line runs after the quota reset, quietly, with no secret on its command line")
    func cronLine() throws {
        let cron = try contrib("cron/cdn-refresh")
        let line = try #require(cron.split(separator: "\n").first { !$0.hasPrefix("#") && $0.hasPrefix("10 16 ") })
        #expect(cron.contains("CRON_TZ=UTC"))
        #expect(line.contains("--quiet") && line.contains("cdn-refresh run"))
        #expect(!line.contains("SECRET=") && !line.contains("KEY_ID="))
    }
}
