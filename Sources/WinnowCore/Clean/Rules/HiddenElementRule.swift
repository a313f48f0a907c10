/// Removes elements a browser would not show: `hidden`, `aria-hidden="true"`, or an inline style with
/// `display:none` / `visibility:hidden`.
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
        if context.attribute(AttributeNames.hidden, of: node) != nil { return true }
        if let aria = context.attribute(AttributeNames.ariaHidden, of: node), ByteText.equalsIgnoringASCIICase(aria, "true") {
            return true
        }
        guard let style = context.attribute(AttributeNames.style, of: node) else { return false }
        return HiddenElementRule.declares(style, HiddenElementRule.display, HiddenElementRule.none)
            || HiddenElementRule.declares(style, HiddenElementRule.visibility, HiddenElementRule.hidden)
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
