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
        let contains: [[UInt8]]
        let caseInsensitive: Bool
        let regex: SendableRegex?
        /// A literal every regex match contains (case-folded when the rule ignores case), if one is known.
        let regexLiteral: [UInt8]?
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
            let contains = spec.contains.map { phrase -> [UInt8] in
                let normalized = ByteText.normalizeWhitespace(Array(phrase.utf8))
                return spec.caseInsensitive ? LineRuleSet.fold(normalized) : normalized
            }
            return Rule(reason: "rule.line." + spec.name, dropFollowing: spec.dropFollowing, dropRest: spec.dropRest, exact: exact,
                        longestExact: exact.map(\.count).max() ?? 0, contains: contains,
                        caseInsensitive: spec.caseInsensitive, regex: regex,
                        regexLiteral: spec.regex.flatMap(RegexLiteral.required).map { spec.caseInsensitive ? LineRuleSet.fold($0) : $0 },
                        maxChars: spec.maxChars)
        }
    }

    /// Index of the first rule that matches `line` (whitespace-normalised UTF-8), or nil.
    public func firstMatch(_ line: [UInt8]) -> Int? {
        guard !rules.isEmpty else { return nil }
        var folded: [UInt8]?
        var string: String?
        let characters = ByteText.scalarCount(line)
        for (index, rule) in rules.enumerated() {
            if let maxChars = rule.maxChars, characters > maxChars { continue }
            if !rule.exact.isEmpty && line.count <= rule.longestExact {
                if rule.caseInsensitive {
                    if folded == nil { folded = LineRuleSet.fold(line) }
                    if let folded, rule.exact.contains(folded) { return index }
                } else if rule.exact.contains(line) {
                    return index
                }
            }
            if !rule.contains.isEmpty {
                if rule.caseInsensitive && folded == nil { folded = LineRuleSet.fold(line) }
                let haystack = rule.caseInsensitive ? (folded ?? line) : line
                let hit = haystack.withUnsafeBufferPointer { h in
                    rule.contains.contains { needle in needle.withUnsafeBufferPointer { ByteSearch.contains(h, $0) } }
                }
                if hit { return index }
            }
            if let regex = rule.regex {
                if let literal = rule.regexLiteral {
                    if rule.caseInsensitive && folded == nil { folded = LineRuleSet.fold(line) }
                    let haystack = rule.caseInsensitive ? (folded ?? line) : line
                    let present = haystack.withUnsafeBufferPointer { h in literal.withUnsafeBufferPointer { ByteSearch.contains(h, $0) } }
                    if !present { continue }
                }
                if string == nil { string = String(decoding: line, as: UTF8.self) }
                if let string, regex.matchesWhole(string) { return index }
            }
        }
        return nil
    }

    /// ASCII case folding; enough for boilerplate phrases, which are matched exactly otherwise.
    static func fold(_ bytes: [UInt8]) -> [UInt8] { bytes.map(ByteText.lower) }
}

/// NSRegularExpression is immutable once built and documented as safe to share between threads.
struct SendableRegex: @unchecked Sendable {
    let regex: NSRegularExpression
    init(_ regex: NSRegularExpression) { self.regex = regex }

    func matchesWhole(_ string: String) -> Bool {
        let range = NSRange(string.startIndex..<string.endIndex, in: string)
        return regex.firstMatch(in: string, options: [], range: range) != nil
    }
}
