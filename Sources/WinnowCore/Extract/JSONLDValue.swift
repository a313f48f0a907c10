/// A JSON value as JSON-LD metadata needs it, read straight from UTF-8 bytes: strings, arrays and
/// objects (keys in order); numbers, booleans and null are kept only as `.other`. Replaces
/// Foundation's JSONSerialization on this path, which cost more than the rest of the metadata
/// extraction together (bridged dictionaries per object).
enum JSONLDValue {
    case string(String)
    case array([JSONLDValue])
    case object(JSONLDObject)
    case other

    /// Nesting deeper than this is not metadata: such a script is ignored, like invalid JSON.
    static let maxDepth = 64

    /// The value of a whole script, or nil when it is not valid JSON. Raw control characters inside
    /// strings are accepted (pages write them; browsers and search engines accept them too). With
    /// `keys`, members under other keys are checked for validity but not built (`articleBody` can be
    /// the whole article); they still count in `JSONLDObject.memberCount`.
    static func parse(_ bytes: [UInt8], keys: Set<String>? = nil) -> JSONLDValue? {
        bytes.withUnsafeBufferPointer { buffer in
            var reader = Reader(bytes: buffer, keys: keys)
            reader.skipSpace()
            guard let value = reader.value(depth: 0) else { return nil }
            reader.skipSpace()
            return reader.i == buffer.count ? value : nil
        }
    }

    var string: String? {
        if case .string(let value) = self { return value }
        return nil
    }

    var object: JSONLDObject? {
        if case .object(let value) = self { return value }
        return nil
    }

    private struct Reader {
        let bytes: UnsafeBufferPointer<UInt8>
        let keys: Set<String>?
        var i = 0

        init(bytes: UnsafeBufferPointer<UInt8>, keys: Set<String>?) {
            self.bytes = bytes
            self.keys = keys
        }

        mutating func skipSpace() {
            while i < bytes.count, bytes[i] == 0x20 || bytes[i] == 0x0A || bytes[i] == 0x0D || bytes[i] == 0x09 { i += 1 }
        }

        mutating func value(depth: Int) -> JSONLDValue? {
            guard i < bytes.count, depth < JSONLDValue.maxDepth else { return nil }
            switch bytes[i] {
            case UInt8(ascii: "\""):
                return string().map(JSONLDValue.string)
            case UInt8(ascii: "{"):
                i += 1
                var object = JSONLDObject()
                skipSpace()
                if i < bytes.count && bytes[i] == UInt8(ascii: "}") { i += 1; return .object(object) }
                while true {
                    skipSpace()
                    guard i < bytes.count, bytes[i] == UInt8(ascii: "\""), let key = string() else { return nil }
                    skipSpace()
                    guard i < bytes.count, bytes[i] == UInt8(ascii: ":") else { return nil }
                    i += 1
                    skipSpace()
                    object.memberCount += 1
                    if let keys, !keys.contains(key) {
                        guard skip(depth: depth + 1) else { return nil }
                    } else {
                        guard let member = value(depth: depth + 1) else { return nil }
                        object.keys.append(key)
                        object.values.append(member)
                    }
                    skipSpace()
                    guard i < bytes.count else { return nil }
                    if bytes[i] == UInt8(ascii: ",") { i += 1; continue }
                    guard bytes[i] == UInt8(ascii: "}") else { return nil }
                    i += 1
                    return .object(object)
                }
            case UInt8(ascii: "["):
                i += 1
                var items: [JSONLDValue] = []
                skipSpace()
                if i < bytes.count && bytes[i] == UInt8(ascii: "]") { i += 1; return .array(items) }
                while true {
                    skipSpace()
                    guard let item = value(depth: depth + 1) else { return nil }
                    items.append(item)
                    skipSpace()
                    guard i < bytes.count else { return nil }
                    if bytes[i] == UInt8(ascii: ",") { i += 1; continue }
                    guard bytes[i] == UInt8(ascii: "]") else { return nil }
                    i += 1
                    return .array(items)
                }
            default:
                return scalar() ? .other : nil
            }
        }

        /// Reads past a value, checking it the way `value` would, without building it.
        mutating func skip(depth: Int) -> Bool {
            guard i < bytes.count, depth < JSONLDValue.maxDepth else { return false }
            let open = bytes[i]
            switch open {
            case UInt8(ascii: "\""):
                return skipString()
            case UInt8(ascii: "{"), UInt8(ascii: "["):
                let close = open == UInt8(ascii: "{") ? UInt8(ascii: "}") : UInt8(ascii: "]")
                i += 1
                skipSpace()
                if i < bytes.count && bytes[i] == close { i += 1; return true }
                while true {
                    skipSpace()
                    if open == UInt8(ascii: "{") {
                        guard i < bytes.count, bytes[i] == UInt8(ascii: "\""), skipString() else { return false }
                        skipSpace()
                        guard i < bytes.count, bytes[i] == UInt8(ascii: ":") else { return false }
                        i += 1
                        skipSpace()
                    }
                    guard skip(depth: depth + 1) else { return false }
                    skipSpace()
                    guard i < bytes.count else { return false }
                    if bytes[i] == UInt8(ascii: ",") { i += 1; continue }
                    guard bytes[i] == close else { return false }
                    i += 1
                    return true
                }
            default:
                return scalar()
            }
        }

