import Foundation

/// A directory under the system's temporary directory, removed when the value is released.
package final class TemporaryDirectory: Sendable {
    package let path: String

    package init(prefix: String = "cdn-refresh-test") {
        let base = FileManager.default.temporaryDirectory.path
        let path = "\(base)/\(prefix)-\(UUID().uuidString)"
        do {
            try FileManager.default.createDirectory(atPath: path, withIntermediateDirectories: true)
        } catch {
            preconditionFailure("cannot create the temporary directory \(path): \(error)")
        }
        self.path = path
    }

    deinit {
        try? FileManager.default.removeItem(atPath: path)
    }

    /// The path of `name` inside the directory.
    package func file(_ name: String) -> String {
        "\(path)/\(name)"
    }

    /// Writes bytes to `name` and returns its path.
    @discardableResult
    package func write(_ name: String, bytes: [UInt8]) -> String {
        let target = file(name)
        precondition(FileManager.default.createFile(atPath: target, contents: Data(bytes)), "cannot write \(target)")
        return target
    }

    /// Writes UTF-8 text to `name` and returns its path.
    @discardableResult
    package func write(_ name: String, text: String) -> String {
        write(name, bytes: Array(text.utf8))
    }
}
