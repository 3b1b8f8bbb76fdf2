import Testing

@testable import CDNRefresh

/// File entries `https://h.example.com/<prefix><d>/f<i>.js` for `directories` directories of `files` each, in rank
/// order: the files of directory 0 first.
private func files(directories: Int, files: Int, prefix: String = "assets/", host: String = "h.example.com")
    -> [Candidate]
{
    var result: [Candidate] = []
    for directory in 0..<directories {
        for file in 0..<files {
            result.append(
                Candidate(
                    url: "https://\(host)/\(prefix)\(directory)/f\(file).js", type: .file,
                    source: .line(input: 0, line: result.count + 1),
                    appearance: Appearance(group: 1, ordinal: result.count)))
        }
    }
    return result
}

private func candidate(_ url: String, _ type: EntryType = .file, order: Int, priority: Int? = nil) -> Candidate {
    Candidate(
        url: url, type: type, source: .line(input: 0, line: order + 1), priority: priority,
        appearance: Appearance(group: 1, ordinal: order))
}

private func options(
    urls: Int = 2000, dirs: Int = 100, ignoreParams: Int = 100, minimum: Int = 10, ratio: Double = 0.5,
    mode: CollapseOptions.Mode = .auto
) -> PlanSetup {
    PlanSetup(
        quota: RefreshQuota(urls: urls, directories: dirs, regex: 20, ignoreParams: ignoreParams),
        options: PlannerOptions(collapse: CollapseOptions(mode: mode, minimum: minimum, ratio: ratio)))
}

extension Plan {
    /// The URLs of the batches of one type, in order.
    func urls(_ type: EntryType) -> [String] {
        batches.filter { $0.type == type }.flatMap(\.urls)
    }
}

@Suite("Collapse: DESIGN §5's worked examples")
struct CollapseExampleTests {
    @Test("10,000 files as 100 directories × 100, URL budget 2,000, directory budget 100: 80 directories + 2,000 files")
    func hundredByHundred() {
        let plan = Planner.plan(candidates: files(directories: 100, files: 100), invalid: [], setup: options())
        let directories = plan.urls(.directory)
        #expect(directories.count == 80)
        #expect(!directories.contains("https://h.example.com/assets/"))
        #expect(plan.urls(.file).count == 2000)
        #expect(plan.deferred.isEmpty)
        #expect(plan.covered.count == 8000)
        // The best-ranked files keep precise File refreshes; the directories of the lower-ranked ones collapse.
        #expect(Set(directories) == Set((20..<100).map { "https://h.example.com/assets/\($0)/" }))
        #expect(plan.urls(.file).first == "https://h.example.com/assets/0/f0.js")
        #expect(
            plan.collapse
                == CollapseSummary(
                    coveredFiles: 8000, directories: 80, ignoreParams: 0, deferredWithout: 8000, deferredWith: 0))
    }

    @Test("the same 10,000 files as 500 directories × 20: their common parent alone")
    func fiveHundredByTwenty() {
        let plan = Planner.plan(candidates: files(directories: 500, files: 20), invalid: [], setup: options())
        #expect(plan.urls(.directory) == ["https://h.example.com/assets/"])
        #expect(plan.urls(.file).isEmpty)
        #expect(plan.deferred.isEmpty)
        #expect(plan.covered.count == 10_000)
        #expect(plan.covered.allSatisfy { $0.coveredBy == "https://h.example.com/assets/" })
    }

    @Test("a hot directory with one changed file among hundreds of read-only URLs is never collapsed")
    func hotDirectory() {
        // 2,000 changed files at the root and one in /hot/, where 500 other URLs were read; even a minimum of 1
        // does not make /hot/ worth expiring 501 URLs for one.
        var candidates = (0..<2000).map { candidate("https://h.example.com/f\($0).js", order: $0) }
        candidates.append(candidate("https://h.example.com/hot/changed.css", order: 2000))
        var table = HitCounts()
        var canonical = CanonicalURLs()
        for index in 0..<500 { table.recordHit(canonical.load("https://h.example.com/hot/r\(index).png")) }
        let reads = ReadStatistics(directories: table.directoryTotals())
        let plan = Planner.plan(candidates: candidates, invalid: [], setup: options(minimum: 1), reads: reads)
        #expect(plan.urls(.directory).isEmpty)
        #expect(plan.deferred.map(\.url) == ["https://h.example.com/hot/changed.css"])
        #expect(plan.collapse == nil)
    }

    @Test("everything fits the URL budget: nothing is collapsed")
    func fits() {
        let plan = Planner.plan(candidates: files(directories: 20, files: 100), invalid: [], setup: options())
        #expect(plan.urls(.directory).isEmpty)
        #expect(plan.urls(.file).count == 2000)
        #expect(plan.covered.isEmpty && plan.deferred.isEmpty)
        #expect(plan.collapse == nil)
    }
}

