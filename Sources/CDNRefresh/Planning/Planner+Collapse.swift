extension Planner.Work {
    /// Collapses pending files into Directory and IgnoreParams entries when they exceed the URL budget (DESIGN §5).
    ///
    /// Directories first, within what explicit directories left of the directory budget (never an ancestor of an
    /// explicit one); then query groups within the IgnoreParams budget. Each collapsed entry is appended to the
    /// candidates with the rank of its best file, and the files it refreshes are covered by it.
    ///
    /// - Returns: what collapsing did, or `nil` when it covered nothing.
    mutating func collapse(reads: ReadStatistics) -> CollapseSummary? {
        let urlBudget = limit(for: .file)
        guard pendingFiles.count > urlBudget else { return nil }
        let deferredWithout = pendingFiles.count - urlBudget
        var coveredFiles = 0

        let explicit = (selected[.directory] ?? []).map { candidates[$0].url }
        let ancestorsOfExplicit = Set(explicit.flatMap { CanonicalURL.ancestorDirectories(of: $0) })
        let directoryChoice = DirectoryChoice(
            urlBudget: urlBudget, directoryBudget: max(0, limit(for: .directory) - explicit.count),
            minimum: options.collapse.minimum, ratio: options.collapse.ratio)
        let directories = directoryChoice.choose(
            pendingFiles.map { DirectoryChoice.File(url: candidates[$0].url, wasRead: candidates[$0].wasRead) },
            seenBeneath: reads.distinctURLs(beneath:), excluded: { ancestorsOfExplicit.contains($0) })
        var placed = Set<Int>()
        for directory in directories {
            let files = directory.files.map { pendingFiles[$0] }
            selected[.directory, default: []].append(addCollapsed(directory.url, type: .directory, covering: files))
            placed.formUnion(directory.files)
        }
        coverExplicitEntries(beneath: Set(directories.map(\.url)))
        pendingFiles = pendingFiles.enumerated().filter { !placed.contains($0.offset) }.map(\.element)
        coveredFiles += placed.count

        let existing = Set((selected[.ignoreparams] ?? []).map { candidates[$0].url })
        let queryChoice = QueryVariantChoice(
            urlBudget: urlBudget,
            ignoreParamsBudget: max(0, limit(for: .ignoreparams) - existing.count))
        let groups = queryChoice.choose(pendingFiles.map { candidates[$0].url }, existing: existing)
        placed = []
        for group in groups {
            let files = group.files.map { pendingFiles[$0] }
            if group.existing {
                for index in files { cover(index, byURL: group.url) }
            } else {
                selected[.ignoreparams, default: []].append(
                    addCollapsed(group.url, type: .ignoreparams, covering: files))
            }
            placed.formUnion(group.files)
        }
        pendingFiles = pendingFiles.enumerated().filter { !placed.contains($0.offset) }.map(\.element)
        coveredFiles += placed.count

        guard coveredFiles > 0 else { return nil }
        return CollapseSummary(
            coveredFiles: coveredFiles, directories: directories.count,
            ignoreParams: groups.filter { !$0.existing }.count, deferredWithout: deferredWithout,
            deferredWith: max(0, pendingFiles.count - urlBudget))
    }

    /// Appends a collapsed entry that refreshes `files` (positions, best first) and covers them by it.
    ///
    /// It takes the rank and appearance of its best file; its hits and occurrences are those of the files.
    private mutating func addCollapsed(_ url: String, type: EntryType, covering files: [Int]) -> Int {
        let best = candidates[files[0]]
        var entry = Candidate(
            url: url, type: type, source: .recorded("collapsed from \(files.count) files"),
            occurrences: files.reduce(0) { $0 + candidates[$1].occurrences },
            hits: files.reduce(0) { $0 + candidates[$1].hits },
            latestChange: files.compactMap { candidates[$0].latestChange }.max(), appearance: best.appearance)
        entry.collapsed = true
        let index = candidates.count + collapsedEntries.count
        collapsedEntries.append(entry)
        rank.append(rank[files[0]])
        for file in files { cover(file, byURL: url) }
        return index
    }

    /// Explicit IgnoreParams entries beneath a collapsed directory are refreshed by it: they are covered, selected
    /// or not, and give their IgnoreParams quota back.
    private mutating func coverExplicitEntries(beneath directories: Set<String>) {
        guard !directories.isEmpty else { return }
        var kept: [Int] = []
        for index in selected[.ignoreparams] ?? [] {
            if Planner.isCovered(url(of: index), by: directories) {
                cover(index, by: directories)
            } else {
                kept.append(index)
            }
        }
        selected[.ignoreparams] = kept
        let waiting = deferred
        deferred = []
        for index in waiting {
            if entry(index).type == .ignoreparams && Planner.isCovered(url(of: index), by: directories) {
                cover(index, by: directories)
            } else {
                deferred.append(index)
            }
        }
    }
}
