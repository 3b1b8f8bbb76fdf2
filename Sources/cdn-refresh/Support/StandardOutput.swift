import CDNRefresh

/// Writes lines to standard output unbuffered, so a script reading a pipe sees each line at once; control
/// characters and bidi controls are escaped, as on standard error.
enum StandardOutput {
    static func print(_ text: String) {
        StandardError.writeAll(ControlEscaping.escapeForTerminal(text) + "\n", to: 1)
    }
}
