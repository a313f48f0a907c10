/// Blank lines of a JSONL container skipped where they lie in the buffer, without making a line
/// array for each: a file of a billion blank lines then costs a scan, not a billion allocations.
extension DecodedStream {
    /// Consumes whole lines that hold only whitespace (up to and including their LF); returns how
    /// many. Stops before the first line with anything else, and before a blank last line without LF
    /// (`readLine` returns that one).
    func skipBlankLines() -> Int {
        var lines = 0
        while fill(1, within: nil) > 0 {
            let available = self.available(within: nil)
            // Bytes from `head`: whitespace up to the last LF seen are consumed; a non-space stops.
            let (blank, lastLineEnd, stopped): (Int, Int, Bool) = buffer.withUnsafeBufferPointer { raw in
                var count = 0, lineEnd = 0, i = 0
                while i < available {
                    let byte = raw[head + i]
                    if byte == 0x0A {
                        count += 1
                        lineEnd = i + 1
                    } else if !ByteText.isSpace(byte) {
                        return (count, lineEnd, true)
                    }
                    i += 1
                }
                return (count, lineEnd, false)
            }
            lines += blank
            consume(lastLineEnd)
            // A whitespace run without an LF yet: more input decides whether it is a blank line.
            if stopped || (lastLineEnd < available && fill(available - lastLineEnd + 1, within: nil) <= available - lastLineEnd) { break }
        }
        return lines
    }
}
