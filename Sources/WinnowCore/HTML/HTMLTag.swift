/// Element names Winnow knows by number, so the tree stores a 16-bit id instead of a string.
/// Unknown names (custom elements) are interned per document with ids from `firstCustomID` up.
public struct HTMLTag: Hashable, Sendable, RawRepresentable {
    public let rawValue: UInt16
    public init(rawValue: UInt16) { self.rawValue = rawValue }

    public static let names: [String] = [
        "#document", "#text", "html", "head", "body", "title", "meta", "link", "base", "script", "style",
        "noscript", "template", "svg", "math", "iframe", "object", "embed", "canvas", "video", "audio",
        "picture", "source", "track", "img", "map", "area", "form", "button", "input", "select", "textarea",
        "option", "optgroup", "label", "fieldset", "legend", "dialog", "menu", "nav", "header", "footer",
        "aside", "main", "article", "section", "div", "span", "p", "br", "hr", "h1", "h2", "h3", "h4", "h5",
        "h6", "ul", "ol", "li", "dl", "dt", "dd", "table", "thead", "tbody", "tfoot", "tr", "td", "th",
        "caption", "colgroup", "col", "blockquote", "pre", "code", "figure", "figcaption", "address", "a",
        "b", "i", "u", "s", "em", "strong", "small", "mark", "sub", "sup", "q", "cite", "abbr", "time",
        "font", "center", "details", "summary", "wbr", "del", "ins", "kbd", "samp", "var", "tt", "big",
        "strike", "frameset", "frame", "noframes", "applet", "param", "output", "progress", "meter",
        "datalist", "keygen", "bdi", "bdo", "ruby", "rt", "rp", "data", "dfn", "hgroup", "xmp", "listing",
        "plaintext", "marquee", "nobr",
    ]

    private static let lookup: [String: UInt16] = {
        var table: [String: UInt16] = [:]
        for (i, name) in names.enumerated() { table[name] = UInt16(i) }
        return table
    }()

    private static let packedLookup = PackedNameTable(names.enumerated().compactMap { i, name in PackedName(name).map { ($0, UInt16(i)) } })

    /// The id of a lowercase tag name given as bytes, without allocating.
    static func known(bytes: UnsafeBufferPointer<UInt8>) -> HTMLTag? {
        guard let key = PackedName(bytes) else { return nil }
        return packedLookup.value(key).map(HTMLTag.init(rawValue:))
    }

    public static let firstCustomID = UInt16(1024)

    /// The id of a lowercase tag name, or nil for names Winnow does not know.
    public static func known(_ name: String) -> HTMLTag? { lookup[name].map(HTMLTag.init(rawValue:)) }

    public var name: String? { Int(rawValue) < HTMLTag.names.count ? HTMLTag.names[Int(rawValue)] : nil }

    // The constants below are literal indexes into `names` (a static `let` with a literal needs no
    // lazy initialisation on every use); HTMLTagTests checks each against the table.
    public static let document = HTMLTag(rawValue: 0), text = HTMLTag(rawValue: 1), html = HTMLTag(rawValue: 2), head = HTMLTag(rawValue: 3), body = HTMLTag(rawValue: 4)
    public static let title = HTMLTag(rawValue: 5), meta = HTMLTag(rawValue: 6), link = HTMLTag(rawValue: 7), script = HTMLTag(rawValue: 9), style = HTMLTag(rawValue: 10)
    public static let noscript = HTMLTag(rawValue: 11), template = HTMLTag(rawValue: 12), img = HTMLTag(rawValue: 24)
    public static let nav = HTMLTag(rawValue: 39), header = HTMLTag(rawValue: 40), footer = HTMLTag(rawValue: 41), aside = HTMLTag(rawValue: 42)
    public static let main = HTMLTag(rawValue: 43), article = HTMLTag(rawValue: 44), div = HTMLTag(rawValue: 46)
    public static let p = HTMLTag(rawValue: 48), br = HTMLTag(rawValue: 49), hr = HTMLTag(rawValue: 50), h1 = HTMLTag(rawValue: 51), h2 = HTMLTag(rawValue: 52), h3 = HTMLTag(rawValue: 53)
    public static let h4 = HTMLTag(rawValue: 54), h5 = HTMLTag(rawValue: 55), h6 = HTMLTag(rawValue: 56), ul = HTMLTag(rawValue: 57), ol = HTMLTag(rawValue: 58), li = HTMLTag(rawValue: 59)
    public static let dl = HTMLTag(rawValue: 60), dt = HTMLTag(rawValue: 61), dd = HTMLTag(rawValue: 62), table = HTMLTag(rawValue: 63), tr = HTMLTag(rawValue: 67), td = HTMLTag(rawValue: 68)
    public static let th = HTMLTag(rawValue: 69), caption = HTMLTag(rawValue: 70), blockquote = HTMLTag(rawValue: 73), pre = HTMLTag(rawValue: 74)
    public static let figure = HTMLTag(rawValue: 76), figcaption = HTMLTag(rawValue: 77), a = HTMLTag(rawValue: 79), time = HTMLTag(rawValue: 93)
    public static let address = HTMLTag(rawValue: 78), details = HTMLTag(rawValue: 96), summary = HTMLTag(rawValue: 97)
    public static let center = HTMLTag(rawValue: 95), font = HTMLTag(rawValue: 94), span = HTMLTag(rawValue: 47), code = HTMLTag(rawValue: 75)
    public static let video = HTMLTag(rawValue: 19), audio = HTMLTag(rawValue: 20), iframe = HTMLTag(rawValue: 15), object = HTMLTag(rawValue: 16), embed = HTMLTag(rawValue: 17)
    public static let svg = HTMLTag(rawValue: 13)
    public static let input = HTMLTag(rawValue: 29), form = HTMLTag(rawValue: 27), section = HTMLTag(rawValue: 45), thead = HTMLTag(rawValue: 64), tbody = HTMLTag(rawValue: 65)
    public static let b = HTMLTag(rawValue: 80), i = HTMLTag(rawValue: 81), em = HTMLTag(rawValue: 84), strong = HTMLTag(rawValue: 85), base = HTMLTag(rawValue: 8)
    public static let kbd = HTMLTag(rawValue: 101), samp = HTMLTag(rawValue: 102), tt = HTMLTag(rawValue: 104), tfoot = HTMLTag(rawValue: 66)
    public static let sub = HTMLTag(rawValue: 88), sup = HTMLTag(rawValue: 89), wbr = HTMLTag(rawValue: 98)

    /// Elements that start a new block of text (a paragraph boundary) before and after them.
    /// Block-level elements: html, body, p, div, h1, h2, h3, h4, h5, h6, ul, ol, li, dl, dt, dd, table, thead, tbody, tfoot, tr, td, th, caption, blockquote, pre, figure, figcaption, address, article, section, main, nav, header, footer, aside, hr, br, form, fieldset, legend, details, summary, center, hgroup, dialog, menu, noscript, title, frameset, frame, noframes, xmp, listing, plaintext.
    public var isBlock: Bool {
        switch rawValue {
        case 2, 4, 5, 11, 27, 35, 36, 37, 38, 39, 40, 41, 42, 43, 44, 45, 46, 48, 49, 50, 51, 52, 53, 54, 55, 56, 57, 58, 59, 60, 61, 62, 63, 64, 65, 66, 67, 68, 69, 70, 73, 74, 76, 77, 78, 95, 96, 97, 107, 108, 109, 124, 125, 126, 127: return true
        default: return false
        }
    }
    public var isHeading: Bool { rawValue >= HTMLTag.h1.rawValue && rawValue <= HTMLTag.h6.rawValue }

}
