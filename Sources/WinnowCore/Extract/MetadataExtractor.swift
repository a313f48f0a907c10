import Foundation

/// Page metadata from markup: `<title>`, `<html lang>`, `<meta>` (name/property/itemprop), canonical
/// `<link>`, JSON-LD, microdata (`itemprop=author/datePublished`), `<time datetime>`, bylines and date
/// lines found by class name, the first `<h1>`, and dates in the URL. Reads the whole tree, removed
/// parts included (JSON-LD lives in `<script>`, bylines in removed headers).
public struct MetadataExtractor: Sendable {
    public init() {}

    /// Everything the walk collects before the decisions.
    private struct Found {
        /// Pages carry dozens of meta tags: sized once instead of growing.
        var meta = [String: String](minimumCapacity: 64)
        var titleTag: String?
        /// The first `<h1>`s outside removed chrome (a masthead or slogan may come before the headline).
        var h1s: [String] = []
        var canonical: String?
        var language: String?
        var times: [String] = []
        var jsonLD: [[UInt8]] = []
        var microdataAuthors: [String] = []
        var microdataDates: [String] = []
        var bylines: [String] = []
        /// The first user name shown by class name ("username", "PostUser-name"): on a forum or Q&A
        /// page, the first post's author.
        var username: String?
        var relAuthors: [String] = []
        var dateLines: [String] = []
        /// Short text nodes in the first half of the page that contain a date, in document order.
        var earlyDates: [String] = []
        /// Meta names (other than the known ones) that name a publication or creation date, in page order.
        var dateMetaKeys: [String] = []
        var inBody = false
        /// Texts around the first `<h1>`, and the bylines and dates shown there.
        var window = HeadlineWindow()
        var shownBylines: [String] = []
        var shownDates: [VisibleDate.Candidate] = []
        /// Microdata says the page is a thread or a question (`DiscussionForumPosting`, `QAPage`).
        var isDiscussion = false
    }

    /// Elements `collect` reads whatever their attributes (others only with `itemprop` or `rel`).
    private static let namingTags: [Bool] = {
        var table = [Bool](repeating: false, count: Int(HTMLTag.firstCustomID))
        for tag in [HTMLTag.html, .title, .meta, .link, .script, .h1, .time] { table[Int(tag.rawValue)] = true }
        return table
    }()

    private static let publishedKeys = [
        "article:published_time", "article:published", "datepublished", "og:published_time", "published_time", "pubdate",
        "publishdate", "publish-date", "publish_date", "date", "dc.date.issued", "dc.date", "dcterms.created", "sailthru.date",
        "parsely-pub-date", "sn-post-date", "pdate", "article.published", "datecreated", "created", "release_date",
    ]

    /// Modification times: the page's date when it states no publication date at all.
    private static let modifiedKeys = ["article:modified_time", "og:updated_time", "datemodified", "modified_time", "dcterms.modified", "last-modified"]

