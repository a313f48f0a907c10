/// The effective configuration of a run: limits, structural cleaning, selector rules, line rules and
/// extraction thresholds. Loaded and validated by `ConfigLoader`; its canonical form is hashed into
/// every record as `metadata.rules_version`.
public struct WinnowConfig: Sendable {
    public var schemaVersion: Int = 1
    public var name: String = "default"
    public var limits = Limits()
    public var html = HTMLSettings()
    public var text = TextSettings()
    public var extract = ExtractSettings()
    public var output = OutputSettings()
    public var selectorRules: [SelectorRuleSpec] = []
    public var lineRules: [LineRuleSpec] = []
    /// Quality filters after extraction, in order (`FilterRegistry`); none by default.
    public var filters: [FilterSpec] = []
    public var dedup = DedupSettings()

    public init() {}

    public struct Limits: Sendable {
        /// Inputs (after decompression) above this many bytes are rejected as `input.too_large`.
        public var maxDocumentBytes = 20 * 1024 * 1024
        /// Element nodes per page before the page is rejected as `budget.nodes`.
        public var maxNodes = 1_000_000
        /// Element nesting depth before the page is rejected as `budget.depth`.
        public var maxDepth = 1_000
        /// CPU seconds one document may take from load to record; beyond it: `budget.time`.
        public var maxDocumentSeconds = 10.0
        /// Reject lines one container (WARC, JSONL) writes per reason; the rest are only counted.
        public var maxContainerRejectsPerReason = 1_000
    }

    public struct HTMLSettings: Sendable {
        /// Elements removed with their whole subtree before extraction.
        public var dropTags: [String] = [
            "script", "style", "noscript", "template", "svg", "iframe", "object", "embed", "canvas",
            "button", "input", "select", "textarea", "option", "label", "dialog", "menu",
        ]
        /// Drop elements with `hidden`, `aria-hidden="true"` or an inline `display:none`/`visibility:hidden`.
        public var dropHidden = true
        /// A selector rule never removes an element holding more than this share of the page's text
        /// (nor html, body, main, article): such a match is a false positive, not chrome.
        public var maxRemovalShare = 0.4
    }

    public struct TextSettings: Sendable {
        /// The first line of a text input becomes the title when it is at most this long and ends
        /// without sentence punctuation.
        public var titleMaxChars = 200
    }

    public struct ExtractSettings: Sendable {
        /// Documents whose extracted text is shorter than this are rejected as `extract.too_short`.
        public var minTextChars = 1
        /// A block whose share of characters inside links exceeds this is navigation, not body text.
        public var maxLinkDensity = 0.5
        /// Blocks shorter than this that sit outside the main content are dropped as chrome.
        public var minBlockChars = 25
    }
}

/// A selector rule from the config: every element it matches is removed, subtree included.
public struct SelectorRuleSpec: Sendable, Equatable {
    public var name: String
    public var description: String
    public var selector: String
}

/// A line rule from the config: lines (text inputs) and paragraphs (HTML) it matches are dropped.
public struct LineRuleSpec: Sendable, Equatable {
    public var name: String
    public var description: String
    /// Lines equal to one of these (after whitespace normalisation) match.
    public var exact: [String]
    /// Lines containing one of these phrases match (a fast byte search: no regex needed for "contains").
    public var contains: [String] = []
    /// An ICU regular expression (NSRegularExpression syntax) matched against the whole line.
    public var regex: String?
    public var caseInsensitive: Bool
    /// Only lines of at most this many characters are tested (cheap guard for long paragraphs).
    public var maxChars: Int?
    /// Also drop this many following non-empty lines (a caption label and the caption under it).
    public var dropFollowing: Int
    /// The line marks the end of the article ("Share this:", "Leave a Reply"): drop it and everything
    /// after it, provided some prose came before (see `LineFilter.minProseBeforeEnd`).
    public var dropRest: Bool = false
}
