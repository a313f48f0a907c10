/// Writes one output record as a JSON line, keys in a fixed order (dolma/datatrove layout).
public struct RecordEncoder: Sendable {
    public let added: String
    public let rulesVersion: String

    public init(added: String, rulesVersion: String) {
        self.added = added
        self.rulesVersion = rulesVersion
    }

    /// Stable id: SHA-256 of the source identity, hex.
    public static func id(forSource source: String) -> String { SHA256.hex(source) }

    public func encode(_ document: WorkingDocument) -> [UInt8] {
        let text = document.text
        let meta = document.metadata
        var json = JSONBuffer(capacity: text.count + 1024)
        json.beginObject()
        json.key("id"); json.string(document.input.idOverride ?? RecordEncoder.id(forSource: document.input.source))
        json.key("text"); json.string(bytes: text[...])
        json.key("source"); json.string(document.input.source)
        json.key("added"); json.string(added)
        json.key("created"); json.optionalString(meta.published)
        json.key("metadata")
        json.beginObject()
        json.key("title"); json.optionalString(meta.title)
        // The container's URL (WARC-Target-URI) is where the page was fetched: it wins over markup.
        json.key("url"); json.optionalString(document.input.url ?? meta.url)
        json.key("language"); json.optionalString(meta.language)
        json.key("language_confidence")
        if let confidence = meta.languageConfidence { json.double(confidence, decimals: 2) } else { json.null() }
        json.key("author"); json.stringArray(meta.authors)
        json.key("description"); json.optionalString(meta.description)
        json.key("sitename"); json.optionalString(meta.sitename)
        json.key("page_type"); json.optionalString(meta.pageType)
        json.key("content_type"); json.string(document.contentType.rawValue)
        json.key("format"); json.string(document.format.rawValue)
        json.key("encoding"); json.string(document.encoding)
        json.key("rules_version"); json.string(rulesVersion)
        json.key("winnow_version"); json.string(WinnowVersion.current)
        json.key("chars"); json.int(ByteText.scalarCount(text))
        json.key("words"); json.int(ByteText.wordCount(text))
        for (key, value) in document.input.containerMetadata {
            json.key(key)
            json.string(value)
        }
        json.endObject()
        json.endObject()
        json.newline()
        return json.bytes
    }

    /// One line of `rejects.jsonl`.
    public static func reject(source: String, stage: String, reason: String, detail: String) -> [UInt8] {
        var json = JSONBuffer(capacity: 256)
        json.beginObject()
        json.key("id"); json.string(id(forSource: source))
        json.key("source"); json.string(source)
        json.key("stage"); json.string(stage)
        json.key("reason"); json.string(reason)
        json.key("detail"); json.string(detail)
        json.endObject()
        json.newline()
        return json.bytes
    }
}
