import Foundation

/// Bylines written as plain text near the headline, without author markup: a label text ("By",
/// "Written by:", "Autor") followed by the name in the next text, or one text "By Jane Doe · May 3".
/// Only names that look like names (every word capitalised, name particles aside) are taken.
enum VisibleByline {
    /// Labels standing alone before the name, lowercased, without a trailing colon.
    static let labels: Set<String> = [
        "by", "written by", "posted by", "authored by", "words by", "author", "authors", "author(s)",
        "von", "geschrieben von", "autor", "autorin", "par", "publié par", "auteur", "por", "escrito por",
        "door", "scritto da", "av", "af",
    ]
    /// Labels that start a text with the name after them (lowercased, compared case-insensitively).
    static let prefixes = ["written by ", "posted by ", "authored by ", "words by ", "by ", "by: ", "author: ", "autor: ", "auteur: ",
                           "geschrieben von ", "von ", "publié par ", "par ", "escrito por ", "por ", "door ", "scritto da "]
    /// Where a byline goes on to something else: "Jane Doe on May 3", "Jane Doe - 2025-09-13", "Jane Doe | Site".
    private static let stops = [" on ", " at ", " in ", " - ", " – ", " — ", " · ", " | ", " • ", " ⋅ ", "·", "|", "•", "⋅", " (", " am ", " le ", " el "]
    /// Lowercase words that belong inside names ("Marna van der Merwe").
    private static let particles: Set<String> = ["van", "der", "den", "de", "da", "di", "del", "della", "von", "zu", "la", "le", "du", "dos", "das",
                                                  "bin", "al", "ter", "y", "e", "and", "&"]

    /// The names of the nearest byline around the headline (entries nearest first); empty if none.
    static func names(_ entries: [HeadlineWindow.Entry], accept: (Int32) -> Bool) -> [String] {
        let byOffset = entries.sorted { $0.offset < $1.offset }
        for entry in entries {
            guard let text = entry.text else { continue }
            var candidate: String?
            let lower = text.lowercased()
            let label = lower.hasSuffix(":") ? String(lower.dropLast()).trimmingSpaces : lower
            if labels.contains(label) {
                // The name is the next text that is not punctuation.
                if let at = byOffset.firstIndex(where: { $0.node == entry.node }) {
                    for next in byOffset[(at + 1)...].prefix(3) {
                        guard let value = next.text else { break }
                        if value == ":" || value == "|" || value == "-" { continue }
                        candidate = value
                        break
                    }
                }
            } else if let prefix = prefixes.first(where: { lower.hasPrefix($0) }), text.utf8.count <= 100 {
                candidate = String(text.dropFirst(prefix.count))
            }
            guard let raw = candidate, accept(entry.node) else { continue }
            let names = AuthorNames.clean([cut(raw)]).filter(capitalised)
            if !names.isEmpty { return names }
        }
        return []
    }

    /// The byline up to the first stop ("Jane Doe on May 3, 2025" → "Jane Doe").
    static func cut(_ text: String) -> String {
        var end = text.endIndex
        for stop in stops {
            if let range = text.range(of: stop), range.lowerBound < end { end = range.lowerBound }
        }
        return String(text[..<end]).trimmingSpaces.trimmingCharacters(in: ":,")
    }

    /// Every word starts with a capital (or a letter of a script without case), particles aside; no
    /// word is all lowercase prose ("submitting your email").
    static func capitalised(_ name: String) -> Bool {
        let words = name.split(separator: " ")
        guard !words.isEmpty else { return false }
        var capitals = 0
        for word in words {
            guard let first = word.first else { continue }
            if first.isUppercase || (first.isLetter && !first.isLowercase) {
                capitals += 1
            } else if !particles.contains(String(word)) && first.isLetter {
                return false
            }
        }
        return capitals > 0
    }
}

extension String {
    /// Without leading and trailing ASCII spaces.
    fileprivate var trimmingSpaces: String { WhitespaceTrim.trimmed(self) }

    /// Without the given characters at either end.
    fileprivate func trimmingCharacters(in set: String) -> String {
        var s = Substring(self)
        while let c = s.first, set.contains(c) { s = s.dropFirst() }
        while let c = s.last, set.contains(c) { s = s.dropLast() }
        return WhitespaceTrim.trimmed(s)
    }
}
