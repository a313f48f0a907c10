import Foundation

/// Page metadata from markup: `<title>`, `<html lang>`, `<meta>` (name/property/itemprop), canonical
/// `<link>`, JSON-LD, `<time datetime>` and the first `<h1>`. Reads the whole tree, removed parts
/// included (JSON-LD lives in `<script>`, which cleaning drops).
public struct MetadataExtractor: Sendable {
    public init() {}

    public func extract(_ tree: DocumentTree) -> PageMetadata {
        var meta: [String: String] = [:]
        var titleTag: String?
        var firstH1: String?
        var canonical: String?
        var language: String?
        var firstTime: String?
        var jsonLD: [String] = []
        var authorsFromMarkup: [String] = []

        tree.forEachDescendant(of: DocumentTree.root, includeRemoved: true) { node in
            let tag = tree.nodes[Int(node)].tag
            switch tag {
            case .html:
                if language == nil { language = tree.attributeString(AttributeNames.lang, of: node) }
            case .title:
                if titleTag == nil { titleTag = text(of: node, tree) }
            case .meta:
                guard let content = tree.attributeString(AttributeNames.content, of: node) else { return }
                for key in [AttributeNames.name, AttributeNames.property, AttributeNames.itemprop, AttributeNames.httpEquiv] {
                    if let name = tree.attributeString(key, of: node)?.lowercased(), meta[name] == nil { meta[name] = content }
                }
            case .link:
                if canonical == nil, let rel = tree.attributeString(AttributeNames.rel, of: node)?.lowercased(),
                   rel.split(separator: " ").contains("canonical") {
                    canonical = tree.attributeString(AttributeNames.href, of: node)
                }
            case .script:
                if let type = tree.attributeString(AttributeNames.type, of: node)?.lowercased(), type.contains("ld+json") {
                    jsonLD.append(String(decoding: tree.textContent(of: node, includeRemoved: true), as: UTF8.self))
                }
            case .h1:
                if firstH1 == nil, !tree.isRemoved(node) { firstH1 = text(of: node, tree) }
            case .time:
                if firstTime == nil { firstTime = tree.attributeString(AttributeNames.datetime, of: node) }
            default:
                if let itemprop = tree.attributeString(AttributeNames.itemprop, of: node)?.lowercased(), itemprop == "author" {
                    if let name = text(of: node, tree), !name.isEmpty, name.count < 100 { authorsFromMarkup.append(name) }
                }
            }
        }

        let ld = JSONLDSummary(scripts: jsonLD)
        var result = PageMetadata()
        result.title = firstNonEmpty(ld.headline, meta["og:title"], meta["twitter:title"], firstH1, titleTag.map(stripSiteSuffix))
        result.url = firstNonEmpty(canonical, meta["og:url"])
        result.language = firstNonEmpty(language, meta["content-language"], meta["og:locale"], meta["language"])
            .map { $0.replacingOccurrences(of: "_", with: "-") }
        result.description = firstNonEmpty(meta["description"], meta["og:description"], meta["twitter:description"])
        result.sitename = firstNonEmpty(meta["og:site_name"], ld.publisher, meta["application-name"])
        var authors = ld.authors
        if authors.isEmpty, let author = firstNonEmpty(meta["author"], meta["article:author"], meta["dc.creator"], meta["parsely-author"]),
           !author.hasPrefix("http") {
            authors = [author]
        }
        if authors.isEmpty { authors = authorsFromMarkup }
        result.authors = Array(NSOrderedSet(array: authors.map { $0.trimmingCharacters(in: .whitespacesAndNewlines) }.filter { !$0.isEmpty })) as? [String] ?? []
        let dateCandidates = [ld.datePublished, meta["article:published_time"], meta["datepublished"], meta["date"], meta["pubdate"],
                              meta["publishdate"], meta["dc.date.issued"], meta["dc.date"], meta["sailthru.date"], meta["og:published_time"], firstTime]
        result.published = dateCandidates.lazy.compactMap { $0.flatMap(ISODate.normalize) }.first
        return result
    }

