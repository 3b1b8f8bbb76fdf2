import AlibabaCDN
import CDNEmulator
import Foundation
import Logging
import TestSupport
import Testing

/// Shared helpers of the end-to-end tests.
enum EndToEnd {
    static let logger: Logger = {
        var logger = Logger(label: "e2e-emulator")
        logger.logLevel = .warning
        return logger
    }()

    /// The environment a child needs to sign for the emulator, with a private HOME.
    static func environment(home: String, secret: String = EmulatorConfiguration.sandboxAccessKeySecret) -> [String:
        String]
    {
        [
            "ALIBABA_CLOUD_ACCESS_KEY_ID": EmulatorConfiguration.sandboxAccessKeyID,
            "ALIBABA_CLOUD_ACCESS_KEY_SECRET": secret, "HOME": home,
        ]
    }

    /// Starts an emulator on a free port.
    static func emulator(_ configure: (inout EmulatorConfiguration) -> Void = { _ in }) async throws -> RunningEmulator
    {
        var configuration = EmulatorConfiguration(port: 0)
        configure(&configuration)
        configuration.port = 0
        return try await RunningEmulator.start(configuration: configuration, logger: logger)
    }

    /// Writes a manifest of `count` URLs and returns its path and the URLs.
    static func manifest(
        _ directory: TemporaryDirectory, count: Int, name: String = "urls.txt", host: String = "www.example.com"
    )
        -> (path: String, urls: [String])
    {
        let urls = (0..<count).map { "https://\(host)/\(name.prefix(4))/\($0).png" }
        return (directory.write(name, text: urls.joined(separator: "\n") + "\n"), urls)
    }

    /// Reads a report file.
    static func report(_ path: String) throws -> CSVTable {
        CSVTable(try String(contentsOfFile: path, encoding: .utf8))
    }
}
