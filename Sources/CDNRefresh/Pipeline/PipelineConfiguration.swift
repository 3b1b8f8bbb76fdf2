/// Everything the pipeline needs to turn inputs into a plan: the inputs, how to read and select them, the quota
/// asked for, and the ``PlannerOptions`` the planner decides with.
///
/// Built from the command line by the CLI's `PlanningCommandOptions`; the library never parses arguments.
package struct PipelineConfiguration: Sendable, Equatable {
    package var inputs: [InputSource]
    /// Inputs read only for hits (`--hits-from`): their reads count, their candidates do not.
    package var hitInputs: [InputSource]
    package var format: InputFormat
    package var normalization: NormalizationOptions
    package var selection: SelectionRules
    /// Type of manifest entries that do not say (`--type`).
    package var defaultType: EntryType
    /// The quota given on the command line; each run resolves its budget from it (see ``QuotaRequest``).
    package var quota: QuotaRequest
    /// Reserves, batch size, priority rules, collapsing and `--force`.
    package var planOptions: PlannerOptions

    package init(
        inputs: [InputSource],
        hitInputs: [InputSource] = [],
        format: InputFormat = .auto,
        normalization: NormalizationOptions = NormalizationOptions(),
        selection: SelectionRules = SelectionRules(),
        defaultType: EntryType = .file,
        quota: QuotaRequest = QuotaRequest(),
        planOptions: PlannerOptions = PlannerOptions()
    ) {
        self.inputs = inputs
        self.hitInputs = hitInputs
        self.format = format
        self.normalization = normalization
        self.selection = selection
        self.defaultType = defaultType
        self.quota = quota
        self.planOptions = planOptions
    }

    /// Every input in reading order: the inputs, then the inputs read only for hits.
    package var allInputs: [InputSource] { inputs + hitInputs }
}
