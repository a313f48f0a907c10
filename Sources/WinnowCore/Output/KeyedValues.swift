/// A JSON object whose keys are data (counters by reason, stages by name, cluster sizes), written in the
/// order of `entries`: sorted, or as given (the pipeline's stage order, cluster sizes by number).
/// JSONDecoder keeps no order, so it is read back sorted by key; an entry of another type is left out.
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

    var isEmpty: Bool { entries.isEmpty }

    /// `other`'s entries combined into these where the key is the same, after them where it is new.
    func merging(_ other: Self, _ combine: (Value, Value) -> Value) -> Self {
        var entries = entries
        for entry in other.entries {
            if let index = entries.firstIndex(where: { $0.key == entry.key }) {
                entries[index].value = combine(entries[index].value, entry.value)
            } else {
                entries.append(entry)
            }
        }
        return Self(entries)
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
