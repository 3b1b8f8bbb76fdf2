extension LineFailure {
    /// An entry that cannot be turned into a refresh URL.
    static func normalization(_ error: NormalizationError) -> LineFailure {
        LineFailure(code: error.code, message: error.description)
    }
}
