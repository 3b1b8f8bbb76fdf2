import AlibabaCDN
import ArgumentParser
import CDNEmulator
import CDNRefresh
import Foundation
import Logging
import RefreshRunner

extension CDNRefreshCommand {
    /// `cdn-refresh run`: the full pipeline.
    struct Run: AsyncParsableCommand {
        static let configuration = CommandConfiguration(
            abstract: "Read, plan and submit refreshes within the live quota; write the per-URL report.",
            discussion: """
                Credentials come from Alibaba's default chain — ALIBABA_CLOUD_ACCESS_KEY_ID/_SECRET/_SECURITY_TOKEN, \
                OIDC (ACK RRSA), ~/.aliyun/config.json (AK, StsToken, RamRoleArn, EcsRamRole, OIDC, CredentialsURI), \
                the ECS instance role, ALIBABA_CLOUD_CREDENTIALS_URI — never from arguments. --sandbox needs none: it \
                runs against the built-in emulator (and keeps no state unless --state-dir is given).
                """
        )

        @OptionGroup var planning: PlanningCommandOptions
        @OptionGroup var api: APIOptions
        @OptionGroup var submit: SubmissionCommandOptions
        @OptionGroup var verification: AfterRefreshCommandOptions
        @OptionGroup var output: OutputOptions
        @OptionGroup var summaryFormat: SummaryOptions

        func run() async throws {
            let logger = LoggingBootstrap.bootstrap(level: output.effectiveLogLevel)
            let started = Date()
            let summary: RunSummary
            let exit: ExitCode
            do {
                (summary, exit) = try await execute(logger: logger)
            } catch {
                // A run that stopped before it had an outcome (no credentials, a locked state) still says so.
                var stopped = RunSummary(command: "run")
                stopped.elapsedSeconds = Date().timeIntervalSince(started)
                summaryFormat.writeMetrics(stopped, exit: (error as? ExitCode) ?? ExitCodes.nothingDone)
                throw error
            }
            summaryFormat.writeMetrics(summary, exit: exit)
            if exit != .success { throw exit }
        }

        /// Runs, prints the report and the summary, and returns the summary and the exit code; throws the exit code
        /// of a run that could not start.
        private func execute(logger: Logger) async throws -> (RunSummary, ExitCode) {
            var emulator: RunningEmulator?
            let credentials: any CredentialsProvider
            var endpoint = api.endpointURL
            if submit.sandbox {
                var sandbox = EmulatorConfiguration(port: 0, completeAfterSeconds: 2)
                sandbox.host = "127.0.0.1"
                sandbox.syntheticEdge = true  // --verify checks against it
                do {
                    emulator = try await RunningEmulator.start(configuration: sandbox, logger: logger)
                } catch {
                    StandardError.print("cdn-refresh: cannot start the sandbox emulator: \(error)")
                    throw ExitCodes.nothingDone
                }
                endpoint = emulator!.endpoint
                credentials = StaticCredentialsProvider(
                    Credentials(
                        accessKeyID: EmulatorConfiguration.sandboxAccessKeyID,
                        accessKeySecret: EmulatorConfiguration.sandboxAccessKeySecret, origin: "sandbox"))
                if !output.quiet { StandardError.print("cdn-refresh: sandbox emulator at \(endpoint.absoluteString)") }
            } else {
                credentials = try await api.credentials(logger: logger)
            }

            let client = CDNClient(
                configuration: ClientConfiguration(
                    endpoint: endpoint, timeoutSeconds: api.timeout, maxConnections: submit.concurrency),
                provider: credentials, logger: logger)
            let progressBar = output.showsProgress ? ProgressBar() : nil
            let stateDirectory =
                submit.sandbox && planning.stateDir == nil
                ? nil : StateAccess.directory(noState: planning.noState, stateDir: planning.stateDir)
            var submission = submit.submission
            submission.force = planning.force
            let verify = verification.options(concurrency: submit.concurrency)
            let prefetch = verification.prefetchOptions(waitingAs: submission)
            if verify != nil || prefetch != nil { submission.wait = true }
            let edgeProbe =
                verify == nil
                ? nil
                : HTTPEdgeProbe(
                    connectTo: verification.routes, plainEdge: emulator?.endpoint, timeout: api.timeout,
                    maxConnections: submit.concurrency)
            let runConfiguration = RunConfiguration(
                planning: try planning.configuration(), submission: submission, stateDirectory: stateDirectory,
                runID: Self.runID(), backlogLimits: planning.backlogLimits, verify: verify, prefetch: prefetch)
            let run = RefreshRun(
                configuration: runConfiguration, api: client, logger: logger,
                progress: { progressBar?.update($0) }, edgeProbe: edgeProbe)

            let outcome: RunOutcome
            do {
                outcome = try await run.execute()
            } catch {
                progressBar?.finish()
                await client.shutdown()
                await edgeProbe?.shutdown()
                await emulator?.stop()
                StandardError.print("cdn-refresh: \(error)")
                if case .locked = error { throw ExitCodes.locked }
                throw ExitCodes.nothingDone
            }
            progressBar?.finish()
            await client.shutdown()
            await edgeProbe?.shutdown()
            if let emulator {
                if !output.quiet { StandardError.print(emulator.service.statistics().summary) }
                await emulator.stop()
            }

            var reportFailed = false
            do {
                try ReportWriter.write(outcome.rows, to: planning.reportDestination)
            } catch {
                StandardError.print("cdn-refresh: \(error)")
                reportFailed = true
            }
            for notice in outcome.notices { StandardError.print("cdn-refresh: \(notice)") }
            if let reason = outcome.summary.stopReason, output.quiet {
                StandardError.print("cdn-refresh: stopped: \(reason)")
            }
            let exit: ExitCode =
                switch outcome.exit {
                case .nothingDone: ExitCodes.nothingDone
                case .partial: ExitCodes.partial
                case .success: reportFailed ? ExitCodes.partial : .success
                }
            switch summaryFormat.summary {
            case .json: StandardError.print(outcome.summary.json(exitCode: exit.rawValue))
            case .text: if !output.quiet { StandardError.print(outcome.summary.render()) }
            }
            return (outcome.summary, exit)
        }

        /// A run ID: UTC time and a random suffix, readable in the journal.
        static func runID() -> String {
            let stamp = APITimestamp.format(Date()).filter { $0.isNumber }
            return "run-\(stamp)-\(String(UInt32.random(in: 0...UInt32.max), radix: 36))"
        }
    }
}
