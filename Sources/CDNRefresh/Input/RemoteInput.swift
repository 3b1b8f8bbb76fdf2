/// An input fetched while it is read: one CDN log file (`cdn:DOMAIN/LogName`, read as `alicdn`), or the URLs and
/// hits SLS counted (`sls:PROJECT/LOGSTORE`, read as a CSV manifest).
///
/// Inputs are equal when their names are: a name is unique within a run.
package struct RemoteInput: Sendable, Hashable {
    /// The name `source` cells and messages show (`cdn:DOMAIN/LogName`); never the download URL.
    package let name: String
    /// The file's own name (`LogName`): Alibaba's names start with the domain that path-only records belong to.
    package let fileName: String
    /// How it is read, whatever `--format` says of the local inputs.
    package let format: ConcreteFormat
    /// Starts fetching the file; called once, when a reader takes the input.
    package let open: @Sendable () -> any RemoteByteStream

    package init(
        name: String, fileName: String, format: ConcreteFormat = .alicdn,
        open: @escaping @Sendable () -> any RemoteByteStream
    ) {
        self.name = name
        self.fileName = fileName
        self.format = format
        self.open = open
    }

    package static func == (lhs: RemoteInput, rhs: RemoteInput) -> Bool { lhs.name == rhs.name }

    package func hash(into hasher: inout Hasher) { hasher.combine(name) }
}

/// The bytes of a remote input as they arrive, read by a thread that may block.
package protocol RemoteByteStream: Sendable {
    /// Fills the front of `buffer`, blocking until bytes arrive; 0 at the end of the file.
    ///
    /// - Throws: why the transfer failed, once every byte that arrived before it has been returned:
    ///   ``InputError/cannotOpen(path:reason:)`` when none did, ``InputError/readFailed(path:reason:)`` after some.
    func read(into buffer: UnsafeMutableRawBufferPointer) throws(InputError) -> Int
    /// Stops the transfer: the reader wants no more.
    func cancel()
}
