/// A parsed selector list from the CSS subset Winnow supports: `tag`, `*`, `.class`, `#id`, `[attr]`,
/// `[attr=v]`, `[attr~=v]`, `[attr*=v]`, `[attr^=v]`, `[attr$=v]` (add ` i` inside the brackets to
/// ignore ASCII case), descendant (space) and child (`>`) combinators, and `,` lists.
public struct CSSSelector: Sendable, CustomStringConvertible {
    public enum Combinator: Sendable { case descendant, child }

    public enum AttributeOperator: Sendable { case exists, equals, word, contains, prefix, suffix }

    public struct AttributeTest: Sendable {
        public var name: String
        public var op: AttributeOperator
        public var value: [UInt8]
        public var ignoreCase: Bool
    }

    public struct Compound: Sendable {
        /// nil = any element.
        public var tag: String?
        public var classes: [[UInt8]] = []
        public var ids: [[UInt8]] = []
        public var attributes: [AttributeTest] = []
    }

    /// One complex selector, stored right to left: `compounds[0]` is the subject, `combinators[i]`
    /// links `compounds[i]` to `compounds[i + 1]` (its ancestor side).
    public struct Complex: Sendable {
        public var compounds: [Compound]
        public var combinators: [Combinator]
    }

    public let alternatives: [Complex]
    public let description: String

    public init(_ text: String) throws(CSSSelectorParser.Error) {
        var parser = CSSSelectorParser(text)
        alternatives = try parser.parseList()
        description = text
    }

    /// Attribute names the selector reads, so the parser keeps them.
    public var attributeNames: [String] {
        alternatives.flatMap { $0.compounds.flatMap { $0.attributes.map(\.name) } }
    }
}

/// Parser for `CSSSelector`; errors carry a position and a reason for the config error message.
public struct CSSSelectorParser {
    public struct Error: Swift.Error, CustomStringConvertible, Sendable {
        public let message: String
        public var description: String { message }
    }

    private let bytes: [UInt8]
    private var i = 0

    init(_ text: String) { bytes = Array(text.utf8) }

    static func isNameByte(_ b: UInt8) -> Bool {
        (b >= 0x61 && b <= 0x7A) || (b >= 0x41 && b <= 0x5A) || (b >= 0x30 && b <= 0x39) || b == 0x2D || b == 0x5F || b >= 0x80
    }

    mutating func parseList() throws(Error) -> [CSSSelector.Complex] {
        var list: [CSSSelector.Complex] = []
        repeat {
            skipSpace()
            list.append(try parseComplex())
            skipSpace()
        } while consume(UInt8(ascii: ","))
        guard i == bytes.count else { throw fail("unexpected '\(String(decoding: [bytes[i]], as: UTF8.self))'") }
        return list
    }

    private mutating func parseComplex() throws(Error) -> CSSSelector.Complex {
        var compounds = [try parseCompound()]
        var combinators: [CSSSelector.Combinator] = []
        while true {
            let hadSpace = skipSpace()
            if i >= bytes.count || bytes[i] == UInt8(ascii: ",") { break }
            if consume(UInt8(ascii: ">")) {
                skipSpace()
                combinators.append(.child)
            } else if hadSpace {
                combinators.append(.descendant)
            } else {
                throw fail("expected a combinator")
            }
            compounds.append(try parseCompound())
        }
        return CSSSelector.Complex(compounds: compounds.reversed(), combinators: combinators.reversed())
    }

    private mutating func parseCompound() throws(Error) -> CSSSelector.Compound {
        var compound = CSSSelector.Compound()
        var empty = true
        if consume(UInt8(ascii: "*")) {
            empty = false
        } else if i < bytes.count, CSSSelectorParser.isNameByte(bytes[i]) {
            compound.tag = name().lowercased()
            empty = false
        }
        while i < bytes.count {
            if consume(UInt8(ascii: ".")) {
                let value = name()
                guard !value.isEmpty else { throw fail("'.' must be followed by a class name") }
                compound.classes.append(Array(value.utf8))
            } else if consume(UInt8(ascii: "#")) {
                let value = name()
                guard !value.isEmpty else { throw fail("'#' must be followed by an id") }
                compound.ids.append(Array(value.utf8))
            } else if consume(UInt8(ascii: "[")) {
                compound.attributes.append(try parseAttribute())
            } else {
                break
            }
            empty = false
        }
        guard !empty else { throw fail(i < bytes.count ? "expected a selector" : "selector is empty or ends early") }
        return compound
    }

    private mutating func parseAttribute() throws(Error) -> CSSSelector.AttributeTest {
        skipSpace()
        let attribute = name().lowercased()
        guard !attribute.isEmpty else { throw fail("'[' must be followed by an attribute name") }
        skipSpace()
        var op = CSSSelector.AttributeOperator.exists
        if consume(UInt8(ascii: "]")) { return .init(name: attribute, op: .exists, value: [], ignoreCase: false) }
        if consume(UInt8(ascii: "=")) { op = .equals }
        else if consume2("~=") { op = .word }
        else if consume2("*=") { op = .contains }
        else if consume2("^=") { op = .prefix }
        else if consume2("$=") { op = .suffix }
        else { throw fail("unsupported attribute operator (use =, ~=, *=, ^= or $=)") }
        skipSpace()
        var value: [UInt8] = []
        if i < bytes.count, bytes[i] == UInt8(ascii: "\"") || bytes[i] == UInt8(ascii: "'") {
            let quote = bytes[i]
            i += 1
            while i < bytes.count && bytes[i] != quote { value.append(bytes[i]); i += 1 }
            guard consume(quote) else { throw fail("unterminated quoted value") }
        } else {
            value = Array(name().utf8)
        }
        guard !value.isEmpty || op == .equals else { throw fail("attribute value is empty") }
        skipSpace()
        var ignoreCase = false
        if i < bytes.count, bytes[i] == UInt8(ascii: "i") || bytes[i] == UInt8(ascii: "I") {
            i += 1
            ignoreCase = true
            skipSpace()
        }
        guard consume(UInt8(ascii: "]")) else { throw fail("expected ']'") }
        if ignoreCase { value = value.map(ByteText.lower) }
        return .init(name: attribute, op: op, value: value, ignoreCase: ignoreCase)
    }

    private mutating func name() -> String {
        let start = i
        while i < bytes.count && CSSSelectorParser.isNameByte(bytes[i]) { i += 1 }
        return String(decoding: bytes[start..<i], as: UTF8.self)
    }

    @discardableResult
    private mutating func skipSpace() -> Bool {
        let start = i
        while i < bytes.count && ByteText.isSpace(bytes[i]) { i += 1 }
        return i > start
    }

    private mutating func consume(_ byte: UInt8) -> Bool {
        guard i < bytes.count && bytes[i] == byte else { return false }
        i += 1
        return true
    }

    private mutating func consume2(_ pair: StaticString) -> Bool {
        let p = pair.utf8Start
        guard i + 1 < bytes.count, bytes[i] == p[0], bytes[i + 1] == p[1] else { return false }
        i += 2
        return true
    }

    private func fail(_ reason: String) -> Error { Error(message: "\(reason) at character \(i + 1)") }
}
