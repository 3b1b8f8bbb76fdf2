import ArgumentParser
import CDNRefresh
import Foundation
import Logging

extension CDNRefreshCommand {
    /// `cdn-refresh plan`: everything but submission; rows get status `planned`.
    struct Plan: ParsableCommand {
        static let configuration = CommandConfiguration(
            abstract: "Read, rank, trim and pack without submitting; report what a run would do.",
            discussion:
                "Quota defaults to the documented 2000 URLs / 100 directories unless --quota-urls/--quota-dirs say otherwise."
        )

        /// `--emit`.
        enum Emit: String, ExpressibleByArgument, CaseIterable {
            case manifest
        }

        @OptionGroup var planning: PlanningCommandOptions

        @Option(
            help: """
                Write, instead of the report, every merged candidate (not trimmed, no backlog) as the mergeable CSV \
                manifest url,type,priority,hits,changed, for a central run over many hosts' manifests.
                """)
        var emit: Emit?
        @OptionGroup var output: OutputOptions
        @OptionGroup var summaryFormat: SummaryOptions

        func run() throws {
            let logger = LoggingBootstrap.bootstrap(level: output.effectiveLogLevel)
            let started = Date()
            let configuration = try planning.configuration()
            let budget = configuration.quota.resolve(live: nil)
            let pipeline = PlanningPipeline(configuration: configuration)

            var reading = pipeline.readInputs(logger: logger)
            if emit == .manifest { return try emitManifest(&reading, started: started) }
            let options = configuration.planOptions(for: budget)
            let backlog: PlanningBacklog
            do {
                backlog = try StateAccess.backlogForPlanning(
                    options: planning, reading: reading, planOptions: options, logger: logger)
            } catch {
                StandardError.print("cdn-refresh: \(error)")
                throw ExitCodes.nothingDone
            }
            let expiring = backlog.expiring
            let plan = pipeline.plan(reading: &reading, backlog: backlog.candidates, options: options)
            let digests = reading.digests
            // An expiring entry that the inputs name again is planned as a new change, not reported as leaving.
            var leaving = expiring
            if !expiring.isEmpty {
                let named = Set(plan.batches.flatMap(\.entries).map(\.key) + (plan.deferred + plan.covered).map(\.key))
                leaving.removeAll { named.contains(CandidateKey(url: $0.url, type: $0.type ?? .file)) }
            }
            let rows = [
                AnySequence(ReportRow.planRows(for: plan, inputNames: pipeline.inputNames)), AnySequence(leaving),
            ]
            .joined()
            do {
                try ReportWriter.write(rows, to: planning.reportDestination)
            } catch {
                StandardError.print("cdn-refresh: \(error)")
                throw ExitCodes.nothingDone
            }

            var summary = RunSummary(command: "plan")
            summary.add(inputs: digests)
            summary.count(plan)
            summary.count(leaving)
            summary.requests = plan.batches.count
            summary.quotaStart = plan.quota
            summary.quotaLeft = plan.quotaLeft
            summary.quotaOrigin = budget.originText
            summary.collapse = plan.collapse
            summary.backlogSize = backlog.size
            summary.untouchedBacklog = backlog.unread
            summary.elapsedSeconds = Date().timeIntervalSince(started)
            for damage in summary.damagedInputs {
                StandardError.print("cdn-refresh: \(damage)")
            }
            let exit: ExitCode = summary.isPartial ? ExitCodes.partial : .success
            switch summaryFormat.summary {
            case .json: StandardError.print(summary.json(exitCode: exit.rawValue))
            case .text: if !output.quiet { StandardError.print(summary.render()) }
            }
            summaryFormat.writeMetrics(summary, exit: exit)
            if exit != .success { throw exit }
        }

        /// `--emit manifest`: the inputs' merged candidates as a mergeable manifest, and a one-line summary.
        private func emitManifest(_ reading: inout InputReading, started: Date) throws {
            let digests = reading.digests
            let invalid = reading.invalid.count
            let candidates = PlanningPipeline.candidates(from: &reading, backlog: [])
            do {
                try ManifestWriter.write(candidates, to: planning.reportDestination)
            } catch {
                StandardError.print("cdn-refresh: \(error)")
                throw ExitCodes.nothingDone
            }
            for damage in digests.compactMap(\.damage) { StandardError.print("cdn-refresh: \(damage)") }
            if !output.quiet {
                StandardError.print(
                    "cdn-refresh plan: \(digests.count) inputs, \(candidates.count) entries emitted as a manifest, "
                        + "\(invalid) invalid lines, \(String(format: "%.2f", Date().timeIntervalSince(started))) s")
            }
            if invalid > 0 || digests.contains(where: { $0.damage != nil }) { throw ExitCodes.partial }
        }
    }
}
