/// A JSON writer into a byte buffer: fixed key order, UTF-8 left unescaped where JSON allows, and
/// no Foundation on the way (JSONEncoder is ~4x slower and may reorder keys; see DESIGN.md).
public struct JSONBuffer: Sendable {
    public private(set) var bytes: [UInt8] = []
    private var needsComma: [Bool] = []

    public init(capacity: Int = 4096) { bytes.reserveCapacity(capacity) }

    public mutating func beginObject() { separator(); bytes.append(UInt8(ascii: "{")); needsComma.append(false) }
    public mutating func endObject() { needsComma.removeLast(); bytes.append(UInt8(ascii: "}")) }
    public mutating func beginArray() { separator(); bytes.append(UInt8(ascii: "[")); needsComma.append(false) }
    public mutating func endArray() { needsComma.removeLast(); bytes.append(UInt8(ascii: "]")) }

    public mutating func key(_ name: StaticString) {
        separator()
        bytes.append(UInt8(ascii: "\""))
        name.withUTF8Buffer { bytes.append(contentsOf: $0) }
        bytes.append(contentsOf: [UInt8(ascii: "\""), UInt8(ascii: ":")])
        // The value that follows must not add another comma.
        needsComma[needsComma.count - 1] = false
    }

    /// A key that comes from data (report counters, rule names).
    public mutating func key(_ name: String) {
        separator()
        JSONEscaper.appendQuoted(Array(name.utf8)[...], to: &bytes)
        bytes.append(UInt8(ascii: ":"))
        needsComma[needsComma.count - 1] = false
    }

    public mutating func string(_ value: String) {
        separator()
        var copy = value
        copy.withUTF8 { JSONEscaper.appendQuoted($0, to: &bytes) }
    }

    public mutating func string(bytes value: ArraySlice<UInt8>) {
        separator()
        JSONEscaper.appendQuoted(value, to: &bytes)
    }

    public mutating func optionalString(_ value: String?) {
        if let value { string(value) } else { null() }
    }

    public mutating func int(_ value: Int) { separator(); bytes.append(contentsOf: String(value).utf8) }

    public mutating func double(_ value: Double, decimals: Int = 3) { number(JSONBuffer.round(value, decimals: decimals)) }

    /// `value` rounded to `decimals` places, as `double(_:decimals:)` writes it: a model of a file
    /// stores its numbers rounded so, and `OrderedJSONEncoder` writes them with `number`.
    public static func round(_ value: Double, decimals: Int) -> Double {
        var scale = 1.0
        for _ in 0..<decimals { scale *= 10 }
        return (value * scale).rounded() / scale
    }

    /// A number as it is: integral values without a fraction, others as Swift prints them; null if not finite.
    mutating func number(_ value: Double) {
        separator()
        guard value.isFinite else { bytes.append(contentsOf: "null".utf8); return }
        if value == value.rounded(), abs(value) < 1e15 {
            bytes.append(contentsOf: String(Int(value)).utf8)
        } else {
            bytes.append(contentsOf: String(value).utf8)
        }
    }

    /// A number already in JSON form (an integer too large for `Int`).
    mutating func number(text: String) { separator(); bytes.append(contentsOf: text.utf8) }

    /// A finite number as Swift prints it: the shortest text that reads back as the same `Double`.
    public mutating func exactDouble(_ value: Double) {
        separator()
        bytes.append(contentsOf: (value.isFinite ? String(value) : "null").utf8)
    }

    public mutating func bool(_ value: Bool) { separator(); bytes.append(contentsOf: (value ? "true" : "false").utf8) }
    public mutating func null() { separator(); bytes.append(contentsOf: "null".utf8) }

    public mutating func stringArray(_ values: [String]) {
        beginArray()
        for value in values { string(value) }
        endArray()
    }

    public mutating func newline() { bytes.append(UInt8(ascii: "\n")) }

    private mutating func separator() {
        guard !needsComma.isEmpty else { return }
        if needsComma[needsComma.count - 1] { bytes.append(UInt8(ascii: ",")) }
        needsComma[needsComma.count - 1] = true
    }
}

/// String escaping per RFC 8259 on raw bytes; invalid UTF-8 becomes U+FFFD so a line is always valid JSON.
public enum JSONEscaper {
    private static let hex: [UInt8] = Array("0123456789abcdef".utf8)
    private static let replacement: [UInt8] = [0xEF, 0xBF, 0xBD]

    public static func appendQuoted<C: Collection>(_ input: C, to out: inout [UInt8]) where C.Element == UInt8, C.Index == Int {
        out.append(UInt8(ascii: "\""))
        var i = input.startIndex
        let end = input.endIndex
        // Bytes that need no escaping are copied in runs.
        var run = i
        while i < end {
            let byte = input[i]
            if byte >= 0x20 && byte < 0x80 && byte != UInt8(ascii: "\"") && byte != UInt8(ascii: "\\") {
                i += 1
                continue
            }
            if byte >= 0x80 {
                let length = UTF8Validation.sequenceLength(input, at: i, end: end)
                if length > 0 { i += length; continue }
            }
            out.append(contentsOf: input[run..<i])
            if byte >= 0x80 {
                out.append(contentsOf: replacement)  // not valid UTF-8
            } else if byte >= 0x20 {
                out.append(UInt8(ascii: "\\"))
                out.append(byte)
            } else {
                out.append(UInt8(ascii: "\\"))
                switch byte {
                case 0x0A: out.append(UInt8(ascii: "n"))
                case 0x0D: out.append(UInt8(ascii: "r"))
                case 0x09: out.append(UInt8(ascii: "t"))
                case 0x08: out.append(UInt8(ascii: "b"))
                case 0x0C: out.append(UInt8(ascii: "f"))
                default:
                    out.append(contentsOf: [UInt8(ascii: "u"), UInt8(ascii: "0"), UInt8(ascii: "0"), hex[Int(byte >> 4)], hex[Int(byte & 0xF)]])
                }
            }
            i += 1
            run = i
        }
        out.append(contentsOf: input[run..<end])
        out.append(UInt8(ascii: "\""))
    }
}
