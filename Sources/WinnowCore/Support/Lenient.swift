/// A field of one of Winnow's own files, read leniently: missing, null or of another type is nil (see
/// `KeyedDecodingContainer.lenient`); written only when it has a value. With it a model's `Codable`
/// conformance can be synthesized: keys in the order the fields are declared.
@propertyWrapper
struct Lenient<Value: Codable & Sendable & Equatable>: Codable, Sendable, Equatable {
    var wrappedValue: Value?

    init(wrappedValue: Value?) { self.wrappedValue = wrappedValue }

    init(from decoder: any Decoder) throws { wrappedValue = try? decoder.singleValueContainer().decode(Value.self) }

    func encode(to encoder: any Encoder) throws {
        var value = encoder.singleValueContainer()
        if let wrappedValue { try value.encode(wrappedValue) } else { try value.encodeNil() }
    }
}

extension KeyedDecodingContainer {
    /// What synthesized `init(from:)` calls for a `@Lenient` field: a missing key is nil, not an error.
    func decode<Value>(_ type: Lenient<Value>.Type, forKey key: Key) throws -> Lenient<Value> {
        Lenient(wrappedValue: lenient(Value.self, key))
    }
}

extension KeyedEncodingContainer {
    /// What synthesized `encode(to:)` calls for a `@Lenient` field: nothing when it has no value.
    mutating func encode<Value>(_ value: Lenient<Value>, forKey key: Key) throws {
        try encodeIfPresent(value.wrappedValue, forKey: key)
    }
}
