/// Tells body text from page chrome in a plain-text dump of a whole page (menus, teasers, footers as
/// an HTML-to-text renderer leaves them), line by line. Two stages:
///
/// 1. jusText-style classes: units are the dump's lines, except that a hard-wrapped paragraph (a run of
///    similar-length lines) or a run without prose is one unit; each unit is classed by length and
///    sentence punctuation: `good` (prose), `nearGood` (a sentence), `short`, `bad` (a line in a run of
///    short lines, or text that occurs twice on the page); `short` and `nearGood` units take the class
///    of their surroundings; kept units form clusters separated by chrome, and the largest cluster with
///    any other holding half as much text is kept.
/// 2. The line model (`LineModel`, a tree ensemble trained on reviewed dumps of every page type by
///    `Scripts/train-line-model.py`) reads those classes together with each line's own figures, its
///    neighbours, the run of short lines or list items it sits in, how often it repeats on the page and
///    the page's figures (`LineFeatures`), and decides every line: so list items, replies of a thread and
///    the text of cards are kept where they belong to the page's content, and menus and footers are not.
///
/// Dumps of fewer than `minWordsForModel` words are kept whole (an already clean note, a short list).
/// Without a model, or when the model keeps nothing, the jusText stage decides.
public struct TextParagraphClassifier: Sendable {
    public enum Class: String, Sendable { case good, nearGood, short, bad }

    struct Unit {
        var text: [UInt8]
        var run: Int
        var chars: Int
        var lines: Int
        /// Index of the unit's first line in `Analysis.lines`.
        var firstLine: Int
        var classification: Class = .short
    }

    /// A dump seen line by line: each line's run (paragraph) and what the jusText stage said of the unit
    /// holding it.
    struct Analysis {
        var lines: [[UInt8]] = []
        var run: [Int] = []
        var initial: [Class] = []
        var contextual: [Class] = []
        var kept: [Bool] = []
        /// Lines in the jusText unit holding the line.
        var unitLines: [Int] = []
    }

    let model: TreeEnsemble?
    /// Lines at or above this probability are kept.
    let threshold: Double

    /// Words from which the model decides; shorter dumps are kept whole.
    static let minWordsForModel = 50

    /// The model compiled into Winnow (`LineModel.text`); nil only if that text does not parse or was
    /// trained on other features, which a unit test rules out.
    static let builtInModel: TreeEnsemble? = {
        guard let model = try? TreeEnsemble(text: LineModel.text), model.featureCount == LineFeatures.count else { return nil }
        return model
    }()

    public init() {
        self.init(model: Self.builtInModel)
    }

    /// `model`: nil for the jusText stage alone.
    init(model: TreeEnsemble?) {
        self.model = model
        self.threshold = model?.threshold ?? 0.5
    }

    /// `runs`: the dump's paragraphs (runs of non-empty lines, lines joined by "\n"). Returns the kept
    /// text regrouped into paragraphs, or nil when the dump is to be kept whole (too short for the model,
    /// or, with the jusText stage alone, nothing reads like prose).
    public func clean(_ runs: [[UInt8]]) -> [[UInt8]]? {
        let analysis = analyse(runs)
        guard !analysis.lines.isEmpty else { return nil }
        if let model {
            let words = analysis.lines.reduce(0) { $0 + ByteText.wordCount($1) }
            guard words >= Self.minWordsForModel else { return nil }
            var keep = decide(analysis, model: model)
            if !keep.contains(true) { keep = analysis.kept }
            guard keep.contains(true) else { return nil }
            return regroup(analysis, keep)
        }
        guard analysis.kept.contains(true) else { return nil }
        return regroup(analysis, analysis.kept)
    }

    /// The model's probability for every line of `analysis`.
    func probabilities(_ analysis: Analysis, model: TreeEnsemble) -> [Double] {
        let rows = LineFeatures.rows(analysis)
        let width = LineFeatures.count
        var probabilities = [Double](repeating: 0, count: analysis.lines.count)
        rows.withUnsafeBufferPointer { rows in
            for i in probabilities.indices {
                probabilities[i] = model.probability(UnsafeBufferPointer(rebasing: rows[i * width..<(i + 1) * width]))
            }
        }
        return probabilities
    }

    /// Lines at or above the threshold.
    func decide(_ analysis: Analysis, model: TreeEnsemble) -> [Bool] {
        probabilities(analysis, model: model).map { $0 >= threshold }
    }

    /// Kept lines as paragraphs: neighbouring kept lines of one run stay one paragraph.
    func regroup(_ analysis: Analysis, _ keep: [Bool]) -> [[UInt8]] {
        var paragraphs: [[UInt8]] = []
        var previous = -2
        for i in analysis.lines.indices where keep[i] {
            if previous == i - 1 && analysis.run[previous] == analysis.run[i], !paragraphs.isEmpty {
                paragraphs[paragraphs.count - 1].append(0x0A)
                paragraphs[paragraphs.count - 1].append(contentsOf: analysis.lines[i])
            } else {
                paragraphs.append(analysis.lines[i])
            }
            previous = i
        }
        return paragraphs
    }

