import ArgumentParser
import CDNRefresh
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
        @OptionGroup(title: "Real-time logs (sls: inputs)") var sls: SLSCommandOptions
        @OptionGroup var api: APIOptions
        @OptionGroup var submit: SubmissionCommandOptions
        @OptionGroup var verification: AfterRefreshCommandOptions
        @OptionGroup var output: OutputOptions
        @OptionGroup var summaryFormat: SummaryOptions

        func run() async throws {
            var configuration = RunConfiguration(
                planning: try planning.configuration(), submission: submit.submission,
                stateDirectory: planning.stateDirectory(sandbox: submit.sandbox.sandbox),
                backlogLimits: planning.backlogLimits,
                verify: verification.options(concurrency: submit.concurrency), prefetch: verification.prefetchOptions,
                outputs: RunOutputs(report: planning.reportDestination, metricsFile: summaryFormat.metricsFile))
            configuration.refreshAgain = submit.refreshAgain
            configuration.sls = sls.options
            var session = APISession.Options(
                api: api, sandbox: submit.sandbox.sandbox, maxConnections: submit.concurrency,
                edgeRoutes: configuration.verify == nil ? nil : verification.routes,
                probesViaProxy: verification.verifyViaProxy, announces: !output.quiet)
            if configuration.planning.allInputs.contains(where: \.isSLS) {
                session.sls = configuration.sls
            }
            try await Frontend.run(configuration, session: session, output: output, summary: summaryFormat)
        }
    }
}
