/// Everything `plan` and `run` need to turn inputs into a plan.
public struct PlanConfiguration: Sendable, Equatable {
    public var inputs: [InputSource]
    /// Inputs read only for hits (`--hits-from`): their reads count, their candidates do not.
    public var hitInputs: [InputSource]
    public var format: InputFormat
    public var normalization: NormalizationOptions
    public var selection: SelectionRules
    /// Type of manifest entries that do not say (`--type`).
    public var defaultType: EntryType
    /// The quota given on the command line; each run resolves its budget from it (see ``QuotaRequest``).
    public var quota: QuotaRequest
    /// Reserves, batch size, priority rules and collapsing; its `quota` is set from the resolved budget.
    public var planOptions: PlanOptions

    public init(
        inputs: [InputSource],
        hitInputs: [InputSource] = [],
        format: InputFormat = .auto,
        normalization: NormalizationOptions = NormalizationOptions(),
        selection: SelectionRules = SelectionRules(),
        defaultType: EntryType = .file,
        quota: QuotaRequest = QuotaRequest(),
        planOptions: PlanOptions = PlanOptions()
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
    public var allInputs: [InputSource] { inputs + hitInputs }

    /// The plan options with the quota of `budget`.
    public func planOptions(for budget: QuotaBudget) -> PlanOptions {
        var options = planOptions
        options.quota = budget.quota
        return options
    }
}