    public func extract(_ tree: DocumentTree) -> PageMetadata {
        var found = Found()
        // Nodes are stored in document order, so a plain index loop is a pre-order walk (removed parts
        // included, which metadata wants). Most nodes are text or elements that name nothing: those
        // are passed over here, on raw buffers, before `collect` looks at them.
        let naming = MetadataExtractor.namingTags
        tree.nodes.withUnsafeBufferPointer { nodes in
            tree.attributes.withUnsafeBufferPointer { attributes in
                for index in 1..<nodes.count {
                    let element = nodes[index]
                    if element.tag == .text {
                        if found.window.wantsText { found.window.see(text: Int32(index)) }
                        continue
                    }
                    let raw = Int(element.tag.rawValue)
                    if raw >= naming.count || !naming[raw] {
                        var a = Int(element.start)
                        let end = Int(element.end)
                        while a < end && attributes[a].name != AttributeNames.itemprop && attributes[a].name != AttributeNames.rel
                            && attributes[a].name != AttributeNames.itemtype { a += 1 }
                        guard a < end else { continue }
                    }
                    collect(Int32(index), tree, &found)
                }
            }
        }

        let nearHeadline = found.window.entries(tree)
        let outsideUserContent = { (node: Int32) in !MetadataExtractor.insideUserContent(node, tree) }
        found.shownBylines = VisibleByline.names(nearHeadline, accept: outsideUserContent)
        found.shownDates = VisibleDate.candidates(nearHeadline, accept: outsideUserContent)
        let ld = JSONLDSummary(scripts: found.jsonLD)
        var result = PageMetadata()
        let sitename = firstNonEmpty(found.meta["og:site_name"], ld.publisher, found.meta["application-name"])
        result.url = firstNonEmpty(found.canonical, found.meta["og:url"], found.meta["twitter:url"])
        result.title = TitleChooser(headline: firstNonEmpty(ld.headline), ogTitle: firstNonEmpty(found.meta["og:title"]),
                                    twitterTitle: firstNonEmpty(found.meta["twitter:title"]), titleTag: found.titleTag.flatMap(MetadataExtractor.trimmed),
                                    metaTitle: firstNonEmpty(found.meta["title"]), h1s: found.h1s.compactMap(MetadataExtractor.trimmed),
                                    site: SiteNames(name: sitename, url: result.url)).choose()
        result.language = firstNonEmpty(found.language, found.meta["content-language"], found.meta["og:locale"], found.meta["language"])
            .map(MetadataExtractor.languageTag)
        result.description = firstNonEmpty(found.meta["description"], found.meta["og:description"], found.meta["twitter:description"])
        result.sitename = sitename
        result.productDescription = ld.productDescription
        result.authors = authors(ld: ld, found: found, sitename: sitename, heuristics: false)
        result.published = published(ld: ld, found: found, url: result.url, heuristics: false)
        if result.authors.isEmpty || result.published == nil {
            // Only pages without author or date markup pay for the class-name and text heuristics.
            // Elements without text cannot yield a byline or date line: their class names are not scanned.
            let textBytes = tree.subtreeTextBytes()
            for node in 1..<Int32(tree.nodes.count) { collectHeuristics(node, tree, hasText: textBytes[Int(node)] > 0, &found) }
            result.authors = authors(ld: ld, found: found, sitename: sitename, heuristics: true)
            result.published = published(ld: ld, found: found, url: result.url, heuristics: true)
        }
        return result
    }

    /// Share of `text`'s words (ASCII letters and digits lowercased, other scripts as they are) that
    /// also occur in `other`. On bytes: this runs for every page with an `<h1>`.
    static func wordOverlap(_ text: String, _ other: String) -> Double {
        /// FNV-1a hashes of the words (a few dozen at most: compared in a plain array).
        func words(_ s: String) -> [UInt64] {
            var hashes: [UInt64] = []
            var hash: UInt64 = 0xcbf29ce484222325
            var inWord = false
            for raw in s.utf8 {
                let byte = ByteText.lower(raw)
                if byte >= 0x80 || (byte >= 0x30 && byte <= 0x39) || (byte >= 0x61 && byte <= 0x7A) {
                    hash = (hash ^ UInt64(byte)) &* 0x100000001b3
                    inWord = true
                } else if inWord {
                    hashes.append(hash)
                    hash = 0xcbf29ce484222325
                    inWord = false
                }
            }
            if inWord { hashes.append(hash) }
            return hashes
        }
        let mine = words(text)
        guard !mine.isEmpty else { return 0 }
        let theirs = words(other)
        return Double(mine.filter { theirs.contains($0) }.count) / Double(mine.count)
    }

    /// BCP 47 casing: language lowercase, region uppercase, script title-case ("en-us" → "en-US").
    static func languageTag(_ raw: String) -> String {
        let parts = raw.split(whereSeparator: { $0 == "-" || $0 == "_" })
        return parts.enumerated().map { index, part in
            if index == 0 { return part.lowercased() }
            if part.count == 2 { return part.uppercased() }
            if part.count == 4 { return part.prefix(1).uppercased() + part.dropFirst().lowercased() }
            return part.lowercased()
        }.joined(separator: "-")
    }

