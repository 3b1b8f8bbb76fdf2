import Foundation
import TestSupport
import Testing

/// What `scripts/install.sh` installed: `.ci/run` installs into a temporary prefix and names it in
/// `CDN_REFRESH_INSTALLED_PREFIX` (a release build takes minutes, so plain `swift test` skips these).
@Suite(
    "install.sh into a temporary prefix",
    .enabled(if: ProcessInfo.processInfo.environment["CDN_REFRESH_INSTALLED_PREFIX"] != nil))
struct InstallTests {
    let prefix = ProcessInfo.processInfo.environment["CDN_REFRESH_INSTALLED_PREFIX"] ?? "/nonexistent"

    func output(_ executable: String, _ arguments: [String], environment: [String: String]? = nil) throws -> (
        Int32, String
    ) {
        let process = Process()
        process.executableURL = URL(fileURLWithPath: executable)
        process.arguments = arguments
        if let environment { process.environment = environment }
        let pipe = Pipe()
        process.standardOutput = pipe
        process.standardError = pipe
        try process.run()
        let data = pipe.fileHandleForReading.readDataToEndOfFile()
        process.waitUntilExit()
        return (process.terminationStatus, String(decoding: data, as: UTF8.self))
    }

    @Test("the binary links no Swift runtime library and runs")
    func binary() throws {
        let binary = prefix + "/bin/cdn-refresh"
        let (status, libraries) = try output("/usr/bin/ldd", [binary])
        #expect(status == 0, "\(libraries)")
        #expect(!libraries.contains("libswift") && !libraries.contains("libFoundation"), "\(libraries)")
        let (helpStatus, help) = try output(binary, ["--help"])
        #expect(helpStatus == 0 && help.contains("USAGE: cdn-refresh"))
    }

    @Test("the man page renders with man -l")
    func manPage() throws {
        let page = prefix + "/share/man/man1/cdn-refresh.1"
        #expect(FileManager.default.fileExists(atPath: page))
        let (status, text) = try output(
            "/usr/bin/man", ["-l", page], environment: ["MANPAGER": "cat", "PAGER": "cat", "TERM": "dumb"])
        #expect(status == 0, "\(text)")
        #expect(text.contains("cdn-refresh") && text.contains("plan") && text.contains("run"))
    }

    @Test("bash, zsh and fish completions are where each shell looks")
    func completions() throws {
        for (path, marker) in [
            ("/share/bash-completion/completions/cdn-refresh", "complete"),
            ("/share/zsh/site-functions/_cdn-refresh", "#compdef cdn-refresh"),
            ("/share/fish/vendor_completions.d/cdn-refresh.fish", "complete -c 'cdn-refresh'"),
        ] {
            let text = try String(contentsOfFile: prefix + path, encoding: .utf8)
            #expect(text.contains(marker), "\(path)")
        }
    }
}
