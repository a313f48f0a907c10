import Foundation

/// `winnow rules diff OLD.yml NEW.yml INPUT...`: runs both rule sets over the same inputs (the same
/// pipeline as `winnow run`, in parallel through the Scheduler) and says what the change does before a
/// corpus is reprocessed: documents whose text changes, documents that become rejects or records,
/// per-rule hit counts old vs new, and sample lines that disappear or come back.
public struct RulesDiff: Sendable {
    public struct Sample: Sendable {
        public var source: String
        /// changed, dropped (record → reject), added (reject → record) or rules-only (same final text,
        /// different lines removed by the line rules).
        public var kind: String
        public var oldReject: String?
        public var newReject: String?
        /// Lines (paragraph lines) only in the old / only in the new text.
        public var removed: [String]
        public var appeared: [String]
        /// Text inputs: lines the old line rules removed that the new ones keep (`ruleKept`), and the
        /// reverse (`ruleRemoved`), before extraction; `stillDropped` are those of `ruleKept` that the
        /// text extraction leaves out anyway.
        public var ruleKept: [String] = []
        public var ruleRemoved: [String] = []
        public var stillDropped: Set<String> = []
    }

    public struct Result: Sendable {
        public var oldVersion: String
        public var newVersion: String
        public var documents = 0
        public var unchanged = 0
        public var changed = 0
        public var dropped = 0
        public var added = 0
        /// Documents whose final text is the same but whose lines the rules remove differ.
        public var rulesOnly = 0
        /// Documents that become rejects, by their new reason (filters: `filter.<name>.<check>`), and
        /// documents that become records, by the reason they were rejected for.
        public var droppedByReason: [String: Int] = [:]
        public var addedByReason: [String: Int] = [:]
        public var oldHits: [String: Int] = [:]
        public var newHits: [String: Int] = [:]
        public var samples: [Sample] = []
    }

    let old: Pipeline
    let new: Pipeline
    let oldVersion: String
    let newVersion: String
    let workers: Int
    let maxDocumentBytes: Int

    public init(old: LoadedConfig, new: LoadedConfig, workers: Int) {
        self.old = Pipeline(config: old, added: "")
        self.new = Pipeline(config: new, added: "")
        oldVersion = old.hash
        newVersion = new.hash
        self.workers = workers
        maxDocumentBytes = max(old.config.limits.maxDocumentBytes, new.config.limits.maxDocumentBytes)
    }

    public func run(entries: [InputEntry], jsonl: JSONLOptions = JSONLOptions(), samples: Int = 5) -> Result {
        HTMLParser.initializeLibrary()
        let source = ContainerSource(entries: entries, settings: .init(maxDocumentBytes: maxDocumentBytes, jsonl: jsonl))
        let reader = UncheckedBox(source as DocumentSource)
        let found = Locked<[Int: Sample]>([:])
        let totals = Locked(Result(oldVersion: oldVersion, newVersion: newVersion))
        let old = self.old, new = self.new
        _ = Scheduler(workers: workers).run(
            next: { reader.value.next() },
            shouldStop: { false },
            work: { item, sequence in
                let sample = RulesDiff.compare(item, old: old, new: new, totals: totals)
                if let sample { found.withLock { $0[sequence] = sample } }
                return DocumentResult(sequence: sequence, source: item.source, outcome: .record([]), bytesIn: 0, stageSeconds: [], ruleHits: [:])
            },
            consume: { _ in })
        var result = totals.withLock { $0 }
        let all = found.withLock { $0 }
        // Samples in input order, documents that change the most lines first among the first ones.
        result.samples = all.keys.sorted().compactMap { all[$0] }.prefix(max(0, samples)).map { $0 }
        return result
    }