    /// Bylines and date lines found by class name, and date-like text near the top of the page.
    private func collectHeuristics(_ node: Int32, _ tree: DocumentTree, hasText: Bool, _ found: inout Found) {
        let tag = tree.nodes[Int(node)].tag
        if tag == .body { found.inBody = true }
        if tag == .text {
            // Last resort for pages without date markup: a date line near the top ("기사입력 : 2018-08-25").
            let n = tree.nodes[Int(node)]
            if found.inBody, found.earlyDates.count < 3, Int(node) < tree.nodes.count / 2, n.end - n.start <= 80, n.end - n.start >= 8,
               MetadataExtractor.containsYear(tree.text[Int(n.start)..<Int(n.end)]) {
                let bytes = tree.text[Int(n.start)..<Int(n.end)]
                if let value = MetadataExtractor.dateLike(bytes) ?? DateParser.parse(String(decoding: bytes, as: UTF8.self)) {
                    found.earlyDates.append(value)
                }
            }
            return
        }
        // Class/id hints, tested on bytes: this runs for every element of the page.
        guard hasText, tree.attribute(AttributeNames.class, of: node) != nil || tree.attribute(AttributeNames.id, of: node) != nil else { return }
        let hints = Hint.bits(node, tree)
        if found.bylines.count < 8, hints & Hint.byline != 0, hints & Hint.notByline == 0,
           !MetadataExtractor.insideUserContent(node, tree), let value = text(of: node, tree) {
            found.bylines.append(value)
        }
        if found.username == nil, hints & Hint.username != 0, !MetadataExtractor.insideUserContent(node, tree), let value = text(of: node, tree) {
            found.username = value
        }
        if found.dateLines.count < 8, hints & Hint.dateLine != 0, hints & Hint.modified == 0,
           let value = text(of: node, tree) {
            found.dateLines.append(value)
        }
    }

    /// Markup that names metadata explicitly: head elements, JSON-LD, microdata, rel=author, <time>.
    private func collect(_ node: Int32, _ tree: DocumentTree, _ found: inout Found) {
        let element = tree.nodes[Int(node)]
        let tag = element.tag
        guard tag != .text else { return }
        if !found.isDiscussion, let type = MetadataExtractor.lowered(AttributeNames.itemtype, of: node, tree) {
            found.isDiscussion = MetadataExtractor.discussionTypes.contains { ByteText.containsIgnoringASCIICase(type, Array($0.utf8)) }
        }
        switch tag {
        case .html:
            if found.language == nil { found.language = tree.attributeString(AttributeNames.lang, of: node) }
        case .title:
            if found.titleTag == nil { found.titleTag = text(of: node, tree) }
        case .meta:
            guard let content = tree.attributeString(AttributeNames.content, of: node) else { return }
            for key in MetadataExtractor.metaNameKeys {
                // itemprop may list several names: "datePublished dateCreated".
                for token in MetadataExtractor.tokens(key, of: node, tree) {
                    let name = String(decoding: token, as: UTF8.self)
                    guard found.meta[name] == nil else { continue }
                    found.meta[name] = content
                    if MetadataExtractor.namesPublicationDate(token) { found.dateMetaKeys.append(name) }
                }
            }
            return
        case .link:
            if found.canonical == nil, MetadataExtractor.tokens(AttributeNames.rel, of: node, tree).contains(where: { $0.elementsEqual("canonical".utf8) }) {
                found.canonical = tree.attributeString(AttributeNames.href, of: node)
            }
            return
        case .script:
            if let type = MetadataExtractor.lowered(AttributeNames.type, of: node, tree), ByteText.containsIgnoringASCIICase(type, Array("ld+json".utf8)) {
                found.jsonLD.append(tree.textContent(of: node, includeRemoved: true))
            }
            return
        case .h1:
            if found.h1s.count < 4, !tree.isInsideRemoved(node), let value = text(of: node, tree) { found.h1s.append(value) }
            if found.window.anchor == nil, !tree.isInsideRemoved(node) { found.window.see(h1: node) }
        case .time:
            if found.times.count < 3, !MetadataExtractor.insideUpdateNote(node, tree), !MetadataExtractor.insideUserContent(node, tree),
               let value = tree.attributeString(AttributeNames.datetime, of: node) ?? text(of: node, tree) {
                found.times.append(value)
            }
        default:
            // Most elements carry neither itemprop nor rel: decide that from attribute ids alone.
            guard element.end > element.start, tree.hasAttribute(AttributeNames.itemprop, of: node) || tree.hasAttribute(AttributeNames.rel, of: node) else { return }
        }
        let props = MetadataExtractor.tokens(AttributeNames.itemprop, of: node, tree)
        if !props.isEmpty {
            let has = { (word: String) in props.contains { $0.elementsEqual(word.utf8) } }
            if has("author") || has("creator"), found.microdataAuthors.count < 5, !MetadataExtractor.insideUserContent(node, tree) {
                // Prefer a nested itemprop=name (Person), else the element's text.
                var name: String?
                tree.forEachDescendant(of: node, includeRemoved: true) { child in
                    if name == nil, MetadataExtractor.tokens(AttributeNames.itemprop, of: child, tree).contains(where: { $0.elementsEqual("name".utf8) }) {
                        name = tree.attributeString(AttributeNames.content, of: child) ?? text(of: child, tree)
                    }
                }
                if let value = name ?? text(of: node, tree) { found.microdataAuthors.append(value) }
            }
            // A comment's or answer's own datePublished is not the page's.
            if has("datepublished"), found.microdataDates.count < 3, !MetadataExtractor.insideUserContent(node, tree),
               let value = tree.attributeString(AttributeNames.content, of: node) ?? tree.attributeString(AttributeNames.datetime, of: node) ?? text(of: node, tree) {
                found.microdataDates.append(value)
            }
        }
        if found.relAuthors.count < 5, MetadataExtractor.tokens(AttributeNames.rel, of: node, tree).contains(where: { $0.elementsEqual("author".utf8) }),
           let value = text(of: node, tree) {
            found.relAuthors.append(value)
        }
    }

