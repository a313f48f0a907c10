/// `winnow features`: for each HTML input, every block's text and the row of numbers the block
/// classifier reads (`BlockFeatures.names`), one JSON line per page:
/// `{"source": ..., "names": [...], "page_names": [...] (first line only), "page": [PageTypeFeatures row],
/// "blocks": [{"text": ..., "f": [...]}]}`.
/// It is how `Scripts/train-block-model.py` gets training data that is exactly what inference sees.
public struct FeatureDump: Sendable {
    let pipeline: Pipeline

    public init(config: LoadedConfig) {
        pipeline = Pipeline(config: config, added: "1970-01-01T00:00:00Z")
    }

    /// The JSON line for one input, or nil when it is not HTML or was dropped before extraction.
    public func line(for input: InputItem, withNames: Bool) -> [UInt8]? {
        var document = WorkingDocument(input: input)
        for stage in pipeline.stages {
            if let extract = stage as? ExtractStage {
                guard let tree = document.tree else { return nil }
                let (blocks, rows) = extract.featureRows(tree)
                var json = JSONBuffer(capacity: 4096)
                json.beginObject()
                json.key("source"); json.string(input.source)
                if withNames {
                    json.key("names"); json.stringArray(BlockFeatures.names)
                    json.key("page_names"); json.stringArray(PageTypeFeatures.names)
                }
                json.key("page")
                json.beginArray()
                for value in PageTypeFeatures.row(rows: rows, chars: blocks.map(\.chars)) { json.exactDouble(value) }
                json.endArray()
                json.key("blocks")
                json.beginArray()
                for (b, block) in blocks.enumerated() {
                    json.beginObject()
                    json.key("text"); json.string(bytes: block.text[...])
                    json.key("f")
                    json.beginArray()
                    for value in rows[b * BlockFeatures.count..<(b + 1) * BlockFeatures.count] { json.exactDouble(value) }
                    json.endArray()
                    json.endObject()
                }
                json.endArray()
                json.endObject()
                json.newline()
                return json.bytes
            }
            if case .drop = stage.run(&document) { return nil }
        }
        return nil
    }
}
