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

    public static let firstCustomID = UInt16(1024)

    /// The id of a lowercase tag name, or nil for names Winnow does not know.
    public static func known(_ name: String) -> HTMLTag? { lookup[name].map(HTMLTag.init(rawValue:)) }

    public var name: String? { Int(rawValue) < HTMLTag.names.count ? HTMLTag.names[Int(rawValue)] : nil }

    static func id(_ name: String) -> HTMLTag {
        guard let tag = known(name) else { preconditionFailure("HTMLTag table lacks \(name)") }
        return tag
    }

    public static let document = id("#document"), text = id("#text"), html = id("html"), head = id("head"), body = id("body")
    public static let title = id("title"), meta = id("meta"), link = id("link"), script = id("script"), style = id("style")
    public static let noscript = id("noscript"), template = id("template"), img = id("img")
    public static let nav = id("nav"), header = id("header"), footer = id("footer"), aside = id("aside")
    public static let main = id("main"), article = id("article"), div = id("div")
    public static let p = id("p"), br = id("br"), hr = id("hr"), h1 = id("h1"), h2 = id("h2"), h3 = id("h3")
    public static let h4 = id("h4"), h5 = id("h5"), h6 = id("h6"), ul = id("ul"), ol = id("ol"), li = id("li")
    public static let dl = id("dl"), dt = id("dt"), dd = id("dd"), table = id("table"), tr = id("tr"), td = id("td")
    public static let th = id("th"), caption = id("caption"), blockquote = id("blockquote"), pre = id("pre")
    public static let figure = id("figure"), figcaption = id("figcaption"), a = id("a"), time = id("time")
    public static let address = id("address"), details = id("details"), summary = id("summary")
    public static let center = id("center"), font = id("font"), span = id("span"), code = id("code")
    public static let video = id("video"), audio = id("audio"), iframe = id("iframe"), object = id("object"), embed = id("embed")
    public static let input = id("input"), form = id("form"), section = id("section"), thead = id("thead"), tbody = id("tbody")

    /// Elements that start a new block of text (a paragraph boundary) before and after them.
    public var isBlock: Bool { Int(rawValue) < HTMLTag.blockSet.count && HTMLTag.blockSet[Int(rawValue)] }
    public var isHeading: Bool { rawValue >= HTMLTag.h1.rawValue && rawValue <= HTMLTag.h6.rawValue }

    private static let blockSet: [Bool] = {
        var set = [Bool](repeating: false, count: Int(firstCustomID) + 1)
        for name in [
            "html", "body", "p", "div", "h1", "h2", "h3", "h4", "h5", "h6", "ul", "ol", "li", "dl", "dt", "dd",
            "table", "thead", "tbody", "tfoot", "tr", "td", "th", "caption", "blockquote", "pre", "figure",
            "figcaption", "address", "article", "section", "main", "nav", "header", "footer", "aside", "hr",
            "br", "form", "fieldset", "legend", "details", "summary", "center", "hgroup", "dialog", "menu",
            "noscript", "title", "frameset", "frame", "noframes", "xmp", "listing", "plaintext",
        ] {
            if let tag = known(name) { set[Int(tag.rawValue)] = true }
        }
        return set
    }()
}
