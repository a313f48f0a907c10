/// Removes elements a browser would not show: `hidden`, `aria-hidden="true"` on a container, or an
/// inline style with `display:none` / `visibility:hidden`.
public struct HiddenElementRule: ElementRule {
    public let reason = "clean.hidden"
    private static let display = Array("display".utf8), none = Array("none".utf8)
    private static let visibility = Array("visibility".utf8), hidden = Array("hidden".utf8)

    public init() {}

    /// Any element with attributes (hidden, aria-hidden or style).
    public var subjects: [SelectorMatcher.SubjectNeeds]? { [SelectorMatcher.SubjectNeeds(tag: nil, attributes: true)] }

    public func mayMatch(tag: HTMLTag, hasAttributes: Bool) -> Bool { hasAttributes }

    public func matches(_ node: Int32, in context: MatchContext) -> Bool { HiddenElementRule.matches(node, in: context) }

    static func matches(_ node: Int32, in context: MatchContext) -> Bool {
        hides(node, in: context) && !isDisclosurePanel(node, in: context)
    }

    /// Words that name a disclosure widget's panel in class names and ids (any case): accordions, tabs,
    /// collapsibles, expanders, FAQ answers. Their content is the page's (a product's specs, a
    /// service's plans, a FAQ), shown by a click, and reviewed main text includes it; a menu or a
    /// dialog is not one of them.
    /// (Not "tab-content" or "tab-pane": on wcxb-dev those hidden panes held reviews, shipping and
    /// other widgets more often than main text.)
    static let panelWords: [[UInt8]] = ["accordion", "accordian", "tabpanel", "tabbed", "collaps", "expander", "expandable", "faq"]
        .map { Array($0.utf8) }

    /// A collapsed menu is named like a panel ("navbar-collapse", "accordion-menu"): not one.
    static let menuWords: [[UInt8]] = ["nav", "menu"].map { Array($0.utf8) }

    static func isDisclosurePanel(_ node: Int32, in context: MatchContext) -> Bool {
        var panel = false
        if let role = context.attribute(AttributeNames.role, of: node), ByteText.equalsIgnoringASCIICase(role, "tabpanel") { panel = true }
        for name in [AttributeNames.class, AttributeNames.id] {
            guard let value = context.attribute(name, of: node) else { continue }
            if menuWords.contains(where: { ByteText.containsIgnoringASCIICase(value, $0) }) { return false }
            if panelWords.contains(where: { ByteText.containsIgnoringASCIICase(value, $0) }) { panel = true }
        }
        return panel && !insideDialog(node, in: context)
    }

    /// A dialog's tabs and accordions (a cookie preference centre, a sign-in modal) are an overlay's,
    /// not the page's.
    static func insideDialog(_ node: Int32, in context: MatchContext) -> Bool {
        var current = context.nodes[Int(node)].parent
        while current > 0 {
            if isDialog(current, in: context) { return true }
            current = context.nodes[Int(current)].parent
        }
        return false
    }

    /// `role="dialog"` or `role="alertdialog"`: an overlay.
    static func isDialog(_ node: Int32, in context: MatchContext) -> Bool {
        guard let role = context.attribute(AttributeNames.role, of: node) else { return false }
        return ByteText.equalsIgnoringASCIICase(role, "dialog") || ByteText.equalsIgnoringASCIICase(role, "alertdialog")
    }

    static func hides(_ node: Int32, in context: MatchContext) -> Bool {
        if context.attribute(AttributeNames.hidden, of: node) != nil { return !HiddenElementRule.isStreamedSegment(node, in: context) }
        if let aria = context.attribute(AttributeNames.ariaHidden, of: node), ByteText.equalsIgnoringASCIICase(aria, "true") {
            // aria-hidden only hides from screen readers. On a link, span or paragraph with words the
            // text is still on screen (a card's duplicate link around its teaser, a visual label); on a
            // container it usually marks a closed drawer, menu or modal, and on glyphs ("★★★★★", "+")
            // an icon.
            let tag = context.nodes[Int(node)].tag
            return !(tag == .a || tag == .span || tag == .p) || !HiddenElementRule.hasWordCharacter(under: node, in: context)
        }
        guard let style = context.attribute(AttributeNames.style, of: node) else { return false }
        return HiddenElementRule.declares(style, HiddenElementRule.display, HiddenElementRule.none)
            || HiddenElementRule.declares(style, HiddenElementRule.visibility, HiddenElementRule.hidden)
    }

    /// React's streaming server rendering sends each Suspense boundary's content late, in a
    /// `<div hidden id="S:…">` at the end of the body that an inline script moves into place: it is
    /// the page, shown as soon as it arrives. (The id is the framework's: `S:` and a hexadecimal number.)
    static func isStreamedSegment(_ node: Int32, in context: MatchContext) -> Bool {
        guard context.nodes[Int(node)].tag == .div, let id = context.attribute(AttributeNames.id, of: node),
              id.count >= 3, id[id.startIndex] == UInt8(ascii: "S"), id[id.startIndex + 1] == UInt8(ascii: ":") else { return false }
        return id.dropFirst(2).allSatisfy { ByteText.isASCIIDigit($0) || ($0 >= 0x61 && $0 <= 0x66) }
    }

    /// True when a text node under `node` has an ASCII letter or digit, or a character of another
    /// script (UTF-8 lead bytes C3–E1, E3–ED: not the symbol, arrow and dingbat block U+2000–U+2FFF,
    /// the icon fonts' private use area or emoji).
    static func hasWordCharacter(under node: Int32, in context: MatchContext) -> Bool {
        let nodes = context.nodes
        let end = Int(TreeCleaner.next(after: node, in: nodes))
        var i = Int(node) + 1
        while i < (end < 0 ? nodes.count : end) {
            let n = nodes[i]
            if n.tag == .text {
                for b in context.text[Int(n.start)..<Int(n.end)] {
                    if (b | 0x20) >= 0x61 && (b | 0x20) <= 0x7A || b >= 0x30 && b <= 0x39 { return true }
                    if b >= 0xC3 && b <= 0xED && b != 0xE2 { return true }
                }
            }
            i += 1
        }
        return false
    }

    /// `property: value` somewhere in an inline style, spaces around the colon allowed, any case.
    static func declares(_ style: UnsafeBufferPointer<UInt8>, _ property: [UInt8], _ value: [UInt8]) -> Bool {
        ByteText.forEachDeclaration(of: property, separator: UInt8(ascii: ":"), in: style) { j in
            var m = 0
            while m < value.count && j + m < style.endIndex && ByteText.lower(style[j + m]) == value[m] { m += 1 }
            return m == value.count
        }
    }
}
