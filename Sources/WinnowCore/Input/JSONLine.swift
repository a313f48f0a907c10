/// One JSONL line checked against RFC 8259 without recursion, keeping only the values of a few key
/// paths. JSONSerialization rejects valid JSON — nesting 10,000 deep, a number such as 1e999999999,
/// a lone surrogate escape ("\ud800") — and builds every value of the line; this reads any depth
/// with a stack of container kinds, keeps numbers as their text, and decodes a lone surrogate as
/// U+FFFD (as browsers and Python do).
struct JSONLine {
    enum Value: Equatable {
        case string(String)
        /// The number's text as written (any size).
        case number(String)
        /// true, false, null, an object or an array.
        case other
    }

    enum Failure: Error, Equatable {
        case invalid(String)
        case notObject
    }

    /// Values of top-level keys (a key may contain dots).
    private(set) var direct: [String: Value] = [:]
    /// Values at dotted paths through nested objects (`metadata.url`).
    private(set) var nested: [String: Value] = [:]

    /// The value at `path`: the whole name as a top-level key first, then the path through objects.
    func value(_ path: String) -> Value? { direct[path] ?? nested[path] }

    /// Parses `bytes` (one line, valid UTF-8); `wanted`: the paths whose values are kept.
    static func parse(_ bytes: [UInt8], wanted: Set<String>) throws(Failure) -> JSONLine {
        var parser = Parser(bytes: bytes, wanted: wanted)
        try parser.run()
        return parser.line
    }

    private struct Parser {
        let bytes: [UInt8]
        let wanted: Set<String>
        /// Longest wanted path, in components: deeper keys are never joined.
        let maxComponents: Int
        var line = JSONLine()
        var i = 0
        /// Open containers: true for an object.
        var stack: [Bool] = []
        /// The current key of each open object, up to `maxComponents` deep (nil past that).
        var keys: [String] = []
        var arrays = 0
        var topIsObject = false
        /// A container was just opened: its first member or its end comes next.
        var justOpened = false

        init(bytes: [UInt8], wanted: Set<String>) {
            self.bytes = bytes
            self.wanted = wanted
            maxComponents = wanted.map { $0.split(separator: ".", omittingEmptySubsequences: false).count }.max() ?? 0
        }

        func fail(_ what: String) -> Failure { .invalid("\(what) at byte \(i + 1)") }

        mutating func skipSpace() {
            while i < bytes.count, bytes[i] == 0x20 || bytes[i] == 0x09 || bytes[i] == 0x0A || bytes[i] == 0x0D { i += 1 }
        }

        /// The path of the value about to be read, when it can be wanted (in objects only, not too deep).
        var currentPath: String? {
            guard arrays == 0, !keys.isEmpty, keys.count == stack.count, keys.count <= maxComponents else { return nil }
            return keys.joined(separator: ".")
        }

        mutating func record(_ value: Value) {
            guard let path = currentPath, wanted.contains(path) else { return }
            if keys.count == 1 { line.direct[path] = value } else { line.nested[path] = value }
        }

        mutating func run() throws(Failure) {
            // A byte order mark (the first line of a file saved by some editors) is not part of the JSON.
            if bytes.starts(with: [0xEF, 0xBB, 0xBF]) { i = 3 }
            skipSpace()
            guard i < bytes.count else { throw fail("no value") }
            topIsObject = bytes[i] == UInt8(ascii: "{")
            try value()
            // Members are read here, in a loop, so that nesting costs no stack.
            while true {
                skipSpace()
                guard let open = stack.last else { break }
                guard i < bytes.count else { throw fail("unexpected end") }
                let byte = bytes[i]
                let closing = UInt8(ascii: open ? "}" : "]")
                if justOpened {
                    justOpened = false
                    if byte == closing {
                        i += 1
                        close()
                        continue
                    }
                    if open { try key() }
                    try value()
                } else if byte == UInt8(ascii: ",") {
                    i += 1
                    if open { try key() }
                    try value()
                } else if byte == closing {
                    i += 1
                    close()
                } else {
                    throw fail(open ? "expected ',' or '}'" : "expected ',' or ']'")
                }
            }
            guard i == bytes.count else { throw fail("data after the value") }
            guard topIsObject else { throw .notObject }
        }

        mutating func close() {
            if stack.removeLast() {
                if keys.count > stack.count { keys.removeLast() }
            } else {
                arrays -= 1
            }
        }

        /// `"name" :` inside an object; the key replaces the object's current one.
        mutating func key() throws(Failure) {
            skipSpace()
            guard i < bytes.count, bytes[i] == UInt8(ascii: "\"") else { throw fail("expected a key") }
            let depth = stack.count
            let name = try string(decode: depth <= maxComponents)
            if depth <= maxComponents {
                if keys.count == depth { keys[depth - 1] = name ?? "" } else if keys.count == depth - 1 { keys.append(name ?? "") }
            }
            skipSpace()
            guard i < bytes.count, bytes[i] == UInt8(ascii: ":") else { throw fail("expected ':'") }
            i += 1
        }

