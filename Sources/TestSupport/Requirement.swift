import Foundation
import Testing

#if canImport(Glibc)
    import Glibc
#endif

/// What some suites need of the machine: root (and a tmpfs to fill), a real proxy, Python with Alibaba's SLS SDK, the
/// shared corpus.
///
/// Locally a suite whose requirement is missing is skipped, with a message. `CDN_REFRESH_REQUIRE` (a comma-separated
/// list; `.ci/run` sets `root,proxy,python,corpus`) demands them: a demanded requirement that is missing fails the
/// suite's tests instead, so CI cannot pass with them quietly skipped. Give a suite both traits:
/// `.enabled(if: Requirement.proxy.runs, Requirement.proxy.missing)` and `.requires(.proxy)`.
package enum Requirement: String, CaseIterable, Sendable {
    case root, proxy, python, corpus

    /// Whether the machine meets it.
    package var isMet: Bool {
        switch self {
        case .root: geteuid() == 0 && SmallFilesystem.isAvailable
        case .proxy: TinyProxy.isInstalled && ThrowawayCA.isAvailable
        case .python: PythonSDK.isAvailable
        case .corpus: PackageLocations.corpusIsAvailable
        }
    }

    /// Whether `CDN_REFRESH_REQUIRE` demands it.
    package var isDemanded: Bool {
        let listed = ProcessInfo.processInfo.environment["CDN_REFRESH_REQUIRE"] ?? ""
        return listed.split(separator: ",").map { $0.trimmingCharacters(in: .whitespaces) }.contains(rawValue)
    }

    /// Whether the suites that need it run here: when it is met, or when it is demanded (and then they fail).
    package var runs: Bool { isMet || isDemanded }

    /// What is missing, and how to get it.
    package var missing: Comment {
        switch self {
        case .root: Comment(rawValue: "needs root and a tmpfs mount (run as root)")
        case .proxy: Comment(rawValue: "tinyproxy and openssl are needed (apt-get install tinyproxy openssl)")
        case .python:
            Comment(
                rawValue: "Python 3 with aliyun-log-python-sdk is needed (pip install aliyun-log-python-sdk==0.9.52)")
        case .corpus: Comment(rawValue: "the shared corpus is needed (../shared/corpus, or set CDN_REFRESH_CORPUS)")
        }
    }
}

/// Fails every test of a suite whose requirement is demanded (`CDN_REFRESH_REQUIRE`) but not met.
package struct RequirementTrait: SuiteTrait, TestTrait, TestScoping {
    let requirement: Requirement

    package var isRecursive: Bool { true }

    package func provideScope(
        for test: Test, testCase: Test.Case?, performing function: @Sendable () async throws -> Void
    ) async throws {
        guard testCase != nil || !test.isSuite else { return try await function() }
        guard requirement.isMet else {
            let text =
                "CDN_REFRESH_REQUIRE demands \(requirement.rawValue), which this machine does not meet: "
                + requirement.missing.rawValue
            Issue.record(Comment(rawValue: text))
            return
        }
        try await function()
    }
}

extension Trait where Self == RequirementTrait {
    /// Fails the suite's tests when `requirement` is demanded (`CDN_REFRESH_REQUIRE`) but not met.
    package static func requires(_ requirement: Requirement) -> Self { RequirementTrait(requirement: requirement) }
}

/// Alibaba's SLS SDK for Python (`aliyun-log-python-sdk`), the independent client the emulator's SLS is checked with.
package enum PythonSDK {
    /// `python3`, when it can import `aliyun.log`.
    package static let executable: String? = {
        for candidate in ["/usr/bin/python3", "/usr/local/bin/python3"] + pathCandidates() {
            guard FileManager.default.isExecutableFile(atPath: candidate) else { continue }
            let process = Process()
            process.executableURL = URL(fileURLWithPath: candidate)
            process.arguments = ["-c", "import aliyun.log"]
            process.standardOutput = FileHandle.nullDevice
            process.standardError = FileHandle.nullDevice
            guard (try? process.run()) != nil else { continue }
            process.waitUntilExit()
            if process.terminationStatus == 0 { return candidate }
        }
        return nil
    }()

    package static var isAvailable: Bool { executable != nil }

    /// Runs `script` with `arguments`; its standard output, and its standard error after it when it fails.
    package static func run(_ script: String, arguments: [String]) async throws -> String {
        guard let executable else { return "no python3 with aliyun-log-python-sdk" }
        return try await withCheckedThrowingContinuation { continuation in
            Thread.detachNewThread {
                let process = Process()
                process.executableURL = URL(fileURLWithPath: executable)
                process.arguments = [script] + arguments
                let out = Pipe()
                let err = Pipe()
                process.standardOutput = out
                process.standardError = err
                do {
                    try process.run()
                } catch {
                    return continuation.resume(throwing: error)
                }
                let output = out.fileHandleForReading.readDataToEndOfFile()
                let errors = err.fileHandleForReading.readDataToEndOfFile()
                process.waitUntilExit()
                var text = String(decoding: output, as: UTF8.self)
                if process.terminationStatus != 0 { text += String(decoding: errors, as: UTF8.self) }
                continuation.resume(returning: text)
            }
        }
    }

    private static func pathCandidates() -> [String] {
        (ProcessInfo.processInfo.environment["PATH"] ?? "").split(separator: ":").map { "\($0)/python3" }
    }
}
