import Foundation

/// Paths of the package, its samples, the shared corpus and the built binary, for tests.
package enum PackageLocations {
    /// The package root (the directory holding `Package.swift`).
    package static let root: String = {
        var url = URL(fileURLWithPath: #filePath)
        for _ in 0..<3 { url.deleteLastPathComponent() }
        return url.path
    }()

    /// `samples/` in the package.
    package static var samples: String { "\(root)/samples" }

    /// The shared real-world corpus: `$CDN_REFRESH_CORPUS`, else `shared/corpus` beside the checkout.
    package static let corpus: String? = {
        if let fromEnvironment = ProcessInfo.processInfo.environment["CDN_REFRESH_CORPUS"] {
            return fromEnvironment
        }
        var url = URL(fileURLWithPath: root)
        for _ in 0..<3 {
            url.deleteLastPathComponent()
            let candidate = url.appendingPathComponent("shared/corpus").path
            if FileManager.default.fileExists(atPath: candidate) { return candidate }
        }
        return nil
    }()

    /// Whether the corpus was found (tests that need it are disabled otherwise, and `.ci/run` says so).
    package static var corpusIsAvailable: Bool { corpus != nil }

    /// A file of the corpus, such as `lnav/access_log.gz`.
    package static func corpusFile(_ name: String) -> String {
        "\(corpus ?? "/nonexistent")/\(name)"
    }

    /// The built `cdn-refresh` executable, beside the test bundle.
    package static var binary: String {
        let runner = URL(fileURLWithPath: CommandLine.arguments[0]).resolvingSymlinksInPath()
        var directory = runner.deletingLastPathComponent()
        if directory.lastPathComponent.hasSuffix(".xctest") { directory.deleteLastPathComponent() }
        let beside = directory.appendingPathComponent("cdn-refresh").path
        if FileManager.default.isExecutableFile(atPath: beside) { return beside }
        return "\(root)/.build/debug/cdn-refresh"
    }
}
