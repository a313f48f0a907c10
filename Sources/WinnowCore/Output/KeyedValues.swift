/// A JSON object whose keys are data (counters by reason, stages by name, cluster sizes), written in the
/// order of `entries`: sorted, or as given (the pipeline's stage order). JSONDecoder keeps no order, so
/// it is read back sorted by key; an entry of another type is left out.
struct KeyedValues<Value: Codable & Sendable & Equatable>: Codable, Sendable, Equatable {
    struct Entry: Sendable, Equatable {
        var key: String
        var value: Value
    }

    var entries: [Entry]

    init(_ entries: [Entry]) { self.entries = entries }

    /// The dictionary's entries sorted by key.
    init(sorting dictionary: [String: Value]) {
        entries = dictionary.keys.sorted().compactMap { key in dictionary[key].map { Entry(key: key, value: $0) } }
    }

    var dictionary: [String: Value] {
        Dictionary(entries.map { ($0.key, $0.value) }, uniquingKeysWith: { _, last in last })
    }

    private struct Key: CodingKey {
        var stringValue: String
        var intValue: Int? { nil }
        init(stringValue: String) { self.stringValue = stringValue }
        init?(intValue: Int) { nil }
    }

    init(from decoder: any Decoder) throws {
        let values = try decoder.container(keyedBy: Key.self)
        entries = values.allKeys.sorted { $0.stringValue < $1.stringValue }.compactMap { key in
            values.lenient(Value.self, key).map { Entry(key: key.stringValue, value: $0) }
        }
    }

    func encode(to encoder: any Encoder) throws {
        var values = encoder.container(keyedBy: Key.self)
        for entry in entries { try values.encode(entry.value, forKey: Key(stringValue: entry.key)) }
    }
}
