/// The text path: a plain-text dump (after line rules) becomes a title and paragraphs. Paragraphs are
/// runs of non-empty lines; lines inside a run stay on their own lines. Whole-page dumps are cleaned
/// line by line by `TextParagraphClassifier` (a jusText stage, then the line model); short inputs
/// (a few lines, like an already-clean text) are kept whole.
public struct TextDumpExtractor: Sendable {
    public let titleMaxChars: Int
    let classifier = TextParagraphClassifier()

    public init(titleMaxChars: Int) { self.titleMaxChars = titleMaxChars }

    /// What a dump's header (the lines above the body) says: a headline, a byline, a date line.
    public struct Header: Sendable, Equatable {
        public var title: String?
        public var authors: [String] = []
        public var published: String?
    }

    public func extract(_ lines: [[UInt8]]) -> (title: String?, paragraphs: [[UInt8]]) {
        let (header, paragraphs) = extractWithHeader(lines)
        return (header.title, paragraphs)
    }

    /// The title line (a first line that stands alone and looks like one), where the rest starts, and
    /// the rest as paragraphs (runs of non-empty lines joined by "\n").
    func split(_ lines: [[UInt8]]) -> (title: String?, start: Int, paragraphs: [[UInt8]]) {
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
        return (title, start, paragraphs)
    }

    /// The lines the classifier decides and their feature rows (`LineFeatures`), for `winnow features`.
    public func featureRows(_ lines: [[UInt8]]) -> (lines: [[UInt8]], rows: [Double]) {
        let analysis = classifier.analyse(split(lines).paragraphs)
        return (analysis.lines, LineFeatures.rows(analysis))
    }

    public func extractWithHeader(_ lines: [[UInt8]]) -> (header: Header, paragraphs: [[UInt8]]) {
        let (title, start, paragraphs) = split(lines)
        // Too short to judge (a note, a list), or nothing to keep: the text as it is rather than lose it.
        let body = classifier.clean(paragraphs) ?? paragraphs
        var header = Header()
        if let first = body.first?.split(separator: 0x0A).first, let bodyStart = lines[start...].firstIndex(where: { $0.elementsEqual(first) }) {
            readHeader(lines[start..<bodyStart], into: &header)
        }
        // A headline found above a byline or date line beats a first line that merely looks like one
        // ("Accessibility links" opens many rendered pages).
        if header.title == nil { header.title = title }
        return (header, body)
    }

    /// In the lines above the body, a byline ("By Priya Nandakumar") or a date line is the anchor: the
    /// headline is the nearest title-like line above it (a standfirst may sit between).
    /// Without an anchor there is no title from here.
    func readHeader(_ lines: ArraySlice<[UInt8]>, into header: inout Header) {
        var anchor: Int?
        for index in lines.indices.reversed() where !lines[index].isEmpty && lines[index].count <= 80 {
            let text = String(decoding: lines[index], as: UTF8.self)
            if header.authors.isEmpty, text.hasPrefix("By ") || text.hasPrefix("by ") {
                let names = AuthorNames.clean([text])
                if !names.isEmpty { header.authors = names; anchor = max(anchor ?? index, index) }
            } else if header.published == nil, MetadataExtractor.containsYear(lines[index][...]), let date = DateParser.parse(text) {
                header.published = date
                anchor = max(anchor ?? index, index)
            }
            if !header.authors.isEmpty && header.published != nil { break }
        }
        guard var index = anchor.map({ $0 - 1 }) else { return }
        // Step over the byline/date block itself, then up through title-like lines.
        while index >= lines.startIndex, lines[index].isEmpty || lines[index].starts(with: Array("By ".utf8)) || DateParser.parse(String(decoding: lines[index], as: UTF8.self)) != nil {
            index -= 1
        }
        // The nearest headline-like line (3 to 15 words, not ending like a sentence) above the anchor;
        // one longer line or sentence in between is a standfirst and is stepped over.
        var topmost: Int?
        var skippedStandfirst = false
        while index >= lines.startIndex {
            if lines[index].isEmpty { index -= 1; continue }
            let words = ByteText.wordCount(lines[index])
            if looksLikeTitle(lines[index]) && (3...15).contains(words) && !TextDumpExtractor.hasTimeOfDay(lines[index]) {
                topmost = index
                break
            } else if !skippedStandfirst && words <= 60 {
                skippedStandfirst = true
            } else {
                break
            }
            index -= 1
        }
        header.title = topmost.map { String(decoding: lines[$0], as: UTF8.self) }
    }

    /// "6:55 AM", "10:02": a timestamp line ("Updated Nov 19, 6:55 AM") is no headline.
    static func hasTimeOfDay(_ line: [UInt8]) -> Bool {
        guard line.count >= 4 else { return false }
        for i in 1..<(line.count - 2) where line[i] == UInt8(ascii: ":") {
            let digit = { (b: UInt8) in b >= 0x30 && b <= 0x39 }
            if digit(line[i - 1]) && digit(line[i + 1]) && digit(line[i + 2]) { return true }
        }
        return false
    }

    /// Short, and not ending like a sentence (headlines rarely end with a full stop).
    func looksLikeTitle(_ line: [UInt8]) -> Bool {
        let chars = ByteText.scalarCount(line)
        guard chars >= 3, chars <= titleMaxChars, ByteText.wordCount(line) >= 2, let last = line.last else { return false }
        return last != UInt8(ascii: ".") && last != UInt8(ascii: ",") && last != UInt8(ascii: ";") && last != UInt8(ascii: ":")
    }
}
