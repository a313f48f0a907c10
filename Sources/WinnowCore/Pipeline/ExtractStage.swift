/// Main text and metadata: the HTML path (blocks → main content, metadata from markup) or the text
/// path (title line and paragraphs).
public struct ExtractStage: Stage {
    public let name = "extract"
    let segmenter = BlockSegmenter()
    let mainContent: MainContentExtractor
    let metadata = MetadataExtractor()
    let textDump: TextDumpExtractor

    public init(settings: WinnowConfig) {
        mainContent = MainContentExtractor(settings: .init(maxLinkDensity: settings.extract.maxLinkDensity, minBlockChars: settings.extract.minBlockChars))
        textDump = TextDumpExtractor(titleMaxChars: settings.text.titleMaxChars)
    }

    public func run(_ document: inout WorkingDocument) -> StageOutcome {
        if let tree = document.tree {
            document.metadata = metadata.extract(tree)
            let decisions = mainContent.extract(segmenter.segment(tree), tree: tree)
            document.paragraphs = decisions.filter(\.kept).map(\.block.text)
            for decision in decisions where !decision.kept { document.hit("extract.block.\(decision.signal)") }
            document.tree = nil  // the tree is the largest thing a worker holds; free it early
        } else {
            let (title, paragraphs) = textDump.extract(document.lines)
            document.metadata.title = title
            document.paragraphs = paragraphs
            document.lines = []
        }
        document.utf8 = []
        return .keep
    }

    /// Per-block decisions for one page, for `winnow inspect`-style tooling and tests.
    public func explain(_ tree: DocumentTree) -> MainContentExtractor.Explanation {
        mainContent.explain(segmenter.segment(tree), tree: tree)
    }
}