@Suite("Collapse: eligibility and budgets")
struct CollapseRuleTests {
    @Test("--collapse-min: directories covering fewer files are not used")
    func minimum() {
        let candidates = files(directories: 10, files: 5)
        let low = Planner.plan(candidates: candidates, invalid: [], setup: options(urls: 10, minimum: 5))
        #expect(low.urls(.directory).count == 8)
        #expect(low.deferred.isEmpty)
        let high = Planner.plan(candidates: candidates, invalid: [], setup: options(urls: 10, minimum: 6))
        // No /assets/<d>/ qualifies; their parent (50 files) does.
        #expect(high.urls(.directory) == ["https://h.example.com/assets/"])
        let none = Planner.plan(candidates: candidates, invalid: [], setup: options(urls: 10, minimum: 51))
        #expect(none.urls(.directory).isEmpty)
        #expect(none.deferred.count == 40)
    }

    @Test("--collapse-ratio: read-only URLs beneath a directory count against it")
    func ratio() {
        // 30 changed files in /a/, 30 read-only URLs read there, 10 of the changed files read too.
        var candidates: [Candidate] = []
        for index in 0..<30 {
            var entry = candidate("https://h.example.com/a/c\(index).js", order: index)
            entry.wasRead = index < 10
            candidates.append(entry)
        }
        var table = HitCounts()
        var canonical = CanonicalURLs()
        for index in 0..<30 { table.recordHit(canonical.load("https://h.example.com/a/r\(index).js")) }
        for index in 0..<10 { table.recordHit(canonical.load("https://h.example.com/a/c\(index).js")) }
        let reads = ReadStatistics(directories: table.directoryTotals())
        // Scope: 40 read + 20 unread candidates = 60; 30 / 60 = 0.5.
        let atHalf = Planner.plan(
            candidates: candidates, invalid: [], setup: options(urls: 5, ratio: 0.5), reads: reads)
        #expect(atHalf.urls(.directory) == ["https://h.example.com/a/"])
        let stricter = Planner.plan(
            candidates: candidates, invalid: [], setup: options(urls: 5, ratio: 0.51), reads: reads)
        #expect(stricter.urls(.directory).isEmpty)
        #expect(stricter.deferred.count == 25)
    }