        /// One value; an object or array is only opened (`run` reads its members).
        mutating func value() throws(Failure) {
            skipSpace()
            guard i < bytes.count else { throw fail("expected a value") }
            switch bytes[i] {
            case UInt8(ascii: "{"), UInt8(ascii: "["):
                let object = bytes[i] == UInt8(ascii: "{")
                record(.other)
                i += 1
                stack.append(object)
                if !object { arrays += 1 }
                justOpened = true
            case UInt8(ascii: "\""):
                let wantedHere = currentPath.map { wanted.contains($0) } ?? false
                let text = try string(decode: wantedHere)
                if let text { record(.string(text)) }
            case UInt8(ascii: "-"), UInt8(ascii: "0")...UInt8(ascii: "9"):
                let start = i
                try number()
                record(.number(String(decoding: bytes[start..<i], as: UTF8.self)))
            default:
                for literal in ["true", "false", "null"] where bytes[i...].starts(with: literal.utf8) {
                    i += literal.utf8.count
                    record(.other)
                    return
                }
                throw fail("unexpected character")
            }
        }

        mutating func number() throws(Failure) {
            func digits() -> Int {
                let start = i
                while i < bytes.count, bytes[i] >= 0x30 && bytes[i] <= 0x39 { i += 1 }
                return i - start
            }
            if bytes[i] == UInt8(ascii: "-") { i += 1 }
            guard i < bytes.count else { throw fail("bad number") }
            if bytes[i] == UInt8(ascii: "0") { i += 1 } else if digits() == 0 { throw fail("bad number") }
            if i < bytes.count, bytes[i] == UInt8(ascii: ".") {
                i += 1
                guard digits() > 0 else { throw fail("bad number") }
            }
            if i < bytes.count, bytes[i] == UInt8(ascii: "e") || bytes[i] == UInt8(ascii: "E") {
                i += 1
                if i < bytes.count, bytes[i] == UInt8(ascii: "+") || bytes[i] == UInt8(ascii: "-") { i += 1 }
                guard digits() > 0 else { throw fail("bad number") }
            }
        }

        /// A string at `i` (the opening quote); its decoded text when `decode`.
        mutating func string(decode: Bool) throws(Failure) -> String? {
            i += 1
            var out: [UInt8] = []
            var pendingHigh: UInt32?
            func flushHigh() {
                if pendingHigh != nil { out.append(contentsOf: [0xEF, 0xBF, 0xBD]); pendingHigh = nil }
            }
            while true {
                guard i < bytes.count else { throw fail("unterminated string") }
                let byte = bytes[i]
                if byte == UInt8(ascii: "\"") {
                    i += 1
                    break
                }
                guard byte >= 0x20 else { throw fail("control character in a string") }
                if byte != UInt8(ascii: "\\") {
                    if decode { flushHigh(); out.append(byte) }
                    i += 1
                    continue
                }
                guard i + 1 < bytes.count else { throw fail("unterminated string") }
                let escape = bytes[i + 1]
                i += 2
                var simple: UInt8?
                switch escape {
                case UInt8(ascii: "\""): simple = 0x22
                case UInt8(ascii: "\\"): simple = 0x5C
                case UInt8(ascii: "/"): simple = 0x2F
                case UInt8(ascii: "b"): simple = 0x08
                case UInt8(ascii: "f"): simple = 0x0C
                case UInt8(ascii: "n"): simple = 0x0A
                case UInt8(ascii: "r"): simple = 0x0D
                case UInt8(ascii: "t"): simple = 0x09
                case UInt8(ascii: "u"):
                    guard i + 4 <= bytes.count else { throw fail("bad \\u escape") }
                    var unit: UInt32 = 0
                    for k in 0..<4 {
                        let h = bytes[i + k]
                        let nibble: UInt32
                        switch h {
                        case 0x30...0x39: nibble = UInt32(h - 0x30)
                        case 0x41...0x46: nibble = UInt32(h - 0x41 + 10)
                        case 0x61...0x66: nibble = UInt32(h - 0x61 + 10)
                        default: throw fail("bad \\u escape")
                        }
                        unit = unit << 4 | nibble
                    }
                    i += 4
                    guard decode else { continue }
                    if (0xDC00...0xDFFF).contains(unit), let high = pendingHigh {
                        pendingHigh = nil
                        append(0x10000 + ((high - 0xD800) << 10) + (unit - 0xDC00), to: &out)
                    } else if (0xD800...0xDBFF).contains(unit) {
                        flushHigh()
                        pendingHigh = unit
                    } else {
                        flushHigh()
                        // A lone low surrogate is not a scalar either.
                        append((0xDC00...0xDFFF).contains(unit) ? 0xFFFD : unit, to: &out)
                    }
                default:
                    throw fail("bad escape")
                }
                if let simple, decode { flushHigh(); out.append(simple) }
            }
            guard decode else { return nil }
            flushHigh()
            return String(decoding: out, as: UTF8.self)
        }

        func append(_ scalar: UInt32, to out: inout [UInt8]) { Transcoder.appendUTF8(scalar, to: &out) }
    }
}
