import Foundation

/// The config's line rules, compiled: exact phrases in a set, regexes anchored to the whole line.
/// `firstMatch` answers which rule (if any) drops a line; lines are whitespace-normalised bytes.
public struct LineRuleSet: Sendable {
    public struct Rule: Sendable {
        /// Reason code, `rule.line.<name>`.
        public let reason: String
        public let dropFollowing: Int
        public let dropRest: Bool
        let exact: Set<[UInt8]>
        /// Longest exact phrase in bytes: longer lines cannot match, so they are not hashed.
        let longestExact: Int
        /// The `contains` phrases, found in one pass per set of up to 64.
        let contains: [NeedleSet]
        let caseInsensitive: Bool
        let regex: SendableRegex?
        /// A literal every regex match contains (case-folded when the rule ignores case), if one is known.
        let regexLiteral: [UInt8]?
        /// The bytes a regex match can start with (see `RegexFirstBytes`), if known.
        let regexFirstBytes: [Bool]?
        let maxChars: Int?
    }

    public let rules: [Rule]

    init(_ specs: [LineRuleSpec], file: String) throws {
        rules = try specs.enumerated().map { index, spec in
            var regex: SendableRegex?
            if let pattern = spec.regex {
                do {
                    let options: NSRegularExpression.Options = spec.caseInsensitive ? [.caseInsensitive] : []
                    regex = SendableRegex(try NSRegularExpression(pattern: "^(?:\(pattern))$", options: options))
                } catch {
                    throw ConfigError(file: file, key: "lines[\(index)].regex", problem: "rule '\(spec.name)': invalid regular expression '\(pattern)'")
                }
            }
            let exact = Set(spec.exact.map { phrase -> [UInt8] in
                let normalized = ByteText.normalizeWhitespace(Array(phrase.utf8))
                return spec.caseInsensitive ? LineRuleSet.fold(normalized) : normalized
            })
            var contains: [NeedleSet] = []
            for phrase in spec.contains {
                let normalized = ByteText.normalizeWhitespace(Array(phrase.utf8))
                let needle = spec.caseInsensitive ? LineRuleSet.fold(normalized) : normalized
                if needle.isEmpty { continue }
                if let last = contains.indices.last, contains[last].bit(for: needle) != nil { continue }
                var set = NeedleSet()  // the last set is full (64 phrases)
                _ = set.bit(for: needle)
                contains.append(set)
            }
            return Rule(reason: "rule.line." + spec.name, dropFollowing: spec.dropFollowing, dropRest: spec.dropRest, exact: exact,
                        longestExact: exact.map(\.count).max() ?? 0, contains: contains,
                        caseInsensitive: spec.caseInsensitive, regex: regex,
                        regexLiteral: spec.regex.flatMap(RegexLiteral.required).map { spec.caseInsensitive ? LineRuleSet.fold($0) : $0 },
                        regexFirstBytes: spec.regex.flatMap { RegexFirstBytes.of($0, caseInsensitive: spec.caseInsensitive) },
                        maxChars: spec.maxChars)
        }
    }

    /// Index of the first rule that matches `line` (whitespace-normalised UTF-8), or nil. A regex
    /// still running when thread CPU time passes `deadline` gives up (no match): the pipeline then
    /// rejects the document as `budget.time`.
    public func firstMatch(_ line: [UInt8], deadline: Double = .infinity) -> Int? {
        guard !rules.isEmpty else { return nil }
        // Computed when a rule first needs them: most lines are long paragraphs that only the
        // `contains` rules (which fold case as they scan) look at.
        var folded: [UInt8]?
        var characters: Int?
        var string: String?
        return line.withUnsafeBufferPointer { bytes -> Int? in
            func lineFolded() -> [UInt8] {
                if let folded { return folded }
                let made = LineRuleSet.fold(line)
                folded = made
                return made
            }
            // By index: iterating the rules would copy each one (and retain its arrays) per line.
            for index in rules.indices {
                if let maxChars = rules[index].maxChars, line.count > maxChars {
                    // More bytes than the limit: count characters (multi-byte ones count once).
                    if characters == nil { characters = ByteText.scalarCount(line) }
                    if let characters, characters > maxChars { continue }
                }
                let caseInsensitive = rules[index].caseInsensitive
                if !rules[index].exact.isEmpty && line.count <= rules[index].longestExact {
                    if rules[index].exact.contains(caseInsensitive ? lineFolded() : line) { return index }
                }
                if !rules[index].contains.isEmpty, rules[index].contains.contains(where: { $0.scan(bytes, foldCase: caseInsensitive) != 0 }) {
                    return index
                }
                if let regex = rules[index].regex {
                    if let first = rules[index].regexFirstBytes, let byte = line.first, !first[Int(byte)] { continue }
                    if let literal = rules[index].regexLiteral {
                        let haystack = caseInsensitive ? lineFolded() : line
                        let present = haystack.withUnsafeBufferPointer { h in literal.withUnsafeBufferPointer { ByteSearch.contains(h, $0) } }
                        if !present { continue }
                    }
                    if string == nil { string = String(decoding: line, as: UTF8.self) }
                    if let string, regex.matchesWhole(string, deadline: deadline) { return index }
                }
            }
            return nil
        }
    }

    /// ASCII case folding; enough for boilerplate phrases, which are matched exactly otherwise.
    static func fold(_ bytes: [UInt8]) -> [UInt8] { bytes.map(ByteText.lower) }
}

/// NSRegularExpression is immutable once built and documented as safe to share between threads.
struct SendableRegex: @unchecked Sendable {
    let regex: NSRegularExpression
    init(_ regex: NSRegularExpression) { self.regex = regex }

    func matchesWhole(_ string: String, deadline: Double = .infinity) -> Bool {
        let range = NSRange(string.startIndex..<string.endIndex, in: string)
        guard deadline.isFinite else { return regex.firstMatch(in: string, options: [], range: range) != nil }
        // ICU calls back now and then during a long match (.reportProgress): a catastrophic pattern
        // (`(\w+\s?)+:` on a long line of words) is stopped at the document's budget.
        var matched = false
        regex.enumerateMatches(in: string, options: [.reportProgress], range: range) { result, _, stop in
            if result != nil {
                matched = true
                stop.pointee = true
            } else if CPUClock.thread() > deadline {
                stop.pointee = true
            }
        }
        return matched
    }
}
