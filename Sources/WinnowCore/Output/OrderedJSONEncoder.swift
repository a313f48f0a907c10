import Foundation

/// Encodes a `Codable` model as JSON and a newline. `.compact`: one line, keys in the order the model's
/// `encode(to:)` writes them, through `JSONBuffer`: Winnow's per-run files (manifest, report, `status
/// --json`) have a fixed key order and unescaped `/`, which JSONEncoder does not keep; a `Double` is
/// written as it is (the model rounds it as its file keeps it, see `JSONBuffer.round`), integral
/// values without a fraction. `.sortedPretty`: the form `winnow report` has always printed (it was
/// JSONSerialization's `.prettyPrinted` + `.sortedKeys`): indented by two, `"key" : value`, keys in
/// Foundation's numeric, case-insensitive order (JSONEncoder's `.sortedKeys` orders by code point),
/// `/` escaped. It builds a tree first: per-run files only, never per record.
struct OrderedJSONEncoder {
    enum Style { case compact, sortedPretty }

    var style = Style.compact

    func encode<T: Encodable>(_ value: T) throws -> [UInt8] {
        let root = Node()
        try value.encode(to: Writer(node: root, codingPath: []))
        switch style {
        case .compact:
            var json = JSONBuffer()
            root.write(into: &json)
            json.newline()
            return json.bytes
        case .sortedPretty:
            var out: [UInt8] = []
            root.writeSortedPretty(into: &out, depth: 0)
            out.append(UInt8(ascii: "\n"))
            return out
        }
    }

    /// JSONSerialization's `.sortedKeys` order.
    static func precedes(_ a: String, _ b: String) -> Bool {
        a.compare(b, options: [.numeric, .caseInsensitive, .forcedOrdering], range: a.startIndex..<a.endIndex, locale: NSLocale.system) == .orderedAscending
    }

    /// One JSON value; objects keep their keys in the order written.
    private final class Node {
        enum Value {
            case null, bool(Bool), int(Int), number(Double), bigInt(String), string(String)
            case object(keys: [String], values: [Node])
            case array([Node])
        }

        var value = Value.null

        func child(_ key: String) -> Node {
            let node = Node()
            guard case .object(var keys, var values) = value else { value = .object(keys: [key], values: [node]); return node }
            if let index = keys.firstIndex(of: key) {
                values[index] = node
            } else {
                keys.append(key)
                values.append(node)
            }
            value = .object(keys: keys, values: values)
            return node
        }

        func append() -> Node {
            let node = Node()
            guard case .array(var items) = value else { value = .array([node]); return node }
            items.append(node)
            value = .array(items)
            return node
        }

        func makeObject() { if case .object = value {} else { value = .object(keys: [], values: []) } }
        func makeArray() { if case .array = value {} else { value = .array([]) } }

        func writeSortedPretty(into out: inout [UInt8], depth: Int) {
            switch value {
            case .null: out.append(contentsOf: "null".utf8)
            case .bool(let flag): out.append(contentsOf: (flag ? "true" : "false").utf8)
            case .int(let number): out.append(contentsOf: String(number).utf8)
            case .number(let number):
                guard number.isFinite else { out.append(contentsOf: "null".utf8); return }
                var text = number.description
                if text.hasSuffix(".0") { text.removeLast(2) }
                out.append(contentsOf: text.utf8)
            case .bigInt(let text): out.append(contentsOf: text.utf8)
            case .string(let text): Self.appendQuoted(text, to: &out)
            case .object(let keys, let values):
                let order = keys.indices.sorted { OrderedJSONEncoder.precedes(keys[$0], keys[$1]) }
                Self.appendContainer(open: "{", close: "}", count: order.count, depth: depth, to: &out) { n, out in
                    Self.appendQuoted(keys[order[n]], to: &out)
                    out.append(contentsOf: " : ".utf8)
                    values[order[n]].writeSortedPretty(into: &out, depth: depth + 1)
                }
            case .array(let items):
                Self.appendContainer(open: "[", close: "]", count: items.count, depth: depth, to: &out) { n, out in
                    items[n].writeSortedPretty(into: &out, depth: depth + 1)
                }
            }
        }

        /// One member a line, indented by two a level; an empty one has a blank line inside.
        private static func appendContainer(open: Unicode.Scalar, close: Unicode.Scalar, count: Int, depth: Int, to out: inout [UInt8],
                                            member: (Int, inout [UInt8]) -> Void) {
            out.append(UInt8(ascii: open))
            out.append(UInt8(ascii: "\n"))
            for n in 0..<count {
                if n > 0 { out.append(contentsOf: ",\n".utf8) }
                out.append(contentsOf: repeatElement(UInt8(ascii: " "), count: 2 * (depth + 1)))
                member(n, &out)
            }
            out.append(UInt8(ascii: "\n"))
            out.append(contentsOf: repeatElement(UInt8(ascii: " "), count: 2 * depth))
            out.append(UInt8(ascii: close))
        }

        /// `JSONEscaper`'s escapes, and `/` as `\/`.
        private static func appendQuoted(_ text: String, to out: inout [UInt8]) {
            var quoted: [UInt8] = []
            JSONEscaper.appendQuoted(Array(text.utf8), to: &quoted)
            for byte in quoted {
                if byte == UInt8(ascii: "/") { out.append(UInt8(ascii: "\\")) }
                out.append(byte)
            }
        }

