/// Main text and metadata: the HTML path (blocks → main content, metadata from markup) or the text
/// path (title line and paragraphs).
public struct ExtractStage: Stage {
    public let name = "extract"
    let segmenter = BlockSegmenter()
    let mainContent: MainContentExtractor
    let metadata = MetadataExtractor()
    let textDump: TextDumpExtractor
    let languages = LanguageDetector()
    let output: OutputSettings

    /// A short block that opens with "By" and names one of the page's authors.
    static func isByline(_ text: [UInt8], authors: [String]) -> Bool {
        guard !authors.isEmpty, text.count <= 80, text.starts(with: Array("By ".utf8)) || text.starts(with: Array("by ".utf8)) else { return false }
        return authors.contains { !$0.isEmpty && ByteText.containsIgnoringASCIICase(text, $0.utf8.map(ByteText.lower)) }
    }

    /// A description this long stands in for a page that has no body text.
    static let minDescriptionWords = 8

    public init(settings: WinnowConfig) {
        mainContent = MainContentExtractor(settings: .init(maxLinkDensity: settings.extract.maxLinkDensity, minBlockChars: settings.extract.minBlockChars,
                                                           classifier: BlockClassifier.builtIn, pageTypes: PageTypeClassifier.builtIn))
        textDump = TextDumpExtractor(titleMaxChars: settings.text.titleMaxChars)
        output = settings.output
    }

    public func run(_ document: inout WorkingDocument) -> StageOutcome {
        if let tree = document.tree {
            document.metadata = metadata.extract(tree)
            let (blocks, counts) = segmenter.segmentCounting(tree)
            let explanation = mainContent.explain(blocks, tree: tree, textCounts: counts, exactScores: false)
            let decisions = explanation.decisions
            document.metadata.pageType = explanation.pageType
            // The byline is the record's author, not body text (as the headline is its title).
            let kept = decisions.filter { $0.kept && !Self.isByline($0.block.text, authors: document.metadata.authors) }.map(\.block)
            document.paragraphs = kept.map(\.text)
            document.separators = TextLayout.separators(kept, in: tree)
            let productText = ProductDescription.addition(document.metadata.productDescription, to: document.paragraphs)
            if output.format == .markdown {
                var builder = MarkdownBlockBuilder(tree: tree, settings: output, pageURL: document.input.url ?? document.metadata.url)
                // The title as `#` only when the page has no h1: its h1 is the headline, which both
                // formats give as metadata.title (the extraction leaves it out of the text).
                let headline = decisions.contains { $0.block.kind == .heading1 }
                document.markdown = MarkdownDocument(title: headline ? nil : MarkdownBlockBuilder.title(document.metadata.title), blocks: builder.build(kept))
            }
            if let productText {
                document.paragraphs.append(productText)
                document.separators.append(TextLayout.blankLine)
                document.markdown?.blocks.append(MarkdownBlockBuilder.paragraph(productText))
                document.hit("extract.product_description")
            } else if kept.isEmpty, let description = document.metadata.description, ByteText.wordCount(description.utf8) >= Self.minDescriptionWords {
                // A page with no body text of its own (built by script): its description is all it says.
                document.paragraphs = [Array(description.utf8)]
                document.markdown?.blocks = [MarkdownBlockBuilder.paragraph(document.paragraphs[0])]
                document.hit("extract.description_fallback")
            }
            for decision in decisions where !decision.kept { document.hit("extract.block.\(decision.signal)") }
            document.tree = nil  // the tree is the largest thing a worker holds; free it early
        } else {
            let (header, paragraphs) = textDump.extractWithHeader(document.lines)
            document.metadata.title = header.title
            document.metadata.authors = header.authors
            document.metadata.published = header.published
            document.paragraphs = paragraphs
            document.lines = []
        }
        document.utf8 = []
        decideLanguage(&document)
        return .keep
    }

    /// The page's markup says what its template claims; CLD2 says what the text is. A reliable
    /// detection wins when they disagree; when they agree the markup's more specific tag (en-GB) stays.
    func decideLanguage(_ document: inout WorkingDocument) {
        var text: [UInt8] = []
        for paragraph in document.paragraphs where text.count < LanguageDetector.sampleBytes {
            text.append(contentsOf: paragraph)
            text.append(0x0A)
        }
        let markup = document.metadata.language
        guard let guess = languages.detect(text) else { return }
        let confidence = Double(guess.percent) / 100
        if let markup {
            let primary = markup.split(separator: "-").first.map { $0.lowercased() } ?? ""
            if primary == guess.code.split(separator: "-").first.map({ $0.lowercased() }) {
                document.metadata.languageConfidence = confidence
            } else if guess.reliable {
                document.metadata.language = guess.code
                document.metadata.languageConfidence = confidence
            }
        } else {
            document.metadata.language = guess.code
            document.metadata.languageConfidence = guess.reliable ? confidence : confidence / 2
        }
    }

    /// The blocks of one page and their feature rows (`BlockFeatures`), for `winnow features`.
    public func featureRows(_ tree: DocumentTree) -> (blocks: [Block], rows: [Double]) {
        let (blocks, counts) = segmenter.segmentCounting(tree)
        return (blocks, mainContent.featureRows(blocks, tree: tree, textCounts: counts))
    }

    /// The lines of one text input the line model decides and their rows (`LineFeatures`), for `winnow features`.
    public func textFeatureRows(_ lines: [[UInt8]]) -> (lines: [[UInt8]], rows: [Double]) {
        textDump.featureRows(lines)
    }

    /// Per-block decisions for one page, for `winnow inspect`-style tooling and tests.
    public func explain(_ tree: DocumentTree) -> MainContentExtractor.Explanation {
        let (blocks, counts) = segmenter.segmentCounting(tree)
        return mainContent.explain(blocks, tree: tree, textCounts: counts)
    }
}

