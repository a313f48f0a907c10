/// A fenced code block: the text as the `pre` shows it (`CodeText`), between fences of backticks one
/// longer than any run of backticks inside (at least 3).
enum CodeFence {
    static func lines(_ parts: [[UInt8]], gaps: [[UInt8]?], language: [UInt8]) -> [[UInt8]] {
        let code = CodeText.lines(parts, gaps: gaps)
        let tick = UInt8(ascii: "`")
        var longest = 0
        for line in code {
            var run = 0
            for b in line {
                run = b == tick ? run + 1 : 0
                longest = max(longest, run)
            }
        }
        let fence = [UInt8](repeating: tick, count: max(3, longest + 1))
        var lines: [[UInt8]] = [fence + language]
        lines.append(contentsOf: code)
        lines.append(fence)
        return lines
    }
}
