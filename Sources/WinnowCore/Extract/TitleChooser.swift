import Foundation

/// Picks the page title from the declared titles (JSON-LD headline, og:title, twitter:title, `<title>`)
/// and the page's `<h1>`s. Declared titles carry site names, taglines and section prefixes around the
/// headline ("Kayaks | Outdoor Co-op", "News - Thread title | Forum"); the `<h1>` shows the headline
/// alone but is sometimes a masthead or a slogan. So the two are read against each other:
///
/// 1. an `<h1>` (of the first four) whose words run inside a declared title, and that does not name
///    the site, is the title, however short ("Kayaks");
/// 2. an `<h1>` that glues a section label to the headline ("Tips Thread title") gives the declared
///    segment it contains;
/// 3. otherwise the first `<h1>` when it is a headline-like line (three words or more) sharing words
///    with the declared titles;
/// 4. otherwise the first declared title with its site-naming segments dropped, and for og:title,
///    twitter:title and `<title>` also the taglines after the first segment.
struct TitleChooser {
    var headline: String?
    var ogTitle: String?
    var twitterTitle: String?
    var titleTag: String?
    var metaTitle: String?
    var h1s: [String]
    var site: SiteNames

    init(headline: String?, ogTitle: String?, twitterTitle: String?, titleTag: String?, metaTitle: String?, h1s: [String], site: SiteNames) {
        // No-break spaces around separators ("Topic\u{A0}|\u{A0}Site") count as spaces.
        func spaced(_ text: String?) -> String? {
            guard let text else { return nil }
            return text.contains("\u{A0}") ? text.replacingOccurrences(of: "\u{A0}", with: " ") : text
        }
        self.headline = spaced(headline)
        self.ogTitle = spaced(ogTitle)
        self.twitterTitle = spaced(twitterTitle)
        self.titleTag = spaced(titleTag)
        self.metaTitle = spaced(metaTitle)
        self.h1s = h1s.compactMap(spaced)
        self.site = site
    }

    /// Separators between a headline and the site, section or tagline segments of a declared title.
    static let separatorStrings = [" | ", " - ", " – ", " — ", " · ", " • ", " :: ", " // ", " / ", " » ", " ~ "]
    static let separators = separatorStrings.map { Array($0.utf8) }
    static let taglineSeparators = [" | ", " · ", " • ", " :: ", " // ", " / ", " » "].map { Array($0.utf8) }

    func choose() -> String? {
        var chooser = self
        // A masthead h1 names the site: its segment goes from the declared titles too.
        let allSegments = [headline, ogTitle, twitterTitle, titleTag].compactMap { $0 }.map { TitleChooser.segments($0) }
        chooser.site.others = h1s.prefix(4).map(TitleChooser.withoutPermalink).filter { !site.names($0) && isLastSegment($0, allSegments) }
        return chooser.chooseWithSite()
    }

    private func chooseWithSite() -> String? {
        let declared = [headline, ogTitle, twitterTitle, titleTag].compactMap { $0 }
        let declaredWords = declared.map(TitleWords.of)
        let segments = declared.map { TitleChooser.segments($0) }
        let headings = h1s.prefix(4).map(TitleChooser.withoutPermalink).filter { !$0.isEmpty && !namesSiteOrSection($0, segments) }
        for h1 in headings {
            let words = TitleWords.of(h1)
            guard !words.isEmpty else { continue }
            // "Section - Headline" declared, the h1 showing both: the headline.
            for parts in segments where parts.count > 1 {
                let label = TitleWords.of(parts[0]), rest = TitleWords.of(parts[1])
                if label.count <= 3, rest.count >= 2, words == label + rest, !site.names(parts[1]) { return parts[1] }
            }
            if declaredWords.contains(where: { TitleWords.isRun(words, in: $0) }) { return withoutSiteSuffix(h1) }
            // "Section Thread title" in the h1, "Section - Thread title | Forum" declared.
            var best: (segment: String, words: Int)?
            for parts in segments where parts.count > 1 {
                for part in parts where !site.names(part) {
                    let partWords = TitleWords.of(part)
                    if partWords.count >= 2, partWords.count * 2 >= words.count, TitleWords.isRun(partWords, in: words),
                       partWords.count > best?.words ?? 0 {
                        best = (part, partWords.count)
                    }
                }
            }
            if let best { return best.segment }
        }
        if let h1 = headings.first, h1.split(separator: " ").count >= 3 || (h1.count >= 8 && !ByteSearch.contains(h1, " ")) {
            let others = declared.map(stripped).joined(separator: " ")
            if declared.isEmpty || MetadataExtractor.wordOverlap(h1, others) >= 0.3 { return withoutSiteSuffix(h1) }
        }
        if let headline { return withoutSiteSuffix(headline) }
        for title in [ogTitle, twitterTitle] { if let title { return stripped(title) } }
        if let h1 = headings.first { return withoutSiteSuffix(h1) }
        return (titleTag ?? metaTitle).map(stripped)
    }

    /// A heading that is the site's name, or a later segment of a declared title ("Guide | Handbook"
    /// with the `<h1>` "Handbook"): a masthead, not the headline.
    func namesSiteOrSection(_ heading: String, _ segments: [[String]]) -> Bool {
        site.names(heading) || isLastSegment(heading, segments)
    }

    func isLastSegment(_ heading: String, _ segments: [[String]]) -> Bool {
        let words = TitleWords.of(heading)
        return segments.contains { parts in
            // The last segment, after a headline of two words or more ("Opinion | Headline" keeps its h1).
            guard parts.count > 1, let last = parts.last else { return false }
            let first = TitleWords.of(parts[0])
            return first.count >= 2 && first != words && TitleWords.of(last) == words
        }
    }

