import Testing

@testable import CDNRefresh

private func entry(
    _ url: String, _ type: EntryType = .file, hits: Int = 0, change: Int64? = nil, priority: Int? = nil,
    backlog: Int64? = nil, order: Int, group: Int = 1
) -> Candidate {
    Candidate(
        url: url, type: type, source: .line(input: 0, line: order + 1), hits: hits, latestChange: change,
        priority: priority, backlogSince: backlog, appearance: Appearance(group: group, ordinal: order))
}

private func options(urls: Int = 2000, dirs: Int = 100, batchSize: Int = 1000, rules: [String] = [])
    -> PlanSetup
{
    PlanSetup(
        quota: RefreshQuota(urls: urls, directories: dirs, regex: 20, ignoreParams: 100),
        options: PlannerOptions(batchSize: batchSize, priorityRules: rules.compactMap(PriorityRule.init(argument:))))
}

@Suite("Ranking")
struct RankingTests {
    @Test("explicit priority > rule weight > backlog > hits > latest change > first seen")
    func order() {
        let candidates = [
            entry("https://a.com/first-seen-late", order: 9),
            entry("https://a.com/first-seen-early", order: 1),
            entry("https://a.com/recent", change: 500, order: 8),
            entry("https://a.com/old", change: 100, order: 7),
            entry("https://a.com/hits", hits: 3, order: 6),
            entry("https://a.com/backlog", backlog: 1, order: 0, group: 0),
            entry("https://a.com/static/weighted.css", order: 5),
            entry("https://a.com/explicit", priority: 1, order: 4),
        ]
        let plan = Planner.plan(
            candidates: candidates, invalid: [], setup: options(urls: 100, rules: ["/static/**=5"]))
        #expect(
            plan.batches.flatMap(\.urls) == [
                "https://a.com/explicit", "https://a.com/static/weighted.css", "https://a.com/backlog",
                "https://a.com/hits", "https://a.com/recent", "https://a.com/old", "https://a.com/first-seen-early",
                "https://a.com/first-seen-late",
            ])
    }

    @Test("the same input always gives the same plan, whatever order it is handed in")
    func deterministic() {
        let candidates = (0..<300).map { index in
            entry("https://d\(index % 13).com/\(index)", hits: index % 7, change: Int64(index % 5), order: index)
        }
        let first = Planner.plan(candidates: candidates, invalid: [], setup: options(urls: 120, batchSize: 50))
        let second = Planner.plan(
            candidates: candidates.reversed(), invalid: [], setup: options(urls: 120, batchSize: 50))
        #expect(first.batches == second.batches)
        #expect(first.deferred == second.deferred)
    }
}

@Suite("Trimming and coverage")
struct TrimTests {
    @Test("per type, the first remaining − reserve entries are selected and the rest deferred")
    func trimsToQuotaMinusReserve() {
        let files = (0..<10).map { entry("https://a.com/\($0)", hits: 10 - $0, order: $0) }
        let dirs = (0..<4).map { entry("https://b.com/d\($0)/", .directory, order: 10 + $0) }
        var setup = options(urls: 7, dirs: 3)
        setup.options.reserveURLs = 2
        setup.options.reserveDirectories = 1
        let plan = Planner.plan(candidates: files + dirs, invalid: [], setup: setup)
        #expect(plan.selectedCount.urls == 5)
        #expect(plan.selectedCount.directories == 2)
        #expect(
            plan.deferred.map(\.url) == [
                "https://a.com/5", "https://a.com/6", "https://a.com/7", "https://a.com/8", "https://a.com/9",
                "https://b.com/d2/", "https://b.com/d3/",
            ])
        #expect(plan.quotaLeft.urls == 2)
    }

    @Test("a reserve larger than the quota selects nothing and defers everything")
    func reserveAboveQuota() {
        var setup = options(urls: 3)
        setup.options.reserveURLs = 5
        let plan = Planner.plan(candidates: [entry("https://a.com/x", order: 0)], invalid: [], setup: setup)
        #expect(plan.batches.isEmpty)
        #expect(plan.deferred.count == 1)
    }

    @Test("files and sub-directories under a selected directory are covered")
    func coverage() {
        let candidates = [
            entry("https://a.com/static/app.js", order: 0),
            entry("https://a.com/static/", .directory, order: 1),
            entry("https://a.com/static/img/", .directory, order: 2),
            entry("https://a.com/static/img/x.png", .ignoreparams, order: 3),
            entry("https://a.com/staticfile.js", order: 4),
            entry("http://a.com/static/app.js", order: 5),
            entry("https://b.com/static/app.js", order: 6),
            entry("https://a.com/static/[a-z].*", .regex, order: 7),
        ]
        let plan = Planner.plan(candidates: candidates, invalid: [], setup: options())
        #expect(
            Set(plan.covered.map(\.url)) == [
                "https://a.com/static/app.js", "https://a.com/static/img/", "https://a.com/static/img/x.png",
            ])
        #expect(
            Set(plan.batches.flatMap(\.urls)) == [
                "https://a.com/static/", "https://a.com/staticfile.js", "http://a.com/static/app.js",
                "https://b.com/static/app.js", "https://a.com/static/[a-z].*",
            ])
    }

    @Test("a parent directory ranked below its child takes over and frees the child's slot")
    func parentTakesOver() {
        let candidates = [
            entry("https://a.com/a/b/", .directory, priority: 5, order: 0),
            entry("https://a.com/x/", .directory, priority: 4, order: 1),
            entry("https://a.com/a/", .directory, priority: 3, order: 2),
            entry("https://a.com/y/", .directory, priority: 2, order: 3),
        ]
        let plan = Planner.plan(candidates: candidates, invalid: [], setup: options(dirs: 3))
        #expect(Set(plan.batches.flatMap(\.urls)) == ["https://a.com/x/", "https://a.com/a/", "https://a.com/y/"])
        #expect(plan.covered.map(\.url) == ["https://a.com/a/b/"])
        #expect(plan.deferred.isEmpty)
    }

    @Test("entries under a deferred directory are not covered: they compete for URL quota")
    func deferredDirectoryCoversNothing() {
        let candidates = [
            entry("https://a.com/one/", .directory, priority: 2, order: 0),
            entry("https://a.com/two/", .directory, priority: 1, order: 1),
            entry("https://a.com/two/file.css", order: 2),
        ]
        let plan = Planner.plan(candidates: candidates, invalid: [], setup: options(dirs: 1))
        #expect(plan.deferred.map(\.url) == ["https://a.com/two/"])
        #expect(plan.covered.isEmpty)
        #expect(plan.batches.flatMap(\.urls).contains("https://a.com/two/file.css"))
    }
}

