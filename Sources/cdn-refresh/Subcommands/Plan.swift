import ArgumentParser
import CDNRefresh
import RefreshRunner

extension CDNRefreshCommand {
    /// `cdn-refresh plan`: everything but submission; rows get status `planned`.
    struct Plan: ParsableCommand {
        static let configuration = CommandConfiguration(
            abstract: "Read, rank, trim and pack without submitting; report what a run would do.",
            discussion:
                "Quota defaults to the documented 2000 URLs / 100 directories unless --quota-urls/--quota-dirs say otherwise."
        )

        @OptionGroup var planning: PlanningCommandOptions
        @Option(
            help: """
                Write, instead of the report, every merged candidate (not trimmed, no backlog) as the mergeable CSV \
                manifest url,type,priority,hits,changed, for a central run over many hosts' manifests.
                """)
        var emit: PlanningRunConfiguration.Emit?
        @OptionGroup var output: OutputOptions
        @OptionGroup var summaryFormat: SummaryOptions

        func validate() throws {
            if (planning.inputs + planning.hitsFrom).contains(where: {
                $0.lowercased().hasPrefix(InputSource.cdnPrefix)
            }) {
                throw ValidationError(
                    "'cdn:' inputs are listed and downloaded through Alibaba's API, which plan never calls: use run "
                        + "(with --sandbox to try it without an account)")
            }
        }

        func run() throws {
            let configuration = PlanningRunConfiguration(
                planning: try planning.configuration(), stateDirectory: planning.stateDirectory(),
                backlogLimits: planning.backlogLimits,
                outputs: RunOutputs(report: planning.reportDestination, metricsFile: summaryFormat.metricsFile),
                emit: emit)
            try Frontend.plan(configuration, output: output, summary: summaryFormat)
        }
    }
}

extension PlanningRunConfiguration.Emit: ExpressibleByArgument {}
