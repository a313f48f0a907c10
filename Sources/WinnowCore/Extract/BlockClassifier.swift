/// The last word on each block: a tree ensemble trained on reviewed pages of every kind (articles,
/// forums, products, listings, docs, service pages; `Scripts/train-block-model.py`) reads
/// Readability's decision together with where the block sits and what surrounds it
/// (`BlockFeatures`), so content that no single container holds (the replies of a thread, the cards
/// of a listing, the sections of a service page) is kept, and chrome inside the container is not.
public struct BlockClassifier: Sendable {
    let model: TreeEnsemble
    /// Blocks at or above this probability are kept...
    let threshold: Double
    /// ...or this one on a page of this type (`metadata.page_type`): on listings, collections and
    /// service pages the model is less sure of each card or section than of an article's paragraphs.
    let pageTypeThresholds: [String: Double]

    public init(model: TreeEnsemble, threshold: Double, pageTypeThresholds: [String: Double] = [:]) {
        self.model = model
        self.threshold = threshold
        self.pageTypeThresholds = pageTypeThresholds
    }

    /// The model compiled into Winnow (`BlockModel.text`); nil only if that text does not parse,
    /// which a unit test rules out.
    public static let builtIn: BlockClassifier? = {
        guard let model = try? TreeEnsemble(text: BlockModel.text), model.featureCount == BlockFeatures.count else { return nil }
        return BlockClassifier(model: model, threshold: model.threshold, pageTypeThresholds: BlockModel.pageTypeThresholds)
    }()

    /// Words of visible text from which a page always gets some text: with nothing above the
    /// threshold and no Readability container, the most likely blocks are kept (signal "fallback").
    static let minWordsForFallback = 50

    /// `exactScores`: every decision's score is the block's probability (for `inspect`); otherwise
    /// the model stops walking trees once a block's answer is certain (`TreeEnsemble.reaches`), the
    /// same decisions for less work, and the scores are only 1 or 0.
    func decide(_ readability: MainContentExtractor.Explanation, rows: [Double], pageType: String? = nil,
                exactScores: Bool = true) -> MainContentExtractor.Explanation {
        let threshold = pageType.flatMap { pageTypeThresholds[$0] } ?? self.threshold
        var decisions = readability.decisions
        let width = BlockFeatures.count
        /// `score` of each block's row.
        func scores(_ score: (UnsafeBufferPointer<Double>) -> Double) -> [Double] {
            rows.withUnsafeBufferPointer { rows in
                decisions.indices.map { score(UnsafeBufferPointer(rebasing: rows[$0 * width..<($0 + 1) * width])) }
            }
        }
        var probabilities = exactScores ? scores(model.probability) : scores { model.reaches(threshold, $0) ? 1 : 0 }
        var kept = 0
        for i in decisions.indices {
            // The headline is the record's title, not body text (as in the reviewed texts).
            let keep = probabilities[i] >= threshold && decisions[i].block.kind != .heading1
            if keep != decisions[i].kept { decisions[i].signal = "model" }
            decisions[i].kept = keep
            decisions[i].score = probabilities[i]
            if keep { kept += 1 }
        }
        if kept == 0 && !exactScores {
            // The fallbacks below compare probabilities.
            probabilities = scores(model.probability)
            for i in decisions.indices { decisions[i].score = probabilities[i] }
        }
        var note = "block model kept \(kept) of \(decisions.count) at \(threshold)"
        if kept == 0 && readability.decisions.contains(where: \.kept) {
            // Nothing likely enough (a short page, an unusual one): Readability's choice stands.
            decisions = readability.decisions
            for i in decisions.indices where decisions[i].kept { decisions[i].signal = "fallback" }
            note = "no block above the threshold: Readability's blocks kept"
        } else if kept == 0, decisions.reduce(0, { $0 + ByteText.wordCount($1.block.text) }) >= Self.minWordsForFallback,
                  let best = probabilities.max() {
            // Nor did Readability find a container: keep the best-scoring blocks rather than lose the page.
            for i in decisions.indices where probabilities[i] >= best * 0.5 && decisions[i].block.linkDensity < 0.5 {
                decisions[i].kept = true
                decisions[i].signal = "fallback"
            }
            note = "no block above the threshold: the best-scoring blocks kept"
        }
        return MainContentExtractor.Explanation(decisions: decisions, container: readability.container + "; " + note)
    }
}