@Suite("Packing")
struct PackingTests {
    @Test("requests hold at most batch-size URLs and 100 directories, one type each")
    func limits() {
        let files = (0..<2500).map { entry("https://a.com/\($0)", order: $0) }
        let dirs = (0..<150).map { entry("https://a.com/d\($0)/", .directory, order: 3000 + $0) }
        let regexes = (0..<3).map { entry("https://a.com/r\($0)/.*", .regex, order: 4000 + $0) }
        let plan = Planner.plan(
            candidates: files + dirs + regexes, invalid: [],
            setup: PlanSetup(quota: RefreshQuota(urls: 10_000, directories: 1000, regex: 20, ignoreParams: 0)))
        let byType = Dictionary(grouping: plan.batches, by: \.type)
        #expect(byType[.file]?.map(\.entries.count) == [1000, 1000, 500])
        #expect(byType[.directory]?.map(\.entries.count) == [100, 50])
        #expect(byType[.regex]?.map(\.entries.count) == [1, 1, 1])
        #expect(plan.batches.map(\.number) == Array(1...plan.batches.count))
    }

    @Test("no request names more than 10 domains, and packing does not waste room on the limit")
    func domainLimit() {
        let entries = (0..<400).map { entry("https://d\($0 % 40).example.com/\($0)", order: $0) }
        let plan = Planner.plan(candidates: entries, invalid: [], setup: options(batchSize: 100))
        #expect(plan.batches.allSatisfy { $0.domains.count <= 10 })
        #expect(plan.batches.allSatisfy { $0.entries.count == 100 })
        #expect(plan.batches.count == 4)
        #expect(Set(plan.batches.flatMap(\.urls)).count == 400)
    }

    @Test("the best entries go in the earliest requests; ObjectPath joins URLs with a newline")
    func order() {
        let entries = (0..<5).map { entry("https://a.com/\($0)", hits: $0, order: $0) }
        let plan = Planner.plan(candidates: entries, invalid: [], setup: options(batchSize: 2))
        #expect(
            plan.batches.map(\.objectPath) == [
                "https://a.com/4\nhttps://a.com/3", "https://a.com/2\nhttps://a.com/1", "https://a.com/0",
            ])
    }
}

@Suite("Globs")
struct GlobPatternTests {
    static let cases: [(String, String, Bool)] = [
        ("/static/*.css", "/static/a.css", true),
        ("/static/*.css", "/static/x/a.css", false),
        ("/static/**", "/static/x/y/a.css", true),
        ("/static/**", "/static", false),
        ("/**/*.png", "/a.png", true),
        ("/**/*.png", "/x/y/a.png", true),
        ("/img/?.jpg", "/img/a.jpg", true),
        ("/img/?.jpg", "/img/ab.jpg", false),
        ("/中文/*", "/%E4%B8%AD%E6%96%87/a", true),
        ("/exact", "/exact", true),
        ("/exact", "/exactly", false),
    ]

    @Test("segment and cross-segment wildcards", arguments: cases)
    func matches(pattern: String, path: String, expected: Bool) throws {
        let glob = try #require(GlobPattern(pattern))
        #expect(glob.matches(path[...].utf8) == expected)
    }

    @Test("rules parse GLOB=WEIGHT and the best match wins")
    func rules() {
        let rules = ["/**=1", "/static/**=10", "/static/*.css=-3"].compactMap(PriorityRule.init(argument:))
        #expect(rules.count == 3)
        #expect(PriorityRule.weight(of: "https://a.com/static/x.css?v=1", rules: rules) == 10)
        #expect(PriorityRule.weight(of: "https://a.com/index.html", rules: rules) == 1)
        #expect(PriorityRule(argument: "static=3") == nil)
        #expect(PriorityRule(argument: "/a=x") == nil)
    }
}
