import Foundation

/// datatrove's FineWebQualityFilter: the share of lines ending in terminal punctuation, of short lines,
/// of characters in duplicate lines, and newlines per word. Lines are `text.split("\n")` without the
/// blank ones; terminal punctuation is datatrove's TERMINAL_PUNCTUATION (all scripts).
public struct FineWebQualityFilter: QualityFilter {
    public static let name = "fineweb_quality"
    public static let reasonName = "fineweb"
    public static let summary = "lines ending in punctuation, short lines, duplicate-line characters, newlines per word"
    public static let keys = [
        FilterKey("line_punct_thr", .number(0.12), "fewest lines ending in terminal punctuation, share of lines"),
        FilterKey("line_punct_exclude_zero", .flag(false), "keep documents where no line ends in punctuation"),
        FilterKey("short_line_thr", .number(0.67), "most short lines, share of lines"),
        FilterKey("short_line_length", .number(30), "a line of at most this many characters is short"),
        FilterKey("char_duplicates_ratio", .number(0.01), "most characters in duplicate lines / characters (newlines not counted)"),
        FilterKey("new_line_ratio", .number(0.3), "most newlines per word"),
    ]
    public static let checks = ["empty", "line_punct_ratio", "short_line_ratio", "char_dup_ratio", "list_ratio"]

    let linePunct, shortLines, shortLength, charDuplicates, newLines: Double
    let excludeZero: Bool
    static let terminal = ScalarSet(scalars: EnglishTokenizerTables.terminalPunctuation)

    public init(_ settings: FilterSettings) {
        linePunct = settings.number("line_punct_thr")
        excludeZero = settings.flag("line_punct_exclude_zero")
        shortLines = settings.number("short_line_thr")
        shortLength = settings.number("short_line_length")
        charDuplicates = settings.number("char_duplicates_ratio")
        newLines = settings.number("new_line_ratio")
    }

    public func apply(_ document: inout FilterDocument, _ checks: inout FilterChecks) {
        let length = document.length()
        let ascii = document.isASCII()
        let (newlineCount, stop): (Int, Bool) = document.text.withUnsafeBufferPointer { b in
            let pieces = Self.splitOnEveryNewline(b)
            let lines = pieces.filter { !PythonText.strip(b, $0).isEmpty }
            let newlines = pieces.count - 1
            if checks.check("empty", lines.isEmpty ? 1 : 0, drop: .present, 0) || lines.isEmpty { return (newlines, true) }
            let count = Double(lines.count)
            var punctuated = 0, short = 0
            for line in lines {
                if Self.terminal.contains(PythonText.decodeBefore(b, line.upperBound).scalar) { punctuated += 1 }
                if Self.isShort(b, line, shortLength) { short += 1 }
            }
            let ratio = Double(punctuated) / count
            if !(ratio == 0 && excludeZero) && checks.check("line_punct_ratio", ratio, drop: .below, linePunct) { return (newlines, true) }
            if checks.check("short_line_ratio", Double(short) / count, drop: .above, shortLines) { return (newlines, true) }
            let duplicateChars = GopherRepetitionFilter.duplicates(b, lines, ascii: ascii).chars
            let chars = length - newlines
            return (newlines, checks.check("char_dup_ratio", Double(duplicateChars) / Double(max(chars, 1)), drop: .above, charDuplicates))
        }
        if stop { return }
        let words = document.words().count
        checks.check("list_ratio", Double(newlineCount) / Double(max(words, 1)), drop: .above, newLines)
    }

    /// `len(line) <= limit`: decided by the byte count when it settles it (a character is 1 to 4 bytes).
    @inline(__always)
    static func isShort(_ b: UnsafeBufferPointer<UInt8>, _ line: Range<Int>, _ limit: Double) -> Bool {
        if Double(line.count) <= limit { return true }
        if Double(line.count) > 4 * limit { return false }
        return Double(PythonText.length(b, line)) <= limit
    }

    /// `[l for l in text.split("\n") if l.strip() != ""]`
    /// `text.split("\n")`: one piece more than there are newlines.
    static func splitOnEveryNewline(_ b: UnsafeBufferPointer<UInt8>) -> [Range<Int>] {
        var out: [Range<Int>] = []
        var start = 0
        if let base = b.baseAddress {
            // memchr finds the next newline many bytes at a time
            while start < b.count, let hit = memchr(base + start, 0x0A, b.count - start) {
                let i = base.distance(to: hit.assumingMemoryBound(to: UInt8.self))
                out.append(start..<i)
                start = i + 1
            }
        }
        out.append(start..<b.count)
        return out
    }
}