    @Test("nested directories: the most specific ones that suffice, fewest deferred first")
    func nested() {
        // /a/x/ has 30 files, /a/y/ 30, /a/ itself 5 more: 65 files, URL budget 40.
        var candidates = (0..<30).map { candidate("https://h.example.com/a/x/f\($0).js", order: $0) }
        for index in 0..<30 {
            candidates.append(candidate("https://h.example.com/a/y/f\(index).js", order: 30 + index))
        }
        for index in 0..<5 { candidates.append(candidate("https://h.example.com/a/f\(index).js", order: 60 + index)) }
        // One directory: /a/y/ (the lower-ranked of two equal ones) leaves 35 ≤ 40, nothing deferred.
        let one = Planner.plan(candidates: candidates, invalid: [], setup: options(urls: 40))
        #expect(one.urls(.directory) == ["https://h.example.com/a/y/"])
        #expect(one.deferred.isEmpty)
        // URL budget 4: covering 61 needs /a/ (scope 65) — /a/x/ + /a/y/ cover only 60.
        let tight = Planner.plan(candidates: candidates, invalid: [], setup: options(urls: 4))
        #expect(tight.urls(.directory) == ["https://h.example.com/a/"])
        #expect(tight.deferred.isEmpty)
        // URL budget 5: /a/x/ + /a/y/ (scope 60) suffice and expire less than /a/ (scope 65).
        let five = Planner.plan(candidates: candidates, invalid: [], setup: options(urls: 5))
        #expect(Set(five.urls(.directory)) == ["https://h.example.com/a/x/", "https://h.example.com/a/y/"])
        #expect(five.deferred.isEmpty)
    }

    @Test(
        "explicit directories keep their priority and use the directory budget first; collapse never takes their ancestors"
    )
    func explicitDirectories() {
        var candidates = files(directories: 10, files: 20)
        candidates.append(candidate("https://h.example.com/assets/0/", .directory, order: 500, priority: 5))
        candidates.append(candidate("https://h.example.com/other/", .directory, order: 501))
        let plan = Planner.plan(candidates: candidates, invalid: [], setup: options(urls: 20, dirs: 7))
        let directories = plan.urls(.directory)
        #expect(directories.first == "https://h.example.com/assets/0/")
        #expect(directories.contains("https://h.example.com/other/"))
        #expect(!directories.contains("https://h.example.com/assets/"))
        // 2 explicit + 5 collapsed; /assets/0/'s 20 files are covered by the explicit entry.
        #expect(directories.count == 7)
        #expect(plan.covered.filter { $0.coveredBy == "https://h.example.com/assets/0/" }.count == 20)
        #expect(plan.covered.count == 120)
        #expect(plan.urls(.file).count == 20)
        #expect(plan.deferred.count == 60)
        #expect(plan.batches.first?.entries.first?.url == "https://h.example.com/assets/0/")
    }

    @Test("directory budgets of 0 and 1")
    func smallBudgets() {
        let candidates = files(directories: 3, files: 20)
        let zero = Planner.plan(candidates: candidates, invalid: [], setup: options(urls: 10, dirs: 0))
        #expect(zero.urls(.directory).isEmpty)
        #expect(zero.deferred.count == 50)
        let one = Planner.plan(candidates: candidates, invalid: [], setup: options(urls: 10, dirs: 1))
        #expect(one.urls(.directory) == ["https://h.example.com/assets/"])
        #expect(one.deferred.isEmpty)
    }

    @Test("never the domain root")
    func neverRoot() {
        let candidates = (0..<100).map { candidate("https://h.example.com/f\($0).js", order: $0) }
        let plan = Planner.plan(candidates: candidates, invalid: [], setup: options(urls: 10))
        #expect(plan.urls(.directory).isEmpty)
        #expect(plan.deferred.count == 90)
    }

    @Test("--collapse off: the URL budget and nothing else")
    func off() {
        let plan = Planner.plan(
            candidates: files(directories: 100, files: 100), invalid: [], setup: options(mode: .off))
        #expect(plan.urls(.directory).isEmpty)
        #expect(plan.deferred.count == 8000)
    }

    @Test("the same input always gives the same choice")
    func deterministic() {
        let candidates = files(directories: 37, files: 13) + files(directories: 11, files: 29, prefix: "img/")
        let first = Planner.plan(candidates: candidates, invalid: [], setup: options(urls: 100, dirs: 9))
        let second = Planner.plan(candidates: candidates, invalid: [], setup: options(urls: 100, dirs: 9))
        #expect(first.batches == second.batches)
        #expect(first.covered == second.covered)
        // 700 of 800 files must be covered: only the two parents can.
        #expect(Set(first.urls(.directory)) == ["https://h.example.com/assets/", "https://h.example.com/img/"])
    }
}

