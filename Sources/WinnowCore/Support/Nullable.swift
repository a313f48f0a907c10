/// A field that a file states as null when it has no value (`status --json`: `"pid":null`), where a
/// synthesized `encode(to:)` would leave an optional's key out. Read as an ordinary optional.
@propertyWrapper
struct Nullable<Value: Codable & Sendable & Equatable>: Codable, Sendable, Equatable {
    var wrappedValue: Value?

    init(wrappedValue: Value?) { self.wrappedValue = wrappedValue }

    init(from decoder: any Decoder) throws {
        let value = try decoder.singleValueContainer()
        wrappedValue = value.decodeNil() ? nil : try value.decode(Value.self)
    }

    func encode(to encoder: any Encoder) throws {
        var value = encoder.singleValueContainer()
        if let wrappedValue { try value.encode(wrappedValue) } else { try value.encodeNil() }
    }
}

extension KeyedDecodingContainer {
    /// What synthesized `init(from:)` calls for a `@Nullable` field: a missing key is nil too.
    func decode<Value>(_ type: Nullable<Value>.Type, forKey key: Key) throws -> Nullable<Value> {
        Nullable(wrappedValue: try decodeIfPresent(Value.self, forKey: key))
    }
}

extension KeyedEncodingContainer {
    /// What synthesized `encode(to:)` calls for a `@Nullable` field: null when it has no value.
    mutating func encode<Value>(_ value: Nullable<Value>, forKey key: Key) throws {
        if let wrapped = value.wrappedValue { try encode(wrapped, forKey: key) } else { try encodeNil(forKey: key) }
    }
}