    /// An attribute's value with ASCII letters lowercased (from the cleaner's copy when it made one).
    static func lowered(_ name: UInt16, of node: Int32, _ tree: DocumentTree) -> ArraySlice<UInt8>? {
        guard let value = tree.attribute(name, of: node) else { return nil }
        if tree.lowercasedAttributeValues.count == tree.attributeValues.count {
            return tree.lowercasedAttributeValues[value.startIndex..<value.endIndex]
        }
        return ArraySlice(value.map(ByteText.lower))
    }

    /// The whitespace-separated tokens of an attribute, lowercased ("datePublished dateCreated").
    static func tokens(_ name: UInt16, of node: Int32, _ tree: DocumentTree) -> [ArraySlice<UInt8>] {
        guard let value = lowered(name, of: node, tree) else { return [] }
        // Most values are one token: no split.
        if !value.isEmpty, !value.contains(where: ByteText.isSpace) { return [value] }
        return value.split(whereSeparator: ByteText.isSpace)
    }

    /// The attributes that name a `<meta>`, in the order their names are taken.
    private static let metaNameKeys = [AttributeNames.name, AttributeNames.property, AttributeNames.itemprop, AttributeNames.httpEquiv]

    /// `heuristics`: the class-name pass has run, so the fallbacks after its findings may be used.
    private func authors(ld: JSONLDSummary, found: Found, sitename: String?, heuristics: Bool) -> [String] {
        let metaAuthor = [found.meta["author"], found.meta["article:author"], found.meta["byl"], found.meta["dc.creator"],
                          found.meta["parsely-author"], found.meta["sailthru.author"], found.meta["citation_author"]]
            .compactMap { $0 }.filter { !$0.hasPrefix("http") }
        // Explicit author markup is believed as written ("jdadmin"); bylines found by class name must look
        // like names.
        for (candidates, explicit) in [(ld.authors, true), (found.microdataAuthors, true), (metaAuthor, true), (found.relAuthors, true), (found.bylines, false),
                                      ([found.username].compactMap { $0 }, true)] {
            let organisations = [sitename, ld.publisher].compactMap { $0 }
            let names = AuthorNames.clean(candidates, explicit: explicit, organisations: organisations)
            // Markup that names only the site or publisher gives way to the person in a shown byline.
            if !names.isEmpty, !found.shownBylines.isEmpty,
               names.allSatisfy({ name in organisations.contains { $0.caseInsensitiveCompare(name) == .orderedSame } }) {
                return found.shownBylines
            }
            if !names.isEmpty { return names }
            // A byline shown near the headline comes after bylines found by class name.
            if !explicit, heuristics, !found.shownBylines.isEmpty { return found.shownBylines }
        }
        return []
    }