@Suite("Collapse: query variants")
struct CollapseQueryTests {
    @Test("file entries that differ only in their query become one IgnoreParams entry, biggest groups first")
    func groups() {
        var candidates: [Candidate] = []
        for index in 0..<12 {
            candidates.append(candidate("https://h.example.com/p?id=\(index)", order: candidates.count))
        }
        for index in 0..<3 {
            candidates.append(candidate("https://h.example.com/q?id=\(index)", order: candidates.count))
        }
        for index in 0..<5 {
            candidates.append(candidate("https://h.example.com/f\(index).js", order: candidates.count))
        }
        // URL budget 8: the biggest group alone leaves 8 files.
        let plan = Planner.plan(candidates: candidates, invalid: [], setup: options(urls: 8, minimum: 3))
        #expect(plan.urls(.ignoreparams) == ["https://h.example.com/p"])
        #expect(plan.covered.count == 12)
        #expect(plan.covered.allSatisfy { $0.coveredBy == "https://h.example.com/p" })
        #expect(plan.urls(.file).count == 8)
        #expect(plan.deferred.isEmpty)
        #expect(
            plan.collapse
                == CollapseSummary(
                    coveredFiles: 12, directories: 0, ignoreParams: 1, deferredWithout: 12, deferredWith: 0))
        // URL budget 4: both groups, and one file is still deferred.
        let tighter = Planner.plan(candidates: candidates, invalid: [], setup: options(urls: 4, minimum: 3))
        #expect(tighter.urls(.ignoreparams) == ["https://h.example.com/p", "https://h.example.com/q"])
        #expect(tighter.deferred.count == 1)
        // --collapse-min is for directories: a group of 3 is used whatever it says.
        let minimum = Planner.plan(candidates: candidates, invalid: [], setup: options(urls: 4, minimum: 4))
        #expect(minimum.urls(.ignoreparams) == ["https://h.example.com/p", "https://h.example.com/q"])
        // No IgnoreParams quota: nothing of the kind.
        let none = Planner.plan(
            candidates: candidates, invalid: [], setup: options(urls: 5, ignoreParams: 0, minimum: 3))
        #expect(none.urls(.ignoreparams).isEmpty)
        #expect(none.deferred.count == 15)
    }

    @Test("an explicit IgnoreParams entry covers its query variants for free")
    func existing() {
        var candidates = [candidate("https://h.example.com/p", .ignoreparams, order: 0)]
        for index in 0..<4 { candidates.append(candidate("https://h.example.com/p?id=\(index)", order: index + 1)) }
        for index in 0..<4 { candidates.append(candidate("https://h.example.com/f\(index).js", order: index + 5)) }
        let plan = Planner.plan(candidates: candidates, invalid: [], setup: options(urls: 4))
        #expect(plan.urls(.ignoreparams) == ["https://h.example.com/p"])
        #expect(plan.covered.count == 4)
        #expect(plan.urls(.file).count == 4)
        #expect(plan.deferred.isEmpty)
    }
}

@Suite("Collapse: query variant groups")
struct QueryVariantGroupTests {
    @Test("five ?v= variants of each of 440 objects, URL budget 2,000, no directory budget: nothing deferred")
    func fiveVariants() {
        var candidates: [Candidate] = []
        for object in 0..<440 {
            for version in 0..<5 {
                candidates.append(
                    candidate(
                        "https://h.example.com/o\(object % 7)/a\(object).js?v=\(version)", order: candidates.count))
            }
        }
        let plan = Planner.plan(candidates: candidates, invalid: [], setup: options(urls: 2000, dirs: 0))
        #expect(plan.deferred.isEmpty)
        #expect(plan.urls(.ignoreparams).count == 40)
        #expect(plan.covered.count == 200 && plan.urls(.file).count == 2000)
    }
}
