import Dispatch
import Logging
import Synchronization

/// Reads the inputs and plans the run: everything before submission.
///
/// Inputs are read concurrently, one per Dispatch worker, and merged in command-line order, so the plan does not
/// depend on which input finished first.
public struct PlanningPipeline: Sendable {
    public var configuration: PlanConfiguration
    /// The descriptor read for `-` (standard input); tests substitute a pipe.
    public var standardInput: Int32

    public init(configuration: PlanConfiguration, standardInput: Int32 = 0) {
        self.configuration = configuration
        self.standardInput = standardInput
    }

    /// The inputs' names as the report's `source` cells show them.
    public var inputNames: [String] { configuration.inputs.map(\.displayName) }

    /// Reads every input to its end (or to its damage).
    ///
    /// An unreadable input is not an error here: its digest carries ``InputDigest/damage`` and the lines read.
    public func readInputs(logger: Logger) -> [InputDigest] {
        let inputs = configuration.inputs
        let results = Mutex<[InputDigest?]>(Array(repeating: nil, count: inputs.count))
        let configuration = self.configuration
        let standardInput = self.standardInput
        DispatchQueue.concurrentPerform(iterations: inputs.count) { index in
            let input = inputs[index]
            var processor = InputProcessor(configuration: configuration, inputIndex: index, input: input)
            let outcome = InputReader().read(input, standardInput: standardInput) { processor.consume($0) }
            let digest = processor.digest(damage: outcome.damage, wasGzip: outcome.wasGzip)
            results.withLock { $0[index] = digest }
        }
        let digests = results.withLock { $0.compactMap { $0 } }
        for digest in digests {
            logger.debug(
                "Read input",
                metadata: [
                    "input.name": "\(digest.input.displayName)",
                    "input.format": "\(digest.format?.rawValue ?? "none")",
                    "input.gzip": "\(digest.wasGzip)",
                    "input.lines": "\(digest.counters.lines)",
                    "input.candidates": "\(digest.candidates.count)",
                    "input.invalid": "\(digest.counters.invalid)",
                ])
        }
        return digests
    }

    /// Merges the digests with the carried-over backlog into distinct candidates, hits attributed.
    ///
    /// Backlog entries come first in order of appearance; an input entry equal to a backlog entry merges into
    /// it (keeping the backlog's source and rank advantage).
    public static func candidates(from digests: [InputDigest], backlog: [Candidate]) -> [Candidate] {
        var candidates = CandidateTable.merged([backlog] + digests.map(\.candidates))
        var hits: [String: Int] = [:]
        for digest in digests {
            hits.merge(digest.hits, uniquingKeysWith: +)
        }
        HitAttribution.assign(hits, to: &candidates)
        return candidates
    }

    /// Plans the digests and backlog with the configured options.
    public func plan(digests: [InputDigest], backlog: [Candidate] = [], options: PlanOptions? = nil) -> Plan {
        Planner.plan(
            candidates: Self.candidates(from: digests, backlog: backlog),
            invalid: digests.flatMap(\.invalid),
            options: options ?? configuration.planOptions)
    }
}
