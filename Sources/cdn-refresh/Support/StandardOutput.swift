/// Writes lines to standard output unbuffered, so a script reading a pipe sees each line at once.
enum StandardOutput {
    static func print(_ text: String) {
        StandardError.writeAll(text + "\n", to: 1)
    }
}
