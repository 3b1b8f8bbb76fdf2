import CDNRefresh
import Foundation
import Logging
import TestSupport
import Testing

@testable import RefreshRunner

/// How much of the backlog a run reads: its budgets, not the whole backlog.
@Suite("Backlog window for a run")
struct BacklogQueryTests {
    let directory = TemporaryDirectory()

    /// A store with 40 files beneath `/d/`, and what the inputs `lines` read.
    func setUp(_ lines: String) throws -> (StateStore, InputReading) {
        let store = try StateStore(directory: directory.file("state"), exclusive: true)
        try store.upsertBacklog(
            (0..<40).map {
                BacklogEntry(
                    url: "https://a.com/d/\($0).png", type: .file, priority: nil, hits: 0, latestChange: nil,
                    firstSeen: Date(), source: "old.txt:\($0 + 1)")
            }, claimedBy: nil, at: Date())
        let input = directory.write("today.txt", text: lines)
        let reading = PlanningPipeline(configuration: PipelineConfiguration(inputs: [.file(input)]))
            .readInputs(logger: Logger(label: "test"))
        return (store, reading)
    }

    func options(collapse: CollapseOptions.Mode = .off) -> PlannerOptions {
        PlannerOptions(collapse: CollapseOptions(mode: collapse))
    }

    func quota(urls: Int, directories: Int) -> RefreshQuota {
        RefreshQuota(urls: urls, directories: directories, regex: 0, ignoreParams: 0)
    }

    @Test("each type's window is its budget; files grow by what explicit directories cover, or to the collapse window")
    func windows() throws {
        let (store, reading) = try setUp("https://a.com/x.png\n")
        defer { store.close() }
        let plain = try BacklogQuery.planning(
            reading, options: options(), quota: quota(urls: 6, directories: 0), store: store, collapseWindow: 1000)
        #expect(plain.windows == [.file: 6])
        #expect(plain.named == [CandidateKey(url: "https://a.com/x.png", type: .file)])
        #expect(try store.backlog(plain).count == 6)

        let held = try BacklogQuery.planning(
            reading, options: options(), quota: quota(urls: 6, directories: 0), store: store, withheld: 2,
            collapseWindow: 1000)
        #expect(held.windows == [.file: 8])

        let collapsing = try BacklogQuery.planning(
            reading, options: options(collapse: .auto), quota: quota(urls: 6, directories: 5), store: store,
            collapseWindow: 25)
        #expect(collapsing.windows == [.file: 25, .directory: 5])

        let nothing = try BacklogQuery.planning(
            reading, options: options(), quota: nil, store: store, collapseWindow: 25)
        #expect(nothing.windows.isEmpty)
        #expect(try store.backlog(nothing).isEmpty)
    }

    @Test("an explicit directory in the inputs widens the file window by the backlog files beneath it")
    func coveredFilesWiden() throws {
        let (store, reading) = try setUp("https://a.com/d/\tdirectory\n")
        defer { store.close() }
        let query = try BacklogQuery.planning(
            reading, options: options(), quota: quota(urls: 6, directories: 10), store: store, collapseWindow: 1000)
        #expect(query.windows == [.file: 46, .directory: 10])
    }
}
