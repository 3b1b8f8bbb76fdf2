/// One event from ``LineSplitter``: a line, or a line that had to be rejected.
///
/// The buffers are only valid during the callback that receives them.
enum LineEvent {
    /// A complete line without its line end (`\n` or `\r\n`) and, on the first line, without a UTF-8 BOM.
    case line(UnsafeBufferPointer<UInt8>, number: Int)
    /// A line longer than the limit; its bytes were skipped without being buffered.
    case tooLong(number: Int)
    /// The last, unterminated line of an input that ended in damage: probably cut off mid-way.
    case cutOff(UnsafeBufferPointer<UInt8>, number: Int)
}
