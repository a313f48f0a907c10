/// The text path: a plain-text dump (after line rules) becomes a title and paragraphs. Paragraphs are
/// runs of non-empty lines; lines inside a run stay on their own lines. Whole-page dumps are cleaned
/// by `TextParagraphClassifier`; short inputs (a few paragraphs, like an already-clean text) are kept
/// whole.
public struct TextDumpExtractor: Sendable {
    public let titleMaxChars: Int
    let classifier = TextParagraphClassifier()

    public init(titleMaxChars: Int) { self.titleMaxChars = titleMaxChars }

    public func extract(_ lines: [[UInt8]]) -> (title: String?, paragraphs: [[UInt8]]) {
        var start = 0
        while start < lines.count && lines[start].isEmpty { start += 1 }
        var title: String?
        if start < lines.count, looksLikeTitle(lines[start]), start + 1 == lines.count || lines[start + 1].isEmpty {
            title = String(decoding: lines[start], as: UTF8.self)
            start += 1
        }
        var paragraphs: [[UInt8]] = []
        var current: [UInt8] = []
        for line in lines[start...] {
            if line.isEmpty {
                if !current.isEmpty { paragraphs.append(current); current = [] }
                continue
            }
            if !current.isEmpty { current.append(UInt8(ascii: "\n")) }
            current.append(contentsOf: line)
        }
        if !current.isEmpty { paragraphs.append(current) }
        // Nothing looked like prose (a short note, a list): keep the text as it is rather than lose it.
        return (title, classifier.clean(paragraphs) ?? paragraphs)
    }

    /// Short, and not ending like a sentence (headlines rarely end with a full stop).
    func looksLikeTitle(_ line: [UInt8]) -> Bool {
        let chars = ByteText.scalarCount(line)
        guard chars >= 3, chars <= titleMaxChars, ByteText.wordCount(line) >= 2, let last = line.last else { return false }
        return last != UInt8(ascii: ".") && last != UInt8(ascii: ",") && last != UInt8(ascii: ";") && last != UInt8(ascii: ":")
    }
}
