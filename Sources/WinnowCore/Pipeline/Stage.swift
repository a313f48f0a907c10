/// What a stage decides about a document.
public enum StageOutcome: Sendable, Equatable {
    case keep
    /// `reason` is a dotted code (`decode.binary`, `extract.too_short`) that becomes a report counter
    /// and the `reason` of the reject line; `detail` is for people.
    case drop(reason: String, detail: String)
}

/// One step of the pipeline. Stages are immutable and shared by all workers; everything they change
/// lives in the worker's own `WorkingDocument`.
public protocol Stage: Sendable {
    /// Short name used in the report (`load`, `decode`, `parse`, `clean`, `extract`, `filter`).
    var name: String { get }
    func run(_ document: inout WorkingDocument) -> StageOutcome
}

/// A document on its way through the stages, owned by one worker at a time.
public struct WorkingDocument: Sendable {
    public enum ContentType: String, Sendable { case html = "text/html", text = "text/plain" }

    public let input: InputItem
    public var contentType: ContentType
    /// Raw bytes after decompression (the load stage fills them).
    public var raw: [UInt8] = []
    /// Input bytes actually read: the decompressed size once known, else what was read from disk.
    public var bytesRead = 0
    /// Valid UTF-8 after decoding.
    public var utf8: [UInt8] = []
    public var encoding = ""
    public var encodingMethod = ""
    /// The HTML tree after parsing (HTML only).
    public var tree: DocumentTree?
    /// Text lines (text inputs) after decoding; cleaning removes lines here.
    public var lines: [[UInt8]] = []
    /// Extracted body paragraphs, whitespace-normalised UTF-8, in reading order.
    public var paragraphs: [[UInt8]] = []
    /// What goes before each paragraph in `text` (`TextLayout`: a blank line, a newline, a space);
    /// empty or shorter than `paragraphs`: blank lines.
    public var separators: [UInt8] = []
    /// The paragraphs as Markdown (`--format markdown`, HTML inputs only); nil: the record is plain text.
    public var markdown: MarkdownDocument?
    public var metadata = PageMetadata()
    /// Rule hits for this document: reason code → count.
    public var ruleHits: [String: Int] = [:]
    /// Thread CPU time (`CPUClock.thread()`) by which the document must be done: the time budget.
    public var deadline = Double.infinity

    public init(input: InputItem) {
        self.input = input
        self.contentType = input.kind == .html ? .html : .text
    }

    /// The record's `text`: the Markdown, or the paragraphs laid out by `separators`.
    public var text: [UInt8] { markdown?.rendered ?? TextLayout.join(paragraphs, separators: separators) }

    /// `metadata.format`: what `text` holds.
    public var format: OutputFormat { markdown == nil ? .text : .markdown }

    public mutating func hit(_ reason: String, _ count: Int = 1) { ruleHits[reason, default: 0] += count }
}

/// Metadata found on the page; every field optional.
public struct PageMetadata: Sendable, Equatable {
    public var title: String?
    public var url: String?
    public var language: String?
    /// How sure the text detector is of `language` (0–1), nil when only markup named it.
    public var languageConfidence: Double?
    public var authors: [String] = []
    public var description: String?
    public var published: String?
    public var sitename: String?
    /// What kind of page this is (`PageTypeClassifier`): article, forum, product…; nil for text inputs.
    public var pageType: String?
    /// A JSON-LD `Product`'s description; not written to the record (`ProductDescription` adds it to
    /// a thin product page's text).
    public var productDescription: String?
    public init() {}
}
