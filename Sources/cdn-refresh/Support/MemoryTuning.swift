import CMalloc

/// Process-wide allocator settings for a batch run.
enum MemoryTuning {
    /// The size from which blocks get their own mapping, returned to the system when freed.
    static let mappedBlockSize: Int32 = 1 << 20

    /// Serves blocks of 1 MiB and more from their own mappings.
    ///
    /// A run's tables grow by doubling: each step allocates the bigger array and frees the smaller one. glibc
    /// raises its mapping threshold after the first large free, so from then on those arrays come from the heap,
    /// and freed steps stay in the process as unreturned memory (about a fifth of the peak with eight inputs). A
    /// fixed threshold keeps the peak at what is really in use. Where the C library has no such setting, nothing
    /// changes.
    static func apply() {
        _ = cmalloc_map_blocks_from(mappedBlockSize)
    }
}