    private func text(of node: Int32, _ tree: DocumentTree) -> String? {
        let bytes = ByteText.normalizeWhitespace(tree.textContent(of: node, includeRemoved: true))
        return bytes.isEmpty ? nil : String(decoding: bytes, as: UTF8.self)
    }

    private func firstNonEmpty(_ values: String?...) -> String? {
        for value in values {
            if let trimmed = value?.trimmingCharacters(in: .whitespacesAndNewlines), !trimmed.isEmpty { return trimmed }
        }
        return nil
    }

    /// "Headline | Site" or "Headline - Site": keep the longest part.
    func stripSiteSuffix(_ title: String) -> String {
        for separator in [" | ", " - ", " — ", " – ", " :: ", " · "] where title.contains(separator) {
            let parts = title.components(separatedBy: separator)
            if let longest = parts.max(by: { $0.count < $1.count }), longest.count >= 15 { return longest }
        }
        return title
    }
}

/// The fields Winnow reads from a page's JSON-LD, across `@graph`s and arrays.
struct JSONLDSummary {
    var headline: String?
    var datePublished: String?
    var authors: [String] = []
    var publisher: String?

    init(scripts: [String]) {
        for script in scripts {
            guard let data = script.data(using: .utf8),
                  let object = try? JSONSerialization.jsonObject(with: data, options: [.fragmentsAllowed]) else { continue }
            visit(object, depth: 0)
        }
    }

    private mutating func visit(_ value: Any, depth: Int) {
        guard depth < 8 else { return }
        if let array = value as? [Any] {
            for item in array { visit(item, depth: depth + 1) }
            return
        }
        guard let object = value as? [String: Any] else { return }
        if let graph = object["@graph"] { visit(graph, depth: depth + 1) }
        let type = (object["@type"] as? String) ?? ((object["@type"] as? [String])?.first ?? "")
        let isArticle = type.hasSuffix("Article") || type == "BlogPosting" || type == "Report" || type == "WebPage" || type == "LiveBlogPosting"
        guard isArticle else { return }
        if headline == nil, let value = object["headline"] as? String { headline = value }
        if datePublished == nil, let value = object["datePublished"] as? String { datePublished = value }
        if authors.isEmpty, let author = object["author"] { authors = JSONLDSummary.names(author) }
        if publisher == nil, let value = object["publisher"] { publisher = JSONLDSummary.names(value).first }
    }

    static func names(_ value: Any) -> [String] {
        if let name = value as? String { return name.hasPrefix("http") ? [] : [name] }
        if let object = value as? [String: Any], let name = object["name"] as? String { return [name] }
        if let array = value as? [Any] { return array.flatMap(names) }
        return []
    }
}

/// ISO 8601 dates as found on pages, trimmed to `YYYY-MM-DD` or a full timestamp; anything else is nil.
enum ISODate {
    static func normalize(_ raw: String) -> String? {
        let value = raw.trimmingCharacters(in: .whitespacesAndNewlines)
        let bytes = Array(value.utf8)
        func digits(_ range: Range<Int>) -> Bool { range.upperBound <= bytes.count && bytes[range].allSatisfy { $0 >= 0x30 && $0 <= 0x39 } }
        guard bytes.count >= 10, digits(0..<4), bytes[4] == UInt8(ascii: "-"), digits(5..<7), bytes[7] == UInt8(ascii: "-"), digits(8..<10) else {
            return nil
        }
        if bytes.count >= 16, bytes[10] == UInt8(ascii: "T") || bytes[10] == UInt8(ascii: " "), digits(11..<13), bytes[13] == UInt8(ascii: ":") {
            return String(decoding: bytes.map { $0 == UInt8(ascii: " ") ? UInt8(ascii: "T") : $0 }, as: UTF8.self)
        }
        return String(decoding: bytes[0..<10], as: UTF8.self)
    }
}