    private func published(ld: JSONLDSummary, found: Found, url: String?, heuristics: Bool) -> String? {
        var candidates: [String] = [ld.datePublished].compactMap { $0 }
        candidates += MetadataExtractor.publishedKeys.compactMap { found.meta[$0] }
        // Any other meta that names a publication or creation date.
        candidates += found.dateMetaKeys.compactMap { found.meta[$0] }
        candidates += found.microdataDates + found.times + [ld.dateCreated].compactMap { $0 }
        if let date = candidates.lazy.compactMap(DateParser.parse).first {
            let chosen = LocalDatePreference.prefer(date, among: candidates.compactMap(DateParser.parse))
            // On a thread or Q&A page the dates by the title are replies' and last activity's; the
            // markup's is the first post's.
            if found.isDiscussion || ld.isDiscussion { return chosen }
            return VisibleDate.override(chosen, found.shownDates) ?? chosen
        }
        guard heuristics else { return nil }
        // Without date markup, the date beside the headline is the page's own, even an update's; a
        // date line by class name may belong to a related-posts card further down.
        if let shown = found.shownDates.first { return shown.date }
        if let date = found.dateLines.lazy.compactMap(DateParser.parse).first { return date }
        // og:url and canonical links are sometimes percent-encoded whole ("%2Farticles%2F2025-12-15%2B…").
        if let date = url.flatMap({ $0.removingPercentEncoding ?? $0 }).flatMap(DateParser.fromURL) { return date }
        let modified = [ld.dateModified].compactMap { $0 } + MetadataExtractor.modifiedKeys.compactMap { found.meta[$0] }
        if let date = modified.lazy.compactMap(DateParser.parse).first { return date }
        return found.earlyDates.lazy.compactMap(DateParser.parse).first
    }

    /// Schema types of thread and question pages (matched inside `itemtype` URLs, lowercased).
    /// (`Question` alone is not enough: FAQ blocks on articles are made of them.)
    static let discussionTypes = ["discussionforumposting", "qapage"]

    /// Reviews, comments and replies carry their own authors and dates, which are not the page's.
    static func insideUserContent(_ node: Int32, _ tree: DocumentTree) -> Bool {
        Hint.ancestorMatches(node, tree, levels: 8, Hint.userContent)
    }

    /// "Last updated on <time>…": a modification date, not the publication date.
    static func insideUpdateNote(_ node: Int32, _ tree: DocumentTree) -> Bool {
        Hint.ancestorMatches(node, tree, levels: 3, Hint.modified)
    }

    /// Publication words (low bits) and modification words (the rest), found in one case-folding scan.
    private static let dateKeyWords: (set: NeedleSet, publication: UInt64) = {
        var set = NeedleSet()
        var publication: UInt64 = 0
        for word in ["publish", "pubdate", "post-date", "created"] { publication |= set.bit(for: Array(word.utf8)) ?? 0 }
        for word in Hint.modifiedWords { _ = set.bit(for: Array(word.utf8)) }
        return (set, publication)
    }()

    /// A meta name such as "parsely-pub-date", "article.created" or a namespaced plain date ("ms.date"):
    /// publication, not modification.
    static func namesPublicationDate(_ key: ArraySlice<UInt8>) -> Bool {
        let words = dateKeyWords
        let found = key.withUnsafeBufferPointer { words.set.scan($0, foldCase: true) }
        guard found & ~words.publication == 0 else { return false }
        return found & words.publication != 0 || namespacedDate(key)
    }

    /// "ms.date", "og:date": the name is a namespace and then just "date".
    private static func namespacedDate(_ key: ArraySlice<UInt8>) -> Bool {
        guard key.count > 5, let separator = key.lastIndex(where: { $0 == UInt8(ascii: ".") || $0 == UInt8(ascii: ":") }) else { return false }
        return ByteText.equalsIgnoringASCIICase(key[(separator + 1)...], "date")
    }

    /// Has a 19xx or 20xx run of digits: cheap test before parsing a text as a date.
    static func containsYear(_ bytes: ArraySlice<UInt8>) -> Bool {
        var i = bytes.startIndex
        while i + 4 <= bytes.endIndex {
            let a = bytes[i], b = bytes[i + 1]
            if (a == UInt8(ascii: "1") && b == UInt8(ascii: "9")) || (a == UInt8(ascii: "2") && b == UInt8(ascii: "0")),
               bytes[i + 2] >= 0x30 && bytes[i + 2] <= 0x39, bytes[i + 3] >= 0x30 && bytes[i + 3] <= 0x39 { return true }
            i += 1
        }
        return false
    }

    /// The `YYYY-MM-DD` (or `YYYY.MM.DD`, `YYYY/MM/DD`) inside a short text, if any.
    static func dateLike(_ bytes: ArraySlice<UInt8>) -> String? {
        guard bytes.count >= 10 else { return nil }
        var i = bytes.startIndex
        while i + 10 <= bytes.endIndex {
            let isDigit = { (k: Int) in bytes[i + k] >= 0x30 && bytes[i + k] <= 0x39 }
            let separator = bytes[i + 4]
            if (0..<4).allSatisfy(isDigit), separator == UInt8(ascii: "-") || separator == UInt8(ascii: ".") || separator == UInt8(ascii: "/"),
               isDigit(5), isDigit(6), bytes[i + 7] == separator, isDigit(8), isDigit(9) {
                let digits = bytes[i..<i + 10].map { $0 == separator ? UInt8(ascii: "-") : $0 }
                return String(decoding: digits, as: UTF8.self)
            }
            i += 1
        }
        return nil
    }