        /// Past a string starting at its quote, with the escape checks of `string`.
        private mutating func skipString() -> Bool {
            i += 1
            while i < bytes.count {
                let byte = bytes[i]
                if byte == UInt8(ascii: "\"") { i += 1; return true }
                guard byte == UInt8(ascii: "\\") else { i += 1; continue }
                guard i + 1 < bytes.count else { return false }
                let escape = bytes[i + 1]
                i += 2
                if escape == UInt8(ascii: "u") {
                    guard let scalar = hex4() else { return false }
                    // A high surrogate's partner must be a valid escape too.
                    if scalar >= 0xD800 && scalar < 0xDC00, i + 1 < bytes.count, bytes[i] == UInt8(ascii: "\\"), bytes[i + 1] == UInt8(ascii: "u") {
                        i += 2
                        guard hex4() != nil else { return false }
                    }
                }
            }
            return false
        }

        /// A number, true, false or null.
        private mutating func scalar() -> Bool {
            for word in [JSONLDValue.trueBytes, JSONLDValue.falseBytes, JSONLDValue.nullBytes] where i + word.count <= bytes.count {
                if word.indices.allSatisfy({ bytes[i + $0] == word[$0] }) { i += word.count; return true }
            }
            let start = i
            if i < bytes.count && bytes[i] == UInt8(ascii: "-") { i += 1 }
            var digits = 0
            while i < bytes.count, bytes[i] >= 0x30 && bytes[i] <= 0x39 || bytes[i] == UInt8(ascii: ".") || bytes[i] == UInt8(ascii: "e")
                    || bytes[i] == UInt8(ascii: "E") || bytes[i] == UInt8(ascii: "+") || bytes[i] == UInt8(ascii: "-") {
                if bytes[i] >= 0x30 && bytes[i] <= 0x39 { digits += 1 }
                i += 1
            }
            if digits == 0 { i = start }
            return digits > 0
        }

        /// A string starting at the opening quote; escapes decoded, bad `\u` surrogates as U+FFFD.
        private mutating func string() -> String? {
            i += 1
            let start = i
            // Fast path: no escapes.
            while i < bytes.count && bytes[i] != UInt8(ascii: "\"") && bytes[i] != UInt8(ascii: "\\") { i += 1 }
            guard i < bytes.count else { return nil }
            if bytes[i] == UInt8(ascii: "\"") {
                i += 1
                return String(decoding: UnsafeBufferPointer(rebasing: bytes[start..<i - 1]), as: UTF8.self)
            }
            var out = Array(bytes[start..<i])
            while i < bytes.count {
                let byte = bytes[i]
                if byte == UInt8(ascii: "\"") {
                    i += 1
                    return String(decoding: out, as: UTF8.self)
                }
                guard byte == UInt8(ascii: "\\") else { out.append(byte); i += 1; continue }
                guard i + 1 < bytes.count else { return nil }
                let escape = bytes[i + 1]
                i += 2
                switch escape {
                case UInt8(ascii: "n"): out.append(0x0A)
                case UInt8(ascii: "t"): out.append(0x09)
                case UInt8(ascii: "r"): out.append(0x0D)
                case UInt8(ascii: "b"): out.append(0x08)
                case UInt8(ascii: "f"): out.append(0x0C)
                case UInt8(ascii: "u"):
                    guard var scalar = hex4() else { return nil }
                    if scalar >= 0xD800 && scalar < 0xDC00 {
                        // A high surrogate: the low one follows as another \u escape.
                        if i + 1 < bytes.count, bytes[i] == UInt8(ascii: "\\"), bytes[i + 1] == UInt8(ascii: "u") {
                            i += 2
                            guard let low = hex4() else { return nil }
                            scalar = (low >= 0xDC00 && low < 0xE000) ? 0x10000 + ((scalar - 0xD800) << 10) + (low - 0xDC00) : 0xFFFD
                        } else {
                            scalar = 0xFFFD
                        }
                    } else if scalar >= 0xDC00 && scalar < 0xE000 {
                        scalar = 0xFFFD
                    }
                    out.append(contentsOf: Array(String(Character(Unicode.Scalar(scalar) ?? "\u{FFFD}")).utf8))
                default:
                    out.append(escape)  // \" \\ \/ and anything else taken as itself
                }
            }
            return nil
        }

        private mutating func hex4() -> UInt32? {
            guard i + 4 <= bytes.count else { return nil }
            var value: UInt32 = 0
            for _ in 0..<4 {
                let c = bytes[i]
                let digit: UInt32
                switch c {
                case 0x30...0x39: digit = UInt32(c - 0x30)
                case 0x41...0x46: digit = UInt32(c - 0x41 + 10)
                case 0x61...0x66: digit = UInt32(c - 0x61 + 10)
                default: return nil
                }
                value = value << 4 | digit
                i += 1
            }
            return value
        }
    }

    private static let trueBytes = Array("true".utf8), falseBytes = Array("false".utf8), nullBytes = Array("null".utf8)
}

/// A JSON object's members in document order; a repeated key reads as its last value.
struct JSONLDObject {
    var keys: [String] = []
    var values: [JSONLDValue] = []
    /// Members in the source, including those not built (see `JSONLDValue.parse(_:keys:)`).
    var memberCount = 0

    subscript(key: String) -> JSONLDValue? {
        var k = keys.count - 1
        while k >= 0 {
            if keys[k] == key { return values[k] }
            k -= 1
        }
        return nil
    }
}
