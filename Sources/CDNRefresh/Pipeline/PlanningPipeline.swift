import Dispatch
import Logging
import Synchronization

#if canImport(Glibc)
    import Glibc
#elseif canImport(Musl)
    import Musl
#elseif canImport(Darwin)
    import Darwin
#endif

/// Reads the inputs and plans the run: everything before submission.
///
/// Inputs are read concurrently, up to one per core (each in two stages: see ``InputReader``), into tables of their
/// own; the tables are merged once, at the end, in command-line order, so the plan does not depend on which input
/// finished first and no line waits for a lock.
package struct PlanningPipeline: Sendable {
    package var configuration: PipelineConfiguration
    /// The descriptor read for `-` (standard input); tests substitute a pipe.
    package var standardInput: Int32
    /// Asked between buffers: once it says so, reading stops (each input read so far is named as stopped, and the
    /// lines before that are kept), within a quarter of a second even on a pipe that says nothing.
    package var shouldStop: @Sendable () -> Bool = { false }

    package init(configuration: PipelineConfiguration, standardInput: Int32 = 0) {
        self.configuration = configuration
        self.standardInput = standardInput
    }

    /// The inputs' names as the report's `source` cells show them.
    package var inputNames: [String] { configuration.allInputs.map(\.displayName) }

    /// Reads every input to its end (or to its damage).
    ///
    /// Up to one worker per core takes the next unread input, reads it in two stages (see ``InputReader``), adds
    /// its reads to the worker's own hit table and hands its candidates over, to be appended in command-line
    /// order once the inputs before it are done. So memory holds one hit table per worker, not per input, and no
    /// line waits for a lock. An unreadable input is not an error here: its digest carries
    /// ``InputDigest/damage`` and the lines read.
    package func readInputs(logger: Logger) -> InputReading {
        let inputs = configuration.allInputs
        let candidateInputs = configuration.inputs.count
        let configuration = self.configuration
        let standardInput = self.standardInput
        let shouldStop = self.shouldStop
        let workers = max(1, min(inputs.count, Self.processorCount))
        let nextInput = Atomic<Int>(0)
        let merged = Mutex(OrderedMerge(count: inputs.count))
        let workerHits = Mutex<[HitCounts]>([])
        DispatchQueue.concurrentPerform(iterations: workers) { _ in
            var hits = HitCounts()
            while true {
                let index = nextInput.add(1, ordering: .relaxed).oldValue
                guard index < inputs.count else { break }
                let input = inputs[index]
                var processor = InputProcessor(
                    configuration: configuration, inputIndex: index, input: input,
                    hitsOnly: index >= candidateInputs, hits: hits)
                hits = HitCounts()
                var reader = InputReader()
                reader.shouldStop = shouldStop
                let outcome = reader.read(input, standardInput: standardInput) { processor.consume($0) }
                var (digest, store, inputHits) = processor.finish(damage: outcome.damage, wasGzip: outcome.wasGzip)
                digest.reader = outcome.statistics
                hits = inputHits
                merged.withLock { $0.add(digest, store, at: index) }
            }
            workerHits.withLock { $0.append(hits) }
        }
        var tables = workerHits.withLock { $0 }
        tables.sort { $0.distinctURLs > $1.distinctURLs }
        var hits = tables.isEmpty ? HitCounts() : tables.removeFirst()
        for table in tables { hits.merge(table) }
        let (digests, candidates) = merged.withLock { ($0.digests.map { $0! }, $0.store) }
        for digest in digests {
            logger.debug(
                "Read input",
                metadata: [
                    "input.name": "\(digest.input.displayName)",
                    "input.format": "\(digest.format?.rawValue ?? "none")",
                    "input.gzip": "\(digest.wasGzip)",
                    "input.lines": "\(digest.counters.lines)",
                    "input.candidates": "\(digest.candidateCount)",
                    "input.invalid": "\(digest.counters.invalid)",
                ])
        }
        logger.debug(
            "Read inputs",
            metadata: [
                "inputs": "\(inputs.count)", "workers": "\(workers)", "candidates": "\(candidates.count)",
                "urls_read": "\(hits.distinctURLs)", "table_bytes": "\(hits.footprint + candidates.footprint)",
            ])
        return InputReading(digests: digests, candidates: candidates, hits: hits)
    }

    /// Merges what the inputs named with the carried-over backlog into distinct candidates, hits attributed.
    ///
    /// Backlog entries come first in order of appearance; an input entry equal to a backlog entry merges into
    /// it (keeping the backlog's source and rank advantage). The reading's tables are released: afterwards it
    /// holds its digests and ``InputReading/reads``, the per-directory counters that collapsing needs.
    package static func candidates(from reading: inout InputReading, backlog: [Candidate]) -> [Candidate] {
        var store = CandidateStore()
        if backlog.isEmpty {
            swap(&store, &reading.candidates)
        } else {
            store.addBacklog(backlog)
            store.append(reading.candidates)
            reading.candidates = CandidateStore()
        }
        // Hits first, so that the hit tables are gone before the candidates are made.
        let reads = HitAttribution.reads(of: store, from: reading.hits)
        if reading.hits.distinctURLs > 0 {
            reading.reads = ReadStatistics(directories: reading.hits.directoryTotals())
        }
        reading.hits = HitCounts()
        return store.candidates(backlog: backlog, reads: reads)
    }

    /// Plans what was read and the backlog within `quota`, with the configured options (the reading's tables are
    /// released).
    package func plan(reading: inout InputReading, backlog: [Candidate] = [], quota: RefreshQuota) -> Plan {
        let candidates = Self.candidates(from: &reading, backlog: backlog)
        return Planner.plan(
            candidates: candidates, invalid: reading.invalid, quota: quota, options: configuration.planOptions,
            reads: reading.reads)
    }

    /// Plans what was read and the backlog within `quota`, leaving `reading` as it is.
    package func plan(reading: InputReading, backlog: [Candidate] = [], quota: RefreshQuota) -> Plan {
        var copy = reading
        return plan(reading: &copy, backlog: backlog, quota: quota)
    }

    /// The number of processors online (at least 1).
    static var processorCount: Int {
        max(1, sysconf(Int32(_SC_NPROCESSORS_ONLN)))
    }
}

/// Candidate stores of inputs read in any order, appended in command-line order as soon as every input before
/// them is done.
private struct OrderedMerge: Sendable {
    var digests: [InputDigest?]
    var waiting: [Int: CandidateStore] = [:]
    var store = CandidateStore()
    var next = 0

    init(count: Int) {
        digests = Array(repeating: nil, count: count)
    }

    mutating func add(_ digest: InputDigest, _ candidates: CandidateStore, at index: Int) {
        digests[index] = digest
        waiting[index] = candidates
        while let ready = waiting.removeValue(forKey: next) {
            if store.count == 0 { store = ready } else { store.append(ready) }
            next += 1
        }
    }
}