    static func compare(_ item: InputItem, old: Pipeline, new: Pipeline, totals: Locked<Result>) -> Sample? {
        guard item.preRejected == nil else {
            totals.withLock { $0.documents += 1; $0.unchanged += 1 }
            return nil
        }
        let before = run(old, item), after = run(new, item)
        let oldText = before.drop == nil ? shown(before.document) : nil
        let newText = after.drop == nil ? shown(after.document) : nil
        var kind: String?
        switch (oldText, newText) {
        case (let a?, let b?): if a != b { kind = "changed" }
        case (.some, nil): kind = "dropped"
        case (nil, .some): kind = "added"
        case (nil, nil): if before.drop?.reason != after.drop?.reason { kind = "changed" }
        }
        let (ruleKept, ruleRemoved) = lineDiff(after.cleanedLines, before.cleanedLines)
        if kind == nil && (!ruleKept.isEmpty || !ruleRemoved.isEmpty) { kind = "rules-only" }
        totals.withLock { totals in
            totals.documents += 1
            for (rule, n) in before.document.ruleHits { totals.oldHits[rule, default: 0] += n }
            for (rule, n) in after.document.ruleHits { totals.newHits[rule, default: 0] += n }
            switch kind {
            case "changed": totals.changed += 1
            case "dropped": totals.dropped += 1; totals.droppedByReason[after.drop?.reason ?? "?", default: 0] += 1
            case "added": totals.added += 1; totals.addedByReason[before.drop?.reason ?? "?", default: 0] += 1
            case "rules-only": totals.rulesOnly += 1
            default: totals.unchanged += 1
            }
        }
        guard let kind else { return nil }
        let (removed, appeared) = lineDiff(oldText ?? [], newText ?? [])
        let finalLines = Set(lineDiff([], newText ?? []).1)
        return Sample(source: item.source, kind: kind,
                      oldReject: before.drop.map { "\($0.stage): \($0.reason)" }, newReject: after.drop.map { "\($0.stage): \($0.reason)" },
                      removed: removed, appeared: appeared, ruleKept: ruleKept, ruleRemoved: ruleRemoved,
                      stillDropped: Set(ruleKept.filter { !finalLines.contains(String(decoding: ByteText.normalizeWhitespace(Array($0.utf8)), as: UTF8.self)) && !finalLines.contains($0) }))
    }

    /// What a diff compares: the paragraphs, or the Markdown as written (its lines are the diff's lines).
    static func shown(_ document: WorkingDocument) -> [[UInt8]] {
        document.markdown == nil ? document.paragraphs : [document.text]
    }

    /// The pipeline's stages on one document, keeping a text input's lines as the clean stage leaves them.
    static func run(_ pipeline: Pipeline, _ item: InputItem)
        -> (document: WorkingDocument, drop: StageChain.Drop?, cleanedLines: [[UInt8]]) {
        var document = WorkingDocument(input: item)
        var cleaned = CleanedLines()
        let drop = pipeline.chain.run(&document, observer: &cleaned)
        return (document, drop, cleaned.lines)
    }

    /// A text input's lines right after the clean stage (what the line rules left).
    struct CleanedLines: StageObserver {
        var lines: [[UInt8]] = []
        mutating func didRun(_ stage: any Stage, at index: Int, _ document: WorkingDocument, _ outcome: StageOutcome) {
            if stage is CleanStage && outcome == .keep && document.contentType == .text { lines = document.lines }
        }
    }

    /// Lines of the paragraphs only in `a` and only in `b` (as multisets), each in its text order.
    static func lineDiff(_ a: [[UInt8]], _ b: [[UInt8]]) -> ([String], [String]) {
        func lines(_ paragraphs: [[UInt8]]) -> [String] {
            paragraphs.flatMap { $0.split(separator: 0x0A, omittingEmptySubsequences: true).map { String(decoding: $0, as: UTF8.self) } }
        }
        let old = lines(a), new = lines(b)
        var counts: [String: Int] = [:]
        for line in new { counts[line, default: 0] += 1 }
        var removed: [String] = []
        for line in old {
            if let n = counts[line], n > 0 { counts[line] = n - 1 } else { removed.append(line) }
        }
        var oldCounts: [String: Int] = [:]
        for line in old { oldCounts[line, default: 0] += 1 }
        var appeared: [String] = []
        for line in new {
            if let n = oldCounts[line], n > 0 { oldCounts[line] = n - 1 } else { appeared.append(line) }
        }
        return (removed, appeared)
    }
}

extension RulesDiff.Result {
    /// Rules whose hit count differs, largest change first.
    public var changedRules: [(rule: String, old: Int, new: Int)] {
        Set(oldHits.keys).union(newHits.keys)
            .map { (rule: $0, old: oldHits[$0] ?? 0, new: newHits[$0] ?? 0) }
            .filter { $0.old != $0.new }
            .sorted { abs($0.new - $0.old) != abs($1.new - $1.old) ? abs($0.new - $0.old) > abs($1.new - $1.old) : $0.rule < $1.rule }
    }