    private func text(of node: Int32, _ tree: DocumentTree) -> String? {
        let bytes = ByteText.normalizeWhitespace(tree.textContent(of: node, includeRemoved: true))
        return bytes.isEmpty || bytes.count > 400 ? nil : String(decoding: bytes, as: UTF8.self)
    }

    private func firstNonEmpty(_ values: String?...) -> String? {
        for value in values {
            if let value, let trimmed = MetadataExtractor.trimmed(value) { return trimmed }
        }
        return nil
    }

    /// Whitespace-normalised (on bytes, not through Foundation), or nil when nothing is left.
    static func trimmed(_ value: String) -> String? {
        var copy = HTMLEntities.decode(value)
        let bytes = copy.withUTF8 { ByteText.normalizeWhitespace($0) }
        return bytes.isEmpty ? nil : String(decoding: bytes, as: UTF8.self)
    }
}

/// Class and id hints read by metadata extraction. All words of all hints are found in one scan of
/// an element's `class` and `id` values (a `NeedleSet`); each hint is a mask of its words' bits.
enum Hint {
    private static let words: (set: NeedleSet, masks: [String: UInt64]) = {
        let hints = [
            "byline": ["author", "autor", "auteur", "byline", "writer"],
            "notByline": ["image", "avatar", "bio"],
            "dateLine": ["date", "publish", "posted", "timestamp"],
            "modified": modifiedWords,
            "userContent": ["review", "comment", "reply", "related"],
            "username": ["username", "postuser"],
        ]
        var set = NeedleSet()
        var masks: [String: UInt64] = [:]
        for (name, list) in hints {
            for word in list { masks[name, default: 0] |= set.bit(for: Array(word.utf8)) ?? 0 }
        }
        return (set, masks)
    }()

    static let byline = words.masks["byline"] ?? 0
    static let notByline = words.masks["notByline"] ?? 0
    static let dateLine = words.masks["dateLine"] ?? 0
    static let modified = words.masks["modified"] ?? 0
    static let userContent = words.masks["userContent"] ?? 0
    static let username = words.masks["username"] ?? 0
    static let modifiedWords = ["update", "modif"]

    /// The hint words found in the element's class and id values (the tree's lowercased values when
    /// cleaning prepared them; otherwise the scan folds case).
    static func bits(_ node: Int32, _ tree: DocumentTree) -> UInt64 {
        let element = tree.nodes[Int(node)]
        guard element.tag != .text, element.end > element.start else { return 0 }
        let lowered = tree.lowercasedAttributeValues.count == tree.attributeValues.count
        var found: UInt64 = 0
        for a in Int(element.start)..<Int(element.end) {
            let attribute = tree.attributes[a]
            guard attribute.name == AttributeNames.class || attribute.name == AttributeNames.id, attribute.end > attribute.start else { continue }
            let range = Int(attribute.start)..<Int(attribute.end)
            let source = lowered ? tree.lowercasedAttributeValues : tree.attributeValues
            found |= source.withUnsafeBufferPointer { words.set.scan(UnsafeBufferPointer(rebasing: $0[range]), foldCase: !lowered) }
        }
        return found
    }

    /// True when the element's class or id contains one of the words of `hint`, ignoring ASCII case.
    static func matches(_ node: Int32, _ tree: DocumentTree, _ hint: UInt64) -> Bool { bits(node, tree) & hint != 0 }

    static func ancestorMatches(_ node: Int32, _ tree: DocumentTree, levels: Int, _ hint: UInt64) -> Bool {
        var current = tree.nodes[Int(node)].parent
        var level = 0
        while current > 0 && level < levels {
            if matches(current, tree, hint) { return true }
            current = tree.nodes[Int(current)].parent
            level += 1
        }
        return false
    }
}

