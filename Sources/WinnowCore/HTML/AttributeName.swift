/// Attribute names the tree keeps, by number. The parser stores only these: the fixed set below,
/// which cleaning, extraction and metadata read, plus any name a config selector mentions.
public struct AttributeNames: Sendable {
    public static let id: UInt16 = 0, `class`: UInt16 = 1, role: UInt16 = 2, itemprop: UInt16 = 3
    public static let hidden: UInt16 = 4, ariaHidden: UInt16 = 5, style: UInt16 = 6, href: UInt16 = 7
    public static let lang: UInt16 = 8, name: UInt16 = 9, property: UInt16 = 10, content: UInt16 = 11
    public static let rel: UInt16 = 12, type: UInt16 = 13, datetime: UInt16 = 14, charset: UInt16 = 15
    public static let httpEquiv: UInt16 = 16, itemtype: UInt16 = 17, itemscope: UInt16 = 18
    /// For Markdown: images, table spans and ordered lists' first number.
    public static let src: UInt16 = 19, alt: UInt16 = 20, colspan: UInt16 = 21, start: UInt16 = 22

    static let builtIn = [
        "id", "class", "role", "itemprop", "hidden", "aria-hidden", "style", "href", "lang", "name",
        "property", "content", "rel", "type", "datetime", "charset", "http-equiv", "itemtype", "itemscope",
        "src", "alt", "colspan", "start",
    ]

    /// Every kept name, index = id.
    public let names: [String]
    private let lookup: PackedNameTable
    /// Kept names longer than 16 bytes (only from config selectors), looked up as strings.
    private let longNames: [String: UInt16]

    /// The fixed set plus `extra` names (lowercased), e.g. from `[data-ad]` in a selector rule.
    public init(extra: [String] = []) {
        var names = AttributeNames.builtIn
        for name in extra.map({ $0.lowercased() }) where !names.contains(name) { names.append(name) }
        self.names = names
        var entries: [(PackedName, UInt16)] = []
        var longNames: [String: UInt16] = [:]
        for (i, name) in names.enumerated() {
            if let key = PackedName(name) { entries.append((key, UInt16(i))) } else { longNames[name] = UInt16(i) }
        }
        self.lookup = PackedNameTable(entries)
        self.longNames = longNames
    }

    /// The id of a lowercase attribute name, or nil when the tree does not keep it.
    @inline(__always)
    public func id(of name: UnsafeBufferPointer<UInt8>) -> UInt16? {
        guard name.count >= 2 else { return nil }
        if let key = PackedName(name) { return lookup.value(key) }
        return longNames.isEmpty ? nil : longNames[String(decoding: name, as: UTF8.self)]
    }

    /// As `id(of:)` for a name in any ASCII case (raw markup, before the parser lowercases it).
    @inline(__always)
    public func id(ofAnyCase name: UnsafeBufferPointer<UInt8>) -> UInt16? {
        guard name.count >= 2 else { return nil }
        if let key = PackedName(lowercasing: name) { return lookup.value(key) }
        return longNames.isEmpty ? nil : longNames[String(decoding: name.map(ByteText.lower), as: UTF8.self)]
    }

    public func id(of name: String) -> UInt16? {
        let lower = name.lowercased()
        if let key = PackedName(lower) { return lookup.value(key) }
        return longNames[lower]
    }
}
