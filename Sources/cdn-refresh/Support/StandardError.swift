import CDNRefresh

#if canImport(Glibc)
    import Glibc
#elseif canImport(Darwin)
    import Darwin
#endif

/// Writes user-facing diagnostics to standard error and tells whether streams are terminals.
enum StandardError {
    /// Writes `text` and a newline to standard error, its control characters and bidi controls escaped (text from
    /// outside — file names, API messages — never reaches the terminal as a control sequence).
    static func print(_ text: String) {
        writeAll(ControlEscaping.escapeForTerminal(text) + "\n", to: STDERR_FILENO)
    }

    /// Writes `text` without a newline (progress lines).
    static func write(raw text: String) {
        writeAll(text, to: STDERR_FILENO)
    }

    /// Writes all of `text` to a descriptor, unbuffered, retrying short and interrupted writes.
    static func writeAll(_ text: String, to descriptor: Int32) {
        var bytes = Array(text.utf8)
        bytes.withUnsafeMutableBytes { raw in
            var offset = 0
            while offset < raw.count {
                let written = systemWrite(descriptor, raw.baseAddress! + offset, raw.count - offset)
                if written <= 0 {
                    if written < 0 && errno == EINTR { continue }
                    return
                }
                offset += written
            }
        }
    }

    static var isTerminal: Bool { isatty(STDERR_FILENO) == 1 }
    static var inputIsTerminal: Bool { isatty(STDIN_FILENO) == 1 }
    static var outputIsTerminal: Bool { isatty(STDOUT_FILENO) == 1 }
}
