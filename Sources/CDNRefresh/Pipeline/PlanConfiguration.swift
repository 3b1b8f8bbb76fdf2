/// Everything `plan` and `run` need to turn inputs into a plan.
public struct PlanConfiguration: Sendable, Equatable {
    public var inputs: [InputSource]
    public var format: InputFormat
    public var normalization: NormalizationOptions
    public var selection: SelectionRules
    /// Type of manifest entries that do not say (`--type`).
    public var defaultType: EntryType
    public var planOptions: PlanOptions

    public init(
        inputs: [InputSource],
        format: InputFormat = .auto,
        normalization: NormalizationOptions = NormalizationOptions(),
        selection: SelectionRules = SelectionRules(),
        defaultType: EntryType = .file,
        planOptions: PlanOptions = PlanOptions()
    ) {
        self.inputs = inputs
        self.format = format
        self.normalization = normalization
        self.selection = selection
        self.defaultType = defaultType
        self.planOptions = planOptions
    }
}