    /// The jusText stage over `runs`, reported per line.
    func analyse(_ runs: [[UInt8]]) -> Analysis {
        var analysis = Analysis()
        for (r, run) in runs.enumerated() {
            for line in run.split(separator: 0x0A) {
                analysis.lines.append(Array(line))
                analysis.run.append(r)
            }
        }
        var units = makeUnits(runs)
        let count = analysis.lines.count
        analysis.initial = [Class](repeating: .bad, count: count)
        analysis.contextual = [Class](repeating: .bad, count: count)
        analysis.kept = [Bool](repeating: false, count: count)
        analysis.unitLines = [Int](repeating: 1, count: count)
        guard !units.isEmpty else { return analysis }
        classifyInitially(&units)
        let contextual = applyContext(units.map(\.classification))
        var kept = contextual.map { $0 == .good }
        keepMainClusters(units, &kept)
        for (u, unit) in units.enumerated() {
            for line in unit.firstLine..<min(unit.firstLine + unit.lines, count) {
                analysis.initial[line] = unit.classification
                analysis.contextual[line] = contextual[u]
                analysis.kept[line] = kept[u]
                analysis.unitLines[line] = unit.lines
            }
        }
        return analysis
    }

    func makeUnits(_ runs: [[UInt8]]) -> [Unit] {
        var units: [Unit] = []
        var firstLine = 0
        for (r, run) in runs.enumerated() {
            let lines = run.split(separator: 0x0A).map(Array.init)
            defer { firstLine += lines.count }
            // A run is one unit (a paragraph, a list, a wrapped paragraph) unless prose lines and other
            // lines are mixed in it, as when a renderer glued a menu, a byline and the article together.
            let prose = lines.contains { ByteText.weightedLength($0) >= 150 && SentenceEnd.endsSentence($0) }
            if lines.count < 3 || isWrappedParagraph(lines) || !prose {
                units.append(Unit(text: run, run: r, chars: ByteText.weightedLength(run), lines: lines.count, firstLine: firstLine))
            } else {
                for (k, line) in lines.enumerated() { units.append(Unit(text: line, run: r, chars: ByteText.weightedLength(line), lines: 1, firstLine: firstLine + k)) }
            }
        }
        return units
    }

    /// Hard-wrapped prose: three or more lines, all but the last between 50 and 100 characters.
    func isWrappedParagraph(_ lines: [[UInt8]]) -> Bool {
        guard lines.count >= 3 else { return false }
        return lines.dropLast().allSatisfy { (50...100).contains(ByteText.weightedLength($0)) } && !lines.dropLast().allSatisfy(SentenceEnd.endsSentence)
    }

    func classifyInitially(_ units: inout [Unit]) {
        for i in units.indices {
            let unit = units[i]
            let sentence = SentenceEnd.endsSentence(unit.text)
            let words = ByteText.wordCount(unit.text)
            // A list or menu kept as one unit: several lines, each short.
            if unit.lines >= 3 && unit.chars / unit.lines < 40 { units[i].classification = .bad }
            else if unit.chars >= 150 && (sentence || words >= 30) { units[i].classification = .good }
            else if unit.chars >= 50 && sentence { units[i].classification = .nearGood }
            else if unit.chars < 50 { units[i].classification = .short }
            else { units[i].classification = .bad }
        }
        // Text that occurs twice or more on a page is page furniture (a repeated notice, a menu shown
        // for desktop and mobile), not article prose.
        var seen: [[UInt8]: Int] = [:]
        for unit in units where unit.chars >= 30 { seen[unit.text, default: 0] += 1 }
        for i in units.indices where units[i].chars >= 30 && (seen[units[i].text] ?? 0) > 1 { units[i].classification = .bad }
        // Runs of three or more short lines are menus and link lists.
        var start = 0
        while start < units.count {
            var end = start
            while end < units.count && units[end].classification == .short && units[end].chars < 50 { end += 1 }
            if end - start >= 3 { for k in start..<end { units[k].classification = .bad } }
            start = max(end, start + 1)
        }
    }

    /// jusText's context rules, simplified: a `short` unit is kept only between good text on both
    /// sides; a `nearGood` unit is kept when good text is on at least one side.
    func applyContext(_ classes: [Class]) -> [Class] {
        var result = classes
        for i in classes.indices where classes[i] == .short || classes[i] == .nearGood {
            let before = neighbour(classes, from: i, step: -1)
            let after = neighbour(classes, from: i, step: 1)
            switch (before, after) {
            case (.good?, .good?): result[i] = .good
            case (.good?, _), (_, .good?): result[i] = classes[i] == .nearGood ? .good : .bad
            default: result[i] = .bad
            }
        }
        return result
    }

    /// The nearest `good` or `bad` unit in one direction (short ones are skipped, near-good ones count
    /// as good), or nil at the edge.
    private func neighbour(_ classes: [Class], from index: Int, step: Int) -> Class? {
        var i = index + step
        while i >= 0 && i < classes.count {
            switch classes[i] {
            case .good, .bad: return classes[i]
            case .nearGood: return .good
            case .short: i += step
            }
        }
        return nil
    }

    /// Groups kept units into clusters split by dropped chrome (3+ paragraphs or 12+ lines); keeps the biggest
    /// cluster and any other holding at least half its text.
    func keepMainClusters(_ units: [Unit], _ kept: inout [Bool]) {
        var clusters: [(indices: [Int], chars: Int)] = []
        var current: [Int] = []
        var currentChars = 0
        var gapLines = 0
        var gapRuns = Set<Int>()
        for i in units.indices {
            if kept[i] {
                if !current.isEmpty && (gapRuns.count >= 3 || gapLines >= 12) {
                    clusters.append((current, currentChars))
                    current = []
                    currentChars = 0
                }
                current.append(i)
                currentChars += units[i].chars
                gapLines = 0
                gapRuns = []
            } else {
                gapLines += units[i].lines
                gapRuns.insert(units[i].run)
            }
        }
        if !current.isEmpty { clusters.append((current, currentChars)) }
        guard let best = clusters.map(\.chars).max() else { return }
        for cluster in clusters where cluster.chars * 2 < best {
            for i in cluster.indices { kept[i] = false }
        }
    }
}
