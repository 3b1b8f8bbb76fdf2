import ArgumentParser
import CDNRefresh
import RefreshRunner

extension CDNRefreshCommand {
    /// `cdn-refresh plan`: everything but submission; rows get status `planned`.
    struct Plan: AsyncParsableCommand {
        static let configuration = CommandConfiguration(
            abstract: "Read, rank, trim and pack without submitting; report what a run would do.",
            discussion: """
                Quota defaults to the documented 2000 URLs / 100 directories unless --quota-urls/--quota-dirs say \
                otherwise. cdn: and sls: inputs are listed, downloaded and queried with the same credentials as run \
                (--sandbox: the built-in emulator's); plan never submits nor asks for the quota.
                """
        )

        @OptionGroup var planning: PlanningCommandOptions
        @OptionGroup(title: "Real-time logs (sls: inputs)") var sls: SLSCommandOptions
        @OptionGroup(title: "Remote inputs (cdn:, sls:)") var api: APIOptions
        @OptionGroup var sandbox: SandboxOption
        @Option(
            help: """
                Write, instead of the report, every merged candidate (not trimmed, no backlog) as the mergeable CSV \
                manifest url,type,priority,hits,changed, for a central run over many hosts' manifests.
                """)
        var emit: PlanningRunConfiguration.Emit?
        @OptionGroup var output: OutputOptions
        @OptionGroup var summaryFormat: SummaryOptions

        func run() async throws {
            let configuration = PlanningRunConfiguration(
                planning: try planning.configuration(), stateDirectory: planning.stateDirectory(),
                backlogLimits: planning.backlogLimits,
                outputs: RunOutputs(report: planning.reportDestination, metricsFile: summaryFormat.metricsFile),
                emit: emit)
            guard configuration.planning.allInputs.contains(where: \.isRemote) else {
                return try Frontend.plan(configuration, output: output, summary: summaryFormat)
            }
            var session = APISession.Options(api: api, sandbox: sandbox.sandbox, announces: !output.quiet)
            session.sls = sls.options
            try await Frontend.plan(
                configuration, session: session, sls: sls.options, output: output, summary: summaryFormat)
        }
    }
}

extension PlanningRunConfiguration.Emit: ExpressibleByArgument {}
