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

    /// The record's `text`: the document's, without control characters (ControlCharacters).
    public static func text(of document: WorkingDocument) -> [UInt8] { ControlCharacters.text(document.text) }

    public func encode(_ document: WorkingDocument) -> [UInt8] { encode(document, text: Self.text(of: document)) }

    /// `text` from `text(of:)`. Every text and metadata field is written without control characters;
    /// `url` only when it is an absolute http(s) URL. (`source` is the input's name, kept as it is.)
    public func encode(_ document: WorkingDocument, text: [UInt8]) -> [UInt8] {
        let meta = document.metadata
        var json = JSONBuffer(capacity: text.count + 1024)
        json.beginObject()
        json.key("id"); json.string(document.input.idOverride ?? RecordEncoder.id(forSource: document.input.source))
        json.key("text"); json.string(bytes: text[...])
        json.key("source"); json.string(document.input.source)
        json.key("added"); json.string(added)
        json.key("created"); json.optionalString(ControlCharacters.field(meta.published))
        json.key("metadata")
        json.beginObject()
        json.key("title"); json.optionalString(ControlCharacters.field(meta.title))
        // The container's URL (WARC-Target-URI) is where the page was fetched: it wins over markup.
        json.key("url"); json.optionalString(ControlCharacters.httpURL(document.input.url) ?? ControlCharacters.httpURL(meta.url))
        json.key("language"); json.optionalString(ControlCharacters.field(meta.language))
        json.key("language_confidence")
        if let confidence = meta.languageConfidence { json.double(confidence, decimals: 2) } else { json.null() }
        json.key("author"); json.stringArray(meta.authors.map { ControlCharacters.field($0) })
        json.key("description"); json.optionalString(ControlCharacters.field(meta.description))
        json.key("sitename"); json.optionalString(ControlCharacters.field(meta.sitename))
        json.key("page_type"); json.optionalString(ControlCharacters.field(meta.pageType))
        json.key("content_type"); json.string(document.contentType.rawValue)
        json.key("format"); json.string(document.format.rawValue)
        json.key("encoding"); json.string(document.encoding)
        json.key("rules_version"); json.string(rulesVersion)
        json.key("winnow_version"); json.string(WinnowVersion.current)
        json.key("chars"); json.int(ByteText.scalarCount(text))
        json.key("words"); json.int(ByteText.wordCount(text))
        for (key, value) in document.input.containerMetadata {
            json.key(key)
            json.string(ControlCharacters.field(value))
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
