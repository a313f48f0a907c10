/// Dates shown near the headline ("Mar 5, 2025", "Published: 03 Dec 2025", "Last updated: Aug 4,
/// 2025"). Readers take the date beside the headline as the page's date; markup dates are often a
/// CMS's first-draft or import time. Dates labelled as updates are marked, since a page that shows
/// its update date says nothing about when it was published.
enum VisibleDate {
    struct Candidate: Equatable {
        var date: String
        var isUpdate: Bool
        /// Labelled as the publication ("Published Apr 26, 2023", "Posted on …").
        var isPublication = false
        /// Written in numbers only ("09/10/2023"), so day and month may have been read the wrong way round.
        var isNumeric = false
    }

    /// Words that mark a date as a modification date, in the text or the label just before it.
    private static let updateWords = ["updat", "modif", "edited", "revised", "aktualisiert", "actualiz", "mis à jour", "bijgewerkt"]
    /// Words that label a date as the publication date.
    private static let publicationWords = ["publish", "posted", "veröffentlicht", "publié", "publicado", "pubblicato", "gepubliceerd"]
    /// Words of a profile box beside a post ("Joined: Mar 04, 2024"): the member's date, not the page's.
    private static let profileWords = ["joined", "registered", "member since", "membre depuis", "mitglied seit", "registriert"]

    /// How many texts before the headline a date may stand: further up is the masthead, whose date
    /// is today's ("Wednesday, November 20, 2019 | Print Edition").
    static let reachBefore = 5

    /// The dates around the headline, nearest first (YYYY-MM-DD), skipping texts `accept` refuses.
    static func candidates(_ entries: [HeadlineWindow.Entry], accept: (Int32) -> Bool) -> [Candidate] {
        let byOffset = entries.sorted { $0.offset < $1.offset }
        var result: [Candidate] = []
        for entry in entries where entry.offset >= -reachBefore {
            guard let text = entry.text, text.utf8.count >= 6, text.utf8.count <= 80,
                  MetadataExtractor.containsYear(ArraySlice(text.utf8)), let parsed = DateParser.parse(text), accept(entry.node) else { continue }
            var label = text.lowercased()
            if let at = byOffset.firstIndex(where: { $0.node == entry.node }) {
                for previous in byOffset[max(0, at - 2)..<at] { label += " " + (previous.text ?? "").lowercased() }
            }
            if profileWords.contains(where: { ByteSearch.contains(label, $0) }) { continue }
            let isUpdate = updateWords.contains { ByteSearch.contains(label, $0) }
            let isPublication = publicationWords.contains { ByteSearch.contains(label, $0) }
            result.append(Candidate(date: String(parsed.prefix(10)), isUpdate: isUpdate, isPublication: isPublication, isNumeric: !DateParser.namesMonth(text)))
        }
        return result
    }

    /// The shown date that replaces `markup`: the nearest one, when no shown date agrees with the
    /// markup and the nearest is not labelled as an update.
    /// "09/10/2023" is read month first; with day and month swapped it may be the markup's date, and
    /// then it agrees.
    static func override(_ markup: String, _ shown: [Candidate]) -> String? {
        let day = String(markup.prefix(10))
        // The markup holds the date the page shows as its update ("Published Apr 26, 2023 · Updated
        // Aug 21, 2025"): the one it shows as published is the publication date.
        if shown.contains(where: { $0.isUpdate && $0.date == day }),
           let published = shown.first(where: { $0.isPublication && !$0.isUpdate && $0.date != day }) {
            return published.date
        }
        guard let nearest = shown.first, !nearest.isUpdate,
              !shown.contains(where: { $0.date == day || ($0.isNumeric && swapped($0.date) == day) }) else { return nil }
        // A timestamp with its own non-zero offset states the local day exactly: a shown date a day
        // off is another day's (a masthead's "today"), not the same moment read in another zone.
        if let stamp = LocalDatePreference.Timestamp(markup), let offset = stamp.offsetMinutes, offset != 0,
           let shownDay = dayNumber(nearest.date), let markupDay = dayNumber(day), abs(shownDay - markupDay) <= 1 {
            return nil
        }
        return nearest.date
    }

    /// Days since 1970 of a YYYY-MM-DD date.
    static func dayNumber(_ date: String) -> Int? {
        let parts = date.split(separator: "-").compactMap { Int($0) }
        guard parts.count == 3 else { return nil }
        return LocalDatePreference.days(year: parts[0], month: parts[1], day: parts[2])
    }

    /// "2023-09-10" → "2023-10-09".
    static func swapped(_ date: String) -> String {
        let parts = date.split(separator: "-")
        guard parts.count == 3 else { return date }
        return "\(parts[0])-\(parts[2])-\(parts[1])"
    }
}
