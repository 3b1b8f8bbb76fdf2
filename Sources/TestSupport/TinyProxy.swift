import Foundation
import Synchronization

#if canImport(Glibc)
    import Glibc
#endif

/// A real forward proxy for the network tests: Debian's `tinyproxy` on a loopback port, with its log in a file.
///
/// Tests that need it are skipped where it is not installed (``isInstalled``); `.ci/run` installs it.
package final class TinyProxy: Sendable {
    /// Where the binary is, if it is installed.
    package static let executable: String? = {
        let path = ProcessInfo.processInfo.environment["PATH"] ?? ""
        let candidates =
            path.split(separator: ":").map { $0 + "/tinyproxy" } + ["/usr/bin/tinyproxy", "/usr/sbin/tinyproxy"]
        return candidates.first { FileManager.default.isExecutableFile(atPath: $0) }
    }()

    /// Whether the tests that need a real proxy can run here.
    package static var isInstalled: Bool { executable != nil }

    package let port: Int
    private let logPath: String
    private let process: Process

    /// Starts a proxy that lets `CONNECT` through to `connectPorts` only (as a company proxy limits it), asks for
    /// Basic credentials when `credentials` are given, and returns once it accepts connections.
    ///
    /// It is started, and waited for, on a thread of its own, never on one that runs Swift tasks.
    package static func start(
        directory: TemporaryDirectory, connectPorts: [Int], credentials: (user: String, password: String)? = nil
    ) async throws -> TinyProxy {
        try await withCheckedThrowingContinuation { continuation in
            Thread.detachNewThread {
                continuation.resume(
                    with: Result {
                        try TinyProxy(directory: directory, connectPorts: connectPorts, credentials: credentials)
                    })
            }
        }
    }

    private init(directory: TemporaryDirectory, connectPorts: [Int], credentials: (user: String, password: String)?)
        throws
    {
        guard let executable = Self.executable else { throw POSIXError(.ENOENT) }
        port = try RawSocket.freePort()
        logPath = directory.file("tinyproxy-\(port).log")
        var config = """
            Port \(port)
            Listen 127.0.0.1
            Timeout 30
            MaxClients 50
            LogFile "\(logPath)"
            LogLevel Info
            Allow 127.0.0.1

            """
        for connectPort in connectPorts { config += "ConnectPort \(connectPort)\n" }
        if let credentials { config += "BasicAuth \(credentials.user) \(credentials.password)\n" }
        let configPath = directory.write("tinyproxy-\(port).conf", text: config)
        process = Process()
        process.executableURL = URL(fileURLWithPath: executable)
        process.arguments = ["-d", "-c", configPath]
        process.standardOutput = FileHandle.nullDevice
        process.standardError = FileHandle.nullDevice
        try process.run()
        for _ in 0..<100 where !RawSocket.accepts(port: port) { Thread.sleep(forTimeInterval: 0.05) }
    }

    deinit {
        stop()
    }

    /// `http://127.0.0.1:PORT`.
    package var url: String { "http://127.0.0.1:\(port)" }

    /// Stops it (SIGKILL: in the foreground mode the tests use, tinyproxy outlives SIGTERM while it holds
    /// connections); no wait, its log is written as it goes.
    package func stop() {
        if process.isRunning { _ = kill(process.processIdentifier, SIGKILL) }
    }

    /// Its log so far.
    package var log: String {
        (try? String(contentsOfFile: logPath, encoding: .utf8)) ?? ""
    }

    /// The targets of the `CONNECT` requests it received (`host:port`), in order.
    package var tunnels: [String] {
        log.split(separator: "\n").compactMap { line in
            guard let range = line.range(of: "): CONNECT ") else { return nil }
            return line[range.upperBound...].split(separator: " ").first.map(String.init)
        }
    }

    /// The requests it received that were not tunnels (`GET http://…`).
    package var forwarded: [String] {
        log.split(separator: "\n").compactMap { line in
            guard line.contains("Request (file descriptor"), !line.contains("): CONNECT "),
                let range = line.range(of: "): ")
            else { return nil }
            return String(line[range.upperBound...])
        }
    }
}