    /// A declared title without its site suffix, and without the taglines after its first segment
    /// ("Kayaks | Paddle in Comfort | Outdoor Co-op" → "Kayaks"). When the first segment is the site's
    /// name ("Example | Notes for teams"), the site is part of the title and it stays whole.
    func stripped(_ title: String) -> String {
        var text = withoutSiteSuffix(title)
        // An unknown site: a last segment of three words at most after a headline of four or more.
        if text == title, let cut = TitleChooser.lastSeparator(in: title),
           TitleWords.of(String(title[cut.upperBound...])).count <= 3, TitleWords.of(String(title[..<cut.lowerBound])).count >= 4 {
            text = String(title[..<cut.lowerBound])
        }
        // Taglines follow a bar or bullet; a dash may belong to the headline ("Leaves curling — help?").
        let parts = TitleChooser.segments(text, separators: TitleChooser.taglineSeparators)
        guard parts.count > 1, let first = parts.first, !site.names(first) else { return text }
        return first
    }

    /// The title without trailing segments that name the site ("Headline - Site" → "Headline").
    func withoutSiteSuffix(_ title: String) -> String {
        var text = title
        while let cut = TitleChooser.lastSeparator(in: text) {
            let tail = String(text[cut.upperBound...])
            guard site.names(tail) else { break }
            text = String(text[..<cut.lowerBound])
        }
        return text.isEmpty ? title : text
    }

    /// The range of the last separator in a title (after "A" at least), if any. Compared as UTF-8
    /// bytes: every separator starts and ends with a space, so a match falls on character boundaries.
    static func lastSeparator(in title: String) -> Range<String.Index>? {
        let bytes = Array(title.utf8)
        var best: Range<Int>?
        for separator in separators {
            // The last occurrence counts only if something stands on both sides of it.
            var at = bytes.count - separator.count
            while at >= 0 {
                if bytes[at] == 0x20, bytes[at..<at + separator.count].elementsEqual(separator) { break }
                at -= 1
            }
            if at > 0, at + separator.count < bytes.count, best.map({ at > $0.lowerBound }) ?? true { best = at..<at + separator.count }
        }
        guard let best else { return nil }
        let utf8 = title.utf8
        return utf8.index(utf8.startIndex, offsetBy: best.lowerBound)..<utf8.index(utf8.startIndex, offsetBy: best.upperBound)
    }

    /// The segments of a title between separators, trimmed, empty ones dropped.
    static func segments(_ title: String, separators: [[UInt8]] = TitleChooser.separators) -> [String] {
        let bytes = Array(title.utf8)
        var parts: [String] = []
        var start = 0
        var i = 0
        while i < bytes.count {
            if bytes[i] == 0x20, let separator = separators.first(where: { i + $0.count <= bytes.count && bytes[i..<i + $0.count].elementsEqual($0) }) {
                parts.append(String(decoding: bytes[start..<i], as: UTF8.self))
                i += separator.count
                start = i
            } else {
                i += 1
            }
        }
        parts.append(String(decoding: bytes[start...], as: UTF8.self))
        return parts.map { WhitespaceTrim.trimmed($0) }.filter { !$0.isEmpty }
    }

    /// Documentation headings end in a permalink sign ("Models¶", "Install #"): not part of the title.
    static func withoutPermalink(_ heading: String) -> String {
        var text = Substring(heading)
        while let last = text.last, last == "¶" || last == "#" || last == "§" || last == " " { text = text.dropLast() }
        return String(text)
    }
}

/// What a page calls its site: `og:site_name` (or the publisher), and the labels of its host name.
/// A title segment "names the site" when its words run inside the site name (or contain it with at
/// most two words more), or when its words run together are a host label or start with one
/// ("Example Forums" on forum.example.org).
struct SiteNames {
    var name: String?
    var hostLabels: [String] = []
    /// Other names the page gives itself (a masthead `<h1>`).
    var others: [String] = []

    private static let genericLabels: Set<String> = ["www", "com", "org", "net", "edu", "gov", "co", "uk", "io", "de", "fr", "html", "blog",
                                                     "forum", "forums", "docs", "en", "m", "news", "shop", "community"]

    init(name: String?, url: String?) {
        self.name = name
        guard let url, let schemeEnd = url.range(of: "://") else { return }
        let rest = url[schemeEnd.upperBound...]
        let host = rest.prefix { $0 != "/" && $0 != ":" && $0 != "?" && $0 != "#" }
        hostLabels = host.lowercased().split(whereSeparator: { $0 == "." || $0 == "-" }).map(String.init)
            .filter { $0.count >= 3 && !SiteNames.genericLabels.contains($0) }
    }

    func names(_ segment: String) -> Bool {
        let words = TitleWords.of(segment)
        guard !words.isEmpty else { return true }
        if let name {
            let nameWords = TitleWords.of(name)
            if TitleWords.isRun(words, in: nameWords) { return true }
            if TitleWords.isRun(nameWords, in: words), words.count <= nameWords.count + 2 { return true }
        }
        if others.contains(where: { TitleWords.of($0) == words }) { return true }
        guard words.count <= 4, !hostLabels.isEmpty else { return false }
        // The first words run together are a label: "Arch Linux Forums" on archlinux.org, not
        // "Reinvent Kitchens" on rei.example.
        var prefix = ""
        for word in TitleWords.squashedWords(segment).prefix(3) {
            prefix += word
            if hostLabels.contains(prefix) { return true }
        }
        return false
    }
}
