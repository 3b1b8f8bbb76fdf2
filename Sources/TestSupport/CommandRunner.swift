import Foundation

#if canImport(Glibc)
    import Glibc
#endif

/// A running `cdn-refresh` child process.
package final class RunningCommand: @unchecked Sendable {
    // @unchecked: Process and the pipes are used from one waiter at a time; the collected bytes are locked.
    private let process: Process
    private let out = CollectedBytes()
    private let err = CollectedBytes()
    private let group = DispatchGroup()

    fileprivate init(process: Process, stdout: Pipe, stderr: Pipe) {
        self.process = process
        // Blocking reads run on their own threads: on Linux the global Dispatch queues also run Swift tasks,
        // and blocking them would starve an emulator running in the test process.
        for (pipe, sink) in [(stdout, out), (stderr, err)] {
            group.enter()
            Thread.detachNewThread {
                sink.set(pipe.fileHandleForReading.readDataToEndOfFile())
                self.group.leave()
            }
        }
    }

    package var pid: Int32 { process.processIdentifier }

    /// Whether the process has not ended yet.
    package var isRunning: Bool { process.isRunning }

    /// Sends `signal` to the process.
    package func kill(_ signal: Int32) {
        _ = Glibc.kill(process.processIdentifier, signal)
    }

    /// Waits for the process to end and returns its status and output.
    package func wait() async -> CommandResult {
        await withCheckedContinuation { continuation in
            Thread.detachNewThread {
                self.process.waitUntilExit()
                self.group.wait()
                continuation.resume(
                    returning: CommandResult(
                        status: self.process.terminationStatus,
                        stdout: String(decoding: self.out.value, as: UTF8.self),
                        stderr: String(decoding: self.err.value, as: UTF8.self),
                        signaled: self.process.terminationReason == .uncaughtSignal))
            }
        }
    }
}

/// Runs the built `cdn-refresh` in a child process.
package enum CommandRunner {
    /// Starts `cdn-refresh` with `arguments`, optional standard input and extra environment.
    ///
    /// The child gets a clean credential environment (no `ALIBABA_CLOUD_*`, `ALICLOUD_*`, no `XDG_STATE_HOME`)
    /// unless `environment` sets them.
    package static func start(
        _ arguments: [String], stdin: [UInt8]? = nil, environment: [String: String] = [:],
        currentDirectory: String? = nil
    ) throws -> RunningCommand {
        let process = Process()
        process.executableURL = URL(fileURLWithPath: PackageLocations.binary)
        process.arguments = arguments
        var env = ProcessInfo.processInfo.environment.filter {
            !$0.key.hasPrefix("ALIBABA_CLOUD_") && !$0.key.hasPrefix("ALICLOUD_")
        }
        env["XDG_STATE_HOME"] = nil
        for (key, value) in environment { env[key] = value }
        process.environment = env
        if let currentDirectory { process.currentDirectoryURL = URL(fileURLWithPath: currentDirectory) }
        let out = Pipe()
        let err = Pipe()
        let input = Pipe()
        process.standardOutput = out
        process.standardError = err
        process.standardInput = input
        try process.run()
        let running = RunningCommand(process: process, stdout: out, stderr: err)
        let data = stdin.map { Data($0) }
        Thread.detachNewThread {
            if let data { input.fileHandleForWriting.write(data) }
            try? input.fileHandleForWriting.close()
        }
        return running
    }

    /// Runs `cdn-refresh` to its end.
    package static func run(
        _ arguments: [String], stdin: [UInt8]? = nil, environment: [String: String] = [:],
        currentDirectory: String? = nil
    ) async throws -> CommandResult {
        try await start(arguments, stdin: stdin, environment: environment, currentDirectory: currentDirectory).wait()
    }
}

private final class CollectedBytes: @unchecked Sendable {
    private let lock = NSLock()
    private var data = Data()

    func set(_ newValue: Data) {
        lock.lock()
        data = newValue
        lock.unlock()
    }

    var value: Data {
        lock.lock()
        defer { lock.unlock() }
        return data
    }
}