/// Author strings as pages write them ("By Jane Doe and John Roe", "JANE DOE, Reuters") turned into a
/// clean list of names; strings that are not names (dates, "Staff", URLs, long sentences) are dropped.
enum AuthorNames {
    /// Bylines name agencies and outlets beside people ("Jill Disis, CNN Business", "By DANICA KIRKA …
    /// Associated Press"): those go when a person is named too.
    static let agencies: Set<String> = ["associated press", "ap", "reuters", "afp", "agence france-presse", "dpa", "upi", "bloomberg", "press association", "pa"]
    /// Account names that are not people.
    static let placeholders: Set<String> = ["admin", "administrator", "webmaster", "editor", "editors", "staff", "user", "guest", "root", "author"]

    static func clean(_ raw: [String], explicit: Bool = false, organisations: [String] = []) -> [String] {
        var names: [String] = []
        for value in raw {
            var text = WhitespaceTrim.trimmed(value)
            for prefix in ["By ", "by ", "BY ", "Written by ", "Posted by ", "Author: ", "Von ", "Por "] where text.hasPrefix(prefix) {
                text = String(text.dropFirst(prefix.count))
            }
            // "Analysis by Chris Cillizza", "Review by …": what follows a "by" in the first words.
            let words = text.split(separator: " ")
            if let by = words.prefix(3).firstIndex(where: { $0.lowercased() == "by" }), by + 1 < words.count {
                text = words[(by + 1)...].joined(separator: " ")
            }
            let pieces = AuthorNames.pieces(text).map(WhitespaceTrim.trimmed)
            for piece in pieces where looksLikeName(piece, explicit: explicit) && !names.contains(piece) { names.append(piece) }
        }
        // A name glued to its caption by markup ("Carrie ArnoldContributing Writer") goes when the bare
        // name is there too.
        var people = names.filter { name in !names.contains { $0 != name && name.hasPrefix($0) } }
            .filter { !placeholders.contains($0.lowercased()) }
        let outlets = Set(organisations.map { $0.lowercased() })
        func isOrganisation(_ name: String) -> Bool {
            let lower = name.lowercased()
            return agencies.contains(lower) || outlets.contains(lower) || ByteSearch.contains(lower, ".com") || outlets.contains { !$0.isEmpty && lower.hasPrefix($0) }
        }
        if people.contains(where: { !isOrganisation($0) }) { people.removeAll(where: isOrganisation) }
        return people
    }

    /// The names in a list: split at ",", " and " and " & " (empty pieces dropped).
    static func pieces(_ text: String) -> [Substring] {
        var result: [Substring] = []
        let utf8 = text.utf8
        var start = utf8.startIndex
        var i = utf8.startIndex
        func separatorLength(at i: String.Index) -> Int {
            if utf8[i] == UInt8(ascii: ",") { return 1 }
            guard utf8[i] == 0x20 else { return 0 }
            for word in AuthorNames.listSeparators where utf8[i...].starts(with: word) { return word.count }
            return 0
        }
        while i < utf8.endIndex {
            let length = separatorLength(at: i)
            guard length > 0 else { i = utf8.index(after: i); continue }
            if start < i { result.append(Substring(utf8[start..<i])) }
            i = utf8.index(i, offsetBy: length)
            start = i
        }
        if start < utf8.endIndex { result.append(Substring(utf8[start..<utf8.endIndex])) }
        return result
    }

    private static let listSeparators = [Array(" and ".utf8), Array(" & ".utf8)]

    static func looksLikeName(_ text: String, explicit: Bool = false) -> Bool {
        let words = text.split(separator: " ")
        guard (1...5).contains(words.count), text.count >= 3, text.count <= 60 else { return false }
        if ByteSearch.contains(text, "@") || ByteSearch.contains(text, "http") || ByteSearch.contains(text, "://") { return false }
        // Digits make dates and counts, not names; a one-word handle from explicit markup
        // ("jdoe42" as a forum username) keeps them.
        let isHandle = explicit && words.count == 1 && text.unicodeScalars.contains { $0.properties.isAlphabetic }
        if !isHandle, text.unicodeScalars.contains(where: { $0.value < 0x80 ? ($0.value >= 0x30 && $0.value <= 0x39) : $0.properties.generalCategory == .decimalNumber }) {
            return false
        }
        let lower = text.lowercased()
        for junk in ["ago", "updated", "published", "staff", "share", "follow", "comments", "read more", "editor", "contributor", "more"] where lower == junk || lower.hasPrefix(junk + " ") {
            return false
        }
        // One word: a capitalised name, or a script without case (佐藤美咲).
        guard let first = text.first else { return false }
        return explicit || words.count >= 2 || first.isUppercase || !first.isLowercase
    }
}

