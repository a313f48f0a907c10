import Foundation

/// `winnow inspect`: runs one input through the stages and explains the outcome block by block, so a
/// person can see which rule or signal kept or dropped each piece of text.
public struct PageInspector: Sendable {
    let pipeline: Pipeline
    let config: LoadedConfig

    public init(config: LoadedConfig) {
        self.config = config
        pipeline = Pipeline(config: config, added: "1970-01-01T00:00:00Z")
    }

    /// `dedupOutput`: a Winnow output whose dedup index says whether the page is a copy (and of what).
    public func inspect(path: String, width: Int = 100, outline: Bool = false, dedupOutput: String? = nil) -> String {
        guard let (kind, gzipped) = InputItem.classify(path) else { return "not an input Winnow reads: \(path)\n" }
        var info = stat()
        let size = stat(path, &info) == 0 ? Int(info.st_size) : 0
        let input = InputItem(path: path, source: path, kind: kind, gzipped: gzipped, size: size)
        var document = WorkingDocument(input: input)
        var explainer = StageExplainer(width: width, outline: outline)
        let drop = pipeline.chain.run(&document, observer: &explainer)
        var out = explainer.lines
        if let drop {
            out.append("REJECTED at \(drop.stage): \(drop.reason) (\(drop.detail))")
            return out.joined(separator: "\n") + "\n"
        }
        out.insert("content type \(document.contentType.rawValue), encoding \(document.encoding) (\(document.encodingMethod))", at: 0)
        let meta = document.metadata
        out.append("title: \(meta.title ?? "-")")
        out.append("author: \(meta.authors.joined(separator: "; "))  created: \(meta.published ?? "-")  language: \(meta.language ?? "-")  url: \(meta.url ?? "-")  page type: \(meta.pageType ?? "-")")
        if !document.ruleHits.isEmpty {
            out.append("rule hits: " + document.ruleHits.sorted(by: { $0.key < $1.key }).map { "\($0.key)=\($0.value)" }.joined(separator: " "))
        }
        out.append("text: \(document.paragraphs.count) paragraphs")
        for paragraph in document.paragraphs { out.append("  | " + String(decoding: paragraph, as: UTF8.self)) }
        if document.markdown != nil {
            out.append("markdown:")
            for line in document.text.split(separator: 0x0A, omittingEmptySubsequences: false) { out.append("  | " + String(decoding: line, as: UTF8.self)) }
        }
        if let dedupOutput {
            out.append(contentsOf: DedupInspection.lines(text: document.text, source: input.source, output: dedupOutput, settings: config.config.dedup))
        }
        return out.joined(separator: "\n") + "\n"
    }
}

/// What `inspect` says while the stages run: before extraction the tree (outline, what cleaning
/// removed, each block's decision), and before the filters every filter's measured values.
struct StageExplainer: StageObserver {
    let width: Int
    let outline: Bool
    var lines: [String] = []

    mutating func willRun(_ stage: any Stage, at index: Int, _ document: WorkingDocument) {
        if let extract = stage as? ExtractStage, let tree = document.tree { explain(extract, tree) }
        if let filters = stage as? FilterStage, !filters.chain.isEmpty { lines += Self.filterLines(filters, document) }
    }

    mutating func explain(_ extract: ExtractStage, _ tree: DocumentTree) {
        if outline {
            lines.append("tree outline (depth, element, kept text bytes below):")
            lines.append(contentsOf: TreeOutline.lines(tree))
        }
        lines.append("removed by cleaning:")
        var counts: [String: Int] = [:]
        for node in tree.nodes where node.removedBy >= 0 { counts[tree.removalReasons[Int(node.removedBy)], default: 0] += 1 }
        for (reason, count) in counts.sorted(by: { $0.key < $1.key }) { lines.append("  \(reason): \(count) element(s) and their subtrees") }
        let explanation = extract.explain(tree)
        lines.append("main content: \(explanation.container)")
        lines.append("blocks (kept? signal score chars link-density: text):")
        for decision in explanation.decisions {
            let text = String(decoding: decision.block.text, as: UTF8.self)
            let preview = text.count > width ? String(text.prefix(width)) + "…" : text
            let density = Int((decision.block.linkDensity * 100).rounded())
            let score = String(format: "%4.1f", decision.score)
            lines.append("  \(decision.kept ? "KEEP" : "drop") \(decision.signal.padding(toLength: 10, withPad: " ", startingAt: 0)) \(score) \(decision.block.chars)c \(density)%: \(preview)")
        }
    }

    /// Every filter's every measured value for the document as the filter stage receives it.
    static func filterLines(_ stage: FilterStage, _ document: WorkingDocument) -> [String] {
        var prepared = document
        guard stage.prepare(&prepared) == nil else { return [] }
        var filtered = stage.filterDocument(prepared)
        var lines = ["filters (measured, threshold, FAIL when it drops):"]
        for result in stage.chain.measure(&filtered) {
            let values = result.checks.measured.map { m in
                "\(m.check)=\(m.value.isFinite ? String(format: "%.4g", m.value) : "-") (\(m.rule) \(String(format: "%.4g", m.threshold)) drops)\(m.failed ? " FAIL" : "")"
            }
            lines.append("  \(result.filter): " + values.joined(separator: ", "))
        }
        return lines
    }
}


/// An indented outline of a tree's elements, for debugging extraction by eye.
enum TreeOutline {
    static func lines(_ tree: DocumentTree, maxLines: Int = 2000) -> [String] {
        var lines: [String] = []
        var depth: [Int32: Int] = [DocumentTree.root: -1]
        tree.forEachDescendant(of: DocumentTree.root, includeRemoved: true) { node in
            let n = tree.nodes[Int(node)]
            let level = (depth[n.parent] ?? 0) + 1
            depth[node] = level
            guard n.tag != .text, lines.count < maxLines else { return }
            var label = tree.tagName(n.tag)
            if let id = tree.attributeString(AttributeNames.id, of: node) { label += "#" + id }
            if let cls = tree.attributeString(AttributeNames.class, of: node) { label += "." + cls.split(separator: " ").joined(separator: ".") }
            let removed = n.removedBy >= 0 ? " [removed: \(tree.removalReasons[Int(n.removedBy)])]" : ""
            lines.append(String(repeating: "  ", count: min(level, 40)) + label + " (\(tree.textContent(of: node).count))" + removed)
        }
        return lines
    }
}
