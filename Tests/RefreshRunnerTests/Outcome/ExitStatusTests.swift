import CDNRefresh
import Testing

@testable import RefreshRunner

@Suite("Exit status: one vocabulary, one mapping to the process's code")
struct ExitStatusTests {
    @Test("the codes DESIGN §2 gives")
    func codes() {
        #expect(ExitStatus.allCases.map(\.rawValue) == [0, 1, 2, 64, 75, 130, 143])
        #expect(ExitStatus(signal: 15) == .terminated && ExitStatus(signal: 2) == .interrupted)
    }

    @Test("a locked state exits 75, an unusable one 2")
    func stateErrors() {
        #expect(ExitStatus(StateError.locked(directory: "/s", holderPID: 7)) == .locked)
        #expect(ExitStatus(StateError.unusable(directory: "/s", reason: "read-only")) == .nothingDone)
    }

    @Test("a problem makes a success partial, and nothing worse")
    func partial() {
        #expect(ExitStatus.success.partial(if: true) == .partial)
        #expect(ExitStatus.success.partial(if: false) == .success)
        for status in [ExitStatus.partial, .nothingDone, .usage, .locked] {
            #expect(status.partial(if: true) == status)
        }
    }

    @Test(
        "a run: partial for failed or invalid entries, damaged inputs or other problems; stopped before any acceptance: nothing done"
    )
    func ofRun() {
        var clean = RunSummary(command: "run")
        clean.statusCounts = [.submitted: 3, .deferred: 10]
        #expect(ExitStatus.ofRun(clean, problems: false, stopped: false, accepted: true) == .success)
        #expect(ExitStatus.ofRun(clean, problems: true, stopped: false, accepted: true) == .partial)
        var failed = clean
        failed.statusCounts[.failed] = 1
        #expect(ExitStatus.ofRun(failed, problems: false, stopped: false, accepted: true) == .partial)
        #expect(ExitStatus.ofRun(clean, problems: false, stopped: true, accepted: true) == .partial)
        #expect(ExitStatus.ofRun(clean, problems: false, stopped: true, accepted: false) == .nothingDone)
    }
}
