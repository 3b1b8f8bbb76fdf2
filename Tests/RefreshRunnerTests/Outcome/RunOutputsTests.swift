import CDNRefresh
import Foundation
import TestSupport
import Testing

@testable import RefreshRunner

@Suite("Where the report and the metrics may go, checked before anything is sent")
struct RunOutputsTests {
    let directory = TemporaryDirectory()

    func preflight(report: String?, metrics: String? = nil, inputs: [String] = [], state: String? = nil)
        -> (status: RefreshRunner.ExitStatus, reason: String)?
    {
        RunOutputs(report: ReportDestination(argument: report), metricsFile: metrics)
            .preflight(inputs: inputs.map(InputSource.file), stateDirectory: state)
    }

    @Test("a report or metrics file that is the state database, its log or lock, an input, or each other: exit 64")
    func collisions() throws {
        let state = directory.file("state")
        try FileManager.default.createDirectory(atPath: state, withIntermediateDirectories: true)
        directory.write("state/state.sqlite", text: "")
        let input = directory.write("urls.txt", text: "https://a.com/x\n")
        for path in [
            state + "/state.sqlite", state + "/state.sqlite-wal", state + "/lock", directory.file("state/../urls.txt"),
        ] {
            let refusal = preflight(report: path, inputs: [input], state: state)
            #expect(refusal?.status == .usage, "\(path)")
        }
        #expect(preflight(report: nil, metrics: input, inputs: [input])?.status == .usage)
        let same = directory.file("out.csv")
        #expect(preflight(report: same, metrics: same)?.reason.contains("--metrics-file") == true)
        #expect(preflight(report: directory.file("report.csv"), inputs: [input], state: state) == nil)
        #expect(preflight(report: "-", inputs: [input], state: state) == nil)
    }

    @Test("a destination whose directory is missing: exit 2 before anything is sent; a device: exit 64")
    func unwritable() {
        #expect(preflight(report: directory.file("missing/report.csv"))?.status == .nothingDone)
        #expect(preflight(report: nil, metrics: directory.file("missing/m.prom"))?.status == .nothingDone)
        #expect(preflight(report: "/dev/null")?.status == .usage)
    }
}
