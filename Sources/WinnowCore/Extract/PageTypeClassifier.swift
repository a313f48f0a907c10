/// The kind of page (article, forum, product, collection, listing, documentation, service), from
/// `PageTypeFeatures`: one tree ensemble per kind, trained one-against-the-rest on the shared dev sets
/// (`Scripts/train-block-model.py`); the kind with the highest score wins. Reported as
/// `metadata.page_type`.
public struct PageTypeClassifier: Sendable {
    let models: [(name: String, model: TreeEnsemble)]

    /// `text`: sections that each start with a line `model NAME`, then one `TreeEnsemble` text.
    public init(text: String) throws {
        var models: [(String, TreeEnsemble)] = []
        var name: String?
        var body: [Substring] = []
        func flush() throws {
            if let name { models.append((name, try TreeEnsemble(lines: body))) }
            body = []
        }
        for line in TreeEnsemble.lines(text) {
            if line.hasPrefix("model ") {
                try flush()
                name = String(line.dropFirst(6))
            } else {
                body.append(line)
            }
        }
        try flush()
        guard !models.isEmpty, models.allSatisfy({ $0.1.featureCount == PageTypeFeatures.count }) else {
            throw TreeEnsemble.FormatError(line: 0, message: "no page-type models for \(PageTypeFeatures.count) features")
        }
        self.models = models
    }

    public static let builtIn: PageTypeClassifier? = try? PageTypeClassifier(text: PageTypeModel.text)

    func classify(_ row: [Double]) -> String? {
        row.withUnsafeBufferPointer { row in
            models.max { $0.model.logit(row) < $1.model.logit(row) }?.name
        }
    }
}