    public func text(width: Int = 160) -> String {
        func clip(_ s: String) -> String { s.count > width ? String(s.prefix(width)) + "…" : s }
        var lines: [String] = []
        lines.append("rules diff: rules_version \(oldVersion) → \(newVersion) over \(documents) document(s)")
        lines.append("  text changed: \(changed)   dropped (record → reject): \(dropped)   added (reject → record): \(added)   unchanged: \(unchanged + rulesOnly)"
                     + (rulesOnly > 0 ? " (of which \(rulesOnly) with other lines removed by the rules, but the same final text)" : ""))
        func byReason(_ counts: [String: Int]) -> String {
            counts.sorted { $0.value != $1.value ? $0.value > $1.value : $0.key < $1.key }.map { "\($0.key) \($0.value)" }.joined(separator: ", ")
        }
        if !droppedByReason.isEmpty { lines.append("  newly dropped, by reason: " + byReason(droppedByReason)) }
        if !addedByReason.isEmpty { lines.append("  newly kept, by the reason they were dropped for: " + byReason(addedByReason)) }
        let rules = changedRules
        if rules.isEmpty {
            lines.append("rule hits: no rule's count changes")
        } else {
            lines.append("rule hits (old → new):")
            for rule in rules { lines.append("  \(rule.rule)  \(rule.old) → \(rule.new)  (\(rule.new - rule.old > 0 ? "+" : "")\(rule.new - rule.old))") }
        }
        if !samples.isEmpty { lines.append("samples:") }
        for sample in samples {
            var head = "  \(sample.source): \(sample.kind)"
            if sample.kind == "dropped", let reason = sample.newReject { head += " (now \(reason))" }
            if sample.kind == "added", let reason = sample.oldReject { head += " (was \(reason))" }
            lines.append(head + (sample.kind == "rules-only" ? ": final text unchanged" : ", \(sample.removed.count) line(s) gone, \(sample.appeared.count) back/new"))
            for line in sample.removed.prefix(5) { lines.append("    - " + clip(line)) }
            if sample.removed.count > 5 { lines.append("    - … \(sample.removed.count - 5) more") }
            for line in sample.appeared.prefix(5) { lines.append("    + " + clip(line)) }
            if sample.appeared.count > 5 { lines.append("    + … \(sample.appeared.count - 5) more") }
            if !sample.ruleKept.isEmpty || !sample.ruleRemoved.isEmpty {
                lines.append("    lines the rules remove, before extraction: \(sample.ruleRemoved.count) newly removed, \(sample.ruleKept.count) back")
                for line in sample.ruleRemoved.prefix(5) { lines.append("      - " + clip(line)) }
                for line in sample.ruleKept.prefix(5) {
                    lines.append("      + " + clip(line) + (sample.stillDropped.contains(line) ? "   (text extraction still leaves it out)" : ""))
                }
            }
        }
        return lines.joined(separator: "\n") + "\n"
    }

    public func json() -> [UInt8] {
        var json = JSONBuffer()
        json.beginObject()
        json.key("old_rules_version"); json.string(oldVersion)
        json.key("new_rules_version"); json.string(newVersion)
        json.key("documents"); json.int(documents)
        json.key("unchanged"); json.int(unchanged)
        json.key("text_changed"); json.int(changed)
        json.key("dropped"); json.int(dropped)
        json.key("added"); json.int(added)
        json.key("rules_only"); json.int(rulesOnly)
        for (key, counts) in [("dropped_by_reason", droppedByReason), ("added_by_reason", addedByReason)] {
            json.key(key)
            json.beginObject()
            for reason in counts.keys.sorted() { json.key(reason); json.int(counts[reason] ?? 0) }
            json.endObject()
        }
        json.key("rule_hits")
        json.beginObject()
        for rule in Set(oldHits.keys).union(newHits.keys).sorted() {
            json.key(rule)
            json.beginObject()
            json.key("old"); json.int(oldHits[rule] ?? 0)
            json.key("new"); json.int(newHits[rule] ?? 0)
            json.endObject()
        }
        json.endObject()
        json.key("samples")
        json.beginArray()
        for sample in samples {
            json.beginObject()
            json.key("source"); json.string(sample.source)
            json.key("kind"); json.string(sample.kind)
            json.key("old_reject"); json.optionalString(sample.oldReject)
            json.key("new_reject"); json.optionalString(sample.newReject)
            json.key("removed"); json.stringArray(sample.removed)
            json.key("appeared"); json.stringArray(sample.appeared)
            json.key("rule_removed"); json.stringArray(sample.ruleRemoved)
            json.key("rule_kept"); json.stringArray(sample.ruleKept)
            json.key("rule_kept_still_dropped"); json.stringArray(sample.ruleKept.filter { sample.stillDropped.contains($0) })
            json.endObject()
        }
        json.endArray()
        json.endObject()
        json.newline()
        return json.bytes
    }
}
