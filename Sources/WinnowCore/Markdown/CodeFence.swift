/// A fenced code block: the text exactly as the `pre` holds it (parts split at `<br>` rejoined by a
/// line break), between fences of backticks one longer than any run of backticks inside (at least 3).
enum CodeFence {
    static func lines(_ parts: [[UInt8]], language: [UInt8]) -> [[UInt8]] {
        let tick = UInt8(ascii: "`")
        var longest = 0
        for part in parts {
            var run = 0
            for b in part {
                run = b == tick ? run + 1 : 0
                longest = max(longest, run)
            }
        }
        let fence = [UInt8](repeating: tick, count: max(3, longest + 1))
        var lines: [[UInt8]] = [fence + language]
        for part in parts {
            lines.append(contentsOf: part.split(separator: 0x0A, omittingEmptySubsequences: false).map(Array.init))
        }
        lines.append(fence)
        return lines
    }
}
