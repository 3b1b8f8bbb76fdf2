/// How figures read in summaries and messages: thousands grouped with commas, seconds with two decimals (or as few as
/// a setting needs).
package enum Figures {
    /// `1234567` as `1,234,567`.
    package static func grouped(_ value: Int) -> String {
        let digits = String(value.magnitude)
        var result = ""
        for (index, character) in digits.enumerated() {
            if index > 0 && (digits.count - index) % 3 == 0 { result.append(",") }
            result.append(character)
        }
        return value < 0 ? "-" + result : result
    }

    /// `1.5` as `1.50 s`; `trimmed`, as `1.5 s` (and `30` as `30 s`): a setting rather than a measurement.
    package static func seconds(_ value: Double, trimmed: Bool = false) -> String {
        let hundredths = Int((value * 100).rounded())
        let fraction = hundredths % 100
        guard trimmed else { return "\(hundredths / 100).\(fraction < 10 ? "0" : "")\(fraction) s" }
        if fraction == 0 { return "\(hundredths / 100) s" }
        let digits = (fraction < 10 ? "0" : "") + String(fraction)
        return "\(hundredths / 100).\(fraction % 10 == 0 ? String(digits.prefix(1)) : digits) s"
    }
}
