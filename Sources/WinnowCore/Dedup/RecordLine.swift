/// Reads `id` and `text` back from an output record line, for documents carried from an earlier
/// generation: the byte-level JSON reader of the metadata path, building only those two members.
enum RecordLine {
    /// nil when the line is not a record (a JSON object with string `id` and `text`).
    static func idAndText(_ line: [UInt8]) -> (id: String, text: [UInt8])? {
        guard let record = JSONLDValue.parse(line, keys: keys)?.object,
              let id = record["id"]?.string, let text = record["text"]?.string else { return nil }
        return (id, Array(text.utf8))
    }

    private static let keys: Set<String> = ["id", "text"]
}
