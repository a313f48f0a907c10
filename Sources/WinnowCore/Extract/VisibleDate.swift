/// Dates shown near the headline ("Mar 5, 2025", "Published: 03 Dec 2025", "Last updated: Aug 4,
/// 2025"). Readers take the date beside the headline as the page's date; markup dates are often a
/// CMS's first-draft or import time. Dates labelled as updates are marked, since a page that shows
/// its update date says nothing about when it was published.
enum VisibleDate {
    struct Candidate: Equatable {
        var date: String
        var isUpdate: Bool
    }

    /// Words that mark a date as a modification date, in the text or the label just before it.
    private static let updateWords = ["updat", "modif", "edited", "revised", "aktualisiert", "actualiz", "mis à jour", "bijgewerkt"]

    /// The dates around the headline, nearest first (YYYY-MM-DD), skipping texts `accept` refuses.
    static func candidates(_ entries: [HeadlineWindow.Entry], accept: (Int32) -> Bool) -> [Candidate] {
        let byOffset = entries.sorted { $0.offset < $1.offset }
        var result: [Candidate] = []
        for entry in entries {
            guard let text = entry.text, text.utf8.count >= 6, text.utf8.count <= 80,
                  MetadataExtractor.containsYear(ArraySlice(text.utf8)), let parsed = DateParser.parse(text), accept(entry.node) else { continue }
            var label = text.lowercased()
            if let at = byOffset.firstIndex(where: { $0.node == entry.node }) {
                for previous in byOffset[max(0, at - 2)..<at] { label += " " + (previous.text ?? "").lowercased() }
            }
            let isUpdate = updateWords.contains { ByteSearch.contains(label, $0) }
            result.append(Candidate(date: String(parsed.prefix(10)), isUpdate: isUpdate))
        }
        return result
    }

    /// The shown date that replaces `markup`: the nearest one, when no shown date agrees with the
    /// markup and the nearest is not labelled as an update.
    static func override(_ markup: String, _ shown: [Candidate]) -> String? {
        guard let nearest = shown.first, !shown.contains(where: { $0.date == String(markup.prefix(10)) }), !nearest.isUpdate else { return nil }
        return nearest.date
    }
}
