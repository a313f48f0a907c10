/// How a record's `text` is written: `text` (plain, today's layout) or `markdown` (GitHub-flavoured
/// Markdown from the same kept blocks). Part of `rules_version`, so a corpus says which it holds.
public enum OutputFormat: String, Sendable, CaseIterable {
    case text, markdown
}

/// The `output:` section of the config (`--format`, `--links`, `--images` override it).
public struct OutputSettings: Sendable, Equatable {
    public var format: OutputFormat = .text
    /// Markdown only: links as `[text](absolute URL)`; otherwise their text alone.
    public var links = false
    /// Markdown only: images as `![alt](absolute URL)`; otherwise dropped.
    public var images = false

    public init(format: OutputFormat = .text, links: Bool = false, images: Bool = false) {
        self.format = format
        self.links = links
        self.images = images
    }
}