/// The fields Winnow reads from a page's JSON-LD, across `@graph`s and arrays. Article-like objects
/// (`NewsArticle`, `BlogPosting`, `WebPage`…) are read first; other typed objects only fill what is
/// still missing. Authors given as `{"@id": …}` are resolved against the other objects.
struct JSONLDSummary {
    var headline: String?
    var datePublished: String?
    var dateCreated: String?
    var dateModified: String?
    var authors: [String] = []
    var publisher: String?
    /// The description of the page's product (`Product`, `ProductGroup`, `IndividualProduct`…); nil
    /// when the products described say different things (a listing's cards, not one product).
    var productDescription: String? { productDescriptions.count == 1 ? productDescriptions.first : nil }
    private var productDescriptions: Set<String> = []
    /// A `DiscussionForumPosting` or `QAPage` is described.
    var isDiscussion = false

    /// The keys read below; values under other keys are not built.
    static let keys: Set<String> = ["@graph", "@id", "@type", "headline", "datePublished", "dateCreated", "dateModified", "uploadDate", "author", "creator",
                                    "publisher", "name", "mainEntity", "description"]

    private var objects: [JSONLDObject] = []
    private var byID: [String: JSONLDObject] = [:]

    init(scripts: [[UInt8]]) {
        for script in scripts {
            guard let value = JSONLDValue.parse(script, keys: JSONLDSummary.keys) else { continue }
            gather(value, depth: 0)
        }
        for articleLike in [true, false] {
            for object in objects where JSONLDSummary.isArticle(object) == articleLike { read(object) }
        }
        objects = []
        byID = [:]
    }

    private mutating func gather(_ value: JSONLDValue, depth: Int) {
        guard depth < 8 else { return }
        if case .array(let array) = value {
            for item in array { gather(item, depth: depth + 1) }
            return
        }
        guard let object = value.object else { return }
        if let graph = object["@graph"] { gather(graph, depth: depth + 1) }
        // A QAPage or forum page holds the question or first post, with its author and date, here.
        if let main = object["mainEntity"] { gather(main, depth: depth + 1) }
        if let id = object["@id"]?.string, object.memberCount > 1 { byID[id] = object }
        if object["@type"] != nil { objects.append(object) }
    }

    private static func type(of object: JSONLDObject) -> String {
        switch object["@type"] {
        case .string(let type): return type
        case .array(let types): return types.first?.string ?? ""
        default: return ""
        }
    }

    private static func isArticle(_ object: JSONLDObject) -> Bool {
        let type = type(of: object)
        return type.hasSuffix("Article") || type == "BlogPosting" || type == "Report" || type.hasSuffix("WebPage")
            || type.hasSuffix("Posting") || type == "Question" || type == "QAPage"
    }

    private mutating func read(_ object: JSONLDObject) {
        let type = JSONLDSummary.type(of: object)
        if type == "DiscussionForumPosting" || type == "QAPage" { isDiscussion = true }
        if type.hasPrefix("Product") || type.hasSuffix("Product"), let value = object["description"]?.string, !value.isEmpty {
            productDescriptions.insert(value)
        }
        guard !["Organization", "Person", "WebSite", "BreadcrumbList", "ImageObject", "ListItem", "SiteNavigationElement"].contains(type) else { return }
        if headline == nil, let value = object["headline"]?.string, !value.isEmpty { headline = HTMLEntities.decode(value) }
        if datePublished == nil, let value = object["datePublished"]?.string, !value.isEmpty { datePublished = value }
        if dateCreated == nil, let value = (object["dateCreated"] ?? object["uploadDate"])?.string, !value.isEmpty { dateCreated = value }
        if dateModified == nil, let value = object["dateModified"]?.string, !value.isEmpty { dateModified = value }
        if authors.isEmpty, let author = object["author"] ?? object["creator"] { authors = names(author) }
        if publisher == nil, let value = object["publisher"] { publisher = names(value).first }
    }

    func names(_ value: JSONLDValue) -> [String] {
        switch value {
        case .string(let name): return name.hasPrefix("http") ? [] : [HTMLEntities.decode(name)]
        case .object(let object):
            if let name = object["name"]?.string { return [HTMLEntities.decode(name)] }
            if let id = object["@id"]?.string, let name = byID[id]?["name"]?.string { return [HTMLEntities.decode(name)] }
            return []
        case .array(let array): return array.flatMap(names)
        case .other: return []
        }
    }
}
