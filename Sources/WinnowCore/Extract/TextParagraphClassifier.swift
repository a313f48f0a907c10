/// Tells body text from page chrome in a plain-text dump of a whole page (menus, teasers, footers as
/// an HTML-to-text renderer leaves them), jusText-style, on lines:
/// 1. units are the dump's lines, except that a hard-wrapped paragraph (a run of similar-length lines)
///    is one unit; each unit is classed by length and sentence punctuation: `good` (prose), `nearGood`
///    (a sentence), `short`, `bad` (a line in a run of short lines: menus, link lists; or text that
///    occurs twice on the page);
/// 2. context: `short` and `nearGood` units take the class of their surroundings;
/// 3. kept units form clusters separated by chrome; the largest cluster is the article, and other
///    clusters stay only when they hold at least half as much text.
public struct TextParagraphClassifier: Sendable {
    public enum Class: String, Sendable { case good, nearGood, short, bad }

    struct Unit {
        var text: [UInt8]
        var run: Int
        var chars: Int
        var lines: Int
        var classification: Class = .short
    }

    public init() {}

    /// `runs`: the dump's paragraphs (runs of non-empty lines, lines joined by "\n"). Returns the kept
    /// text regrouped into paragraphs, or nil when nothing reads like prose.
    public func clean(_ runs: [[UInt8]]) -> [[UInt8]]? {
        var units = makeUnits(runs)
        guard !units.isEmpty else { return nil }
        classifyInitially(&units)
        let contextual = applyContext(units.map(\.classification))
        var kept = contextual.map { $0 == .good }
        keepMainClusters(units, &kept)
        guard kept.contains(true) else { return nil }
        var paragraphs: [[UInt8]] = []
        var previous = -1
        for (i, unit) in units.enumerated() where kept[i] {
            if previous >= 0 && units[previous].run == unit.run && previous == i - 1 {
                paragraphs[paragraphs.count - 1].append(0x0A)
                paragraphs[paragraphs.count - 1].append(contentsOf: unit.text)
            } else {
                paragraphs.append(unit.text)
            }
            previous = i
        }
        return paragraphs
    }

    func makeUnits(_ runs: [[UInt8]]) -> [Unit] {
        var units: [Unit] = []
        for (r, run) in runs.enumerated() {
            let lines = run.split(separator: 0x0A).map(Array.init)
            // A run is one unit (a paragraph, a list, a wrapped paragraph) unless prose lines and other
            // lines are mixed in it, as when a renderer glued a menu, a byline and the article together.
            let prose = lines.contains { ByteText.weightedLength($0) >= 150 && SentenceEnd.endsSentence($0) }
            if lines.count < 3 || isWrappedParagraph(lines) || !prose {
                units.append(Unit(text: run, run: r, chars: ByteText.weightedLength(run), lines: lines.count))
            } else {
                for line in lines { units.append(Unit(text: line, run: r, chars: ByteText.weightedLength(line), lines: 1)) }
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