        func write(into json: inout JSONBuffer) {
            switch value {
            case .null: json.null()
            case .bool(let flag): json.bool(flag)
            case .int(let number): json.int(number)
            case .number(let number): json.number(number)
            case .bigInt(let text): json.number(text: text)
            case .string(let text): json.string(text)
            case .object(let keys, let values):
                json.beginObject()
                for (key, node) in zip(keys, values) {
                    json.key(key)
                    node.write(into: &json)
                }
                json.endObject()
            case .array(let items):
                json.beginArray()
                for node in items { node.write(into: &json) }
                json.endArray()
            }
        }
    }

    /// A position in the model's tree, as the `Encodable` types see it.
    private struct Writer: Encoder {
        let node: Node
        let codingPath: [any CodingKey]
        var userInfo: [CodingUserInfoKey: Any] { [:] }

        func container<Key: CodingKey>(keyedBy type: Key.Type) -> KeyedEncodingContainer<Key> {
            node.makeObject()
            return KeyedEncodingContainer(Keyed<Key>(node: node, codingPath: codingPath))
        }

        func unkeyedContainer() -> any UnkeyedEncodingContainer {
            node.makeArray()
            return Unkeyed(node: node, codingPath: codingPath)
        }

        func singleValueContainer() -> any SingleValueEncodingContainer { Single(node: node, codingPath: codingPath) }
    }

    private struct Keyed<Key: CodingKey>: KeyedEncodingContainerProtocol {
        let node: Node
        let codingPath: [any CodingKey]

        mutating func encodeNil(forKey key: Key) throws { node.child(key.stringValue).value = .null }

        mutating func encode<T: Encodable>(_ value: T, forKey key: Key) throws {
            try value.encode(to: Writer(node: node.child(key.stringValue), codingPath: codingPath + [key]))
        }

        mutating func nestedContainer<NestedKey: CodingKey>(keyedBy keyType: NestedKey.Type, forKey key: Key) -> KeyedEncodingContainer<NestedKey> {
            Writer(node: node.child(key.stringValue), codingPath: codingPath + [key]).container(keyedBy: keyType)
        }

        mutating func nestedUnkeyedContainer(forKey key: Key) -> any UnkeyedEncodingContainer {
            Writer(node: node.child(key.stringValue), codingPath: codingPath + [key]).unkeyedContainer()
        }

        mutating func superEncoder() -> any Encoder { Writer(node: node.child("super"), codingPath: codingPath) }
        mutating func superEncoder(forKey key: Key) -> any Encoder { Writer(node: node.child(key.stringValue), codingPath: codingPath + [key]) }
    }

    private struct Unkeyed: UnkeyedEncodingContainer {
        let node: Node
        let codingPath: [any CodingKey]
        var count: Int {
            guard case .array(let items) = node.value else { return 0 }
            return items.count
        }

        mutating func encodeNil() throws { node.append().value = .null }

        mutating func encode<T: Encodable>(_ value: T) throws {
            try value.encode(to: Writer(node: node.append(), codingPath: codingPath))
        }

        mutating func nestedContainer<NestedKey: CodingKey>(keyedBy keyType: NestedKey.Type) -> KeyedEncodingContainer<NestedKey> {
            Writer(node: node.append(), codingPath: codingPath).container(keyedBy: keyType)
        }

        mutating func nestedUnkeyedContainer() -> any UnkeyedEncodingContainer { Writer(node: node.append(), codingPath: codingPath).unkeyedContainer() }
        mutating func superEncoder() -> any Encoder { Writer(node: node.append(), codingPath: codingPath) }
    }

    private struct Single: SingleValueEncodingContainer {
        let node: Node
        let codingPath: [any CodingKey]

        mutating func encodeNil() throws { node.value = .null }
        mutating func encode(_ value: Bool) throws { node.value = .bool(value) }
        mutating func encode(_ value: String) throws { node.value = .string(value) }
        mutating func encode(_ value: Double) throws { node.value = .number(value) }
        mutating func encode(_ value: Float) throws { node.value = .number(Double(value)) }
        mutating func encode(_ value: Int) throws { node.value = .int(value) }
        mutating func encode(_ value: Int8) throws { node.value = .int(Int(value)) }
        mutating func encode(_ value: Int16) throws { node.value = .int(Int(value)) }
        mutating func encode(_ value: Int32) throws { node.value = .int(Int(value)) }
        mutating func encode(_ value: Int64) throws { node.value = .int(Int(value)) }
        mutating func encode(_ value: UInt) throws { node.value = .bigInt(String(value)) }
        mutating func encode(_ value: UInt8) throws { node.value = .int(Int(value)) }
        mutating func encode(_ value: UInt16) throws { node.value = .int(Int(value)) }
        mutating func encode(_ value: UInt32) throws { node.value = .int(Int(value)) }
        mutating func encode(_ value: UInt64) throws { node.value = .bigInt(String(value)) }
        mutating func encode<T: Encodable>(_ value: T) throws { try value.encode(to: Writer(node: node, codingPath: codingPath)) }
    }
}
