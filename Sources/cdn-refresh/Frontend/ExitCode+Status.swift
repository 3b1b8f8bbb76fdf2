import ArgumentParser
import RefreshRunner

extension ExitCode {
    /// The process exit code of `status`: the one mapping from the library's vocabulary to the process's.
    init(_ status: ExitStatus) {
        self.init(status.rawValue)
    }
}
