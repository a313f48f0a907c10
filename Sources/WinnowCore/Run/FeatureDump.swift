/// `winnow features`: for each HTML input, every block's text and the row of numbers the block
/// classifier reads (`BlockFeatures.names`); for each text input, every line the line model decides
/// and its row (`LineFeatures.names`); one JSON line per page:
/// `{"source": ..., "names": [...], "page_names": [...] (first line only, HTML), "page": [PageTypeFeatures
/// row] (HTML), "blocks": [{"text": ..., "f": [...]}]}`.
/// It is how `Scripts/train-block-model.py` and `Scripts/train-line-model.py` get training data that
/// is exactly what inference sees. Dump HTML and text inputs separately: the names are the first line's.
public struct FeatureDump: Sendable {
    let pipeline: Pipeline

    public init(config: LoadedConfig) {
        pipeline = Pipeline(config: config, added: "1970-01-01T00:00:00Z")
    }

    /// The JSON line for one input, or nil when it was dropped before extraction.
    public func line(for input: InputItem, withNames: Bool) -> [UInt8]? {
        var document = WorkingDocument(input: input)
        guard let extract = pipeline.chain.stage(ExtractStage.self), pipeline.chain.upTo(ExtractStage.self).run(&document) == nil else { return nil }
        let texts: [[UInt8]], rows: [Double], names: [String]
        var chars: [Int]?  // HTML: each block's characters, for the page-type row
        if let tree = document.tree {
            let (blocks, blockRows) = extract.featureRows(tree)
            (texts, rows, names) = (blocks.map(\.text), blockRows, BlockFeatures.names)
            chars = blocks.map(\.chars)
        } else {
            (texts, rows) = extract.textFeatureRows(document.lines)
            names = LineFeatures.names
        }
        let width = names.count
        guard rows.count == texts.count * width else { return nil }
        var json = JSONBuffer(capacity: 4096)
        json.beginObject()
        json.key("source"); json.string(input.source)
        if withNames {
            json.key("names"); json.stringArray(names)
            if chars != nil { json.key("page_names"); json.stringArray(PageTypeFeatures.names) }
        }
        if let chars {
            json.key("page")
            json.beginArray()
            for value in PageTypeFeatures.row(rows: rows, chars: chars) { json.exactDouble(value) }
            json.endArray()
        }
        json.key("blocks")
        json.beginArray()
        for (b, text) in texts.enumerated() {
            json.beginObject()
            json.key("text"); json.string(bytes: text[...])
            json.key("f")
            json.beginArray()
            for value in rows[b * width..<(b + 1) * width] { json.exactDouble(value) }
            json.endArray()
            json.endObject()
        }
        json.endArray()
        json.endObject()
        json.newline()
        return json.bytes
    }
}
