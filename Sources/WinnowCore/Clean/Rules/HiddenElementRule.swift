/// Removes elements a browser would not show: `hidden`, `aria-hidden="true"`, or an inline style with
/// `display:none` / `visibility:hidden`.
public struct HiddenElementRule: ElementRule {
    public let reason = "clean.hidden"
    private static let displayNone = Array("display:none".utf8)
    private static let visibilityHidden = Array("visibility:hidden".utf8)

    public init() {}

    public func matches(_ node: Int32, in tree: DocumentTree) -> Bool {
        if tree.attribute(AttributeNames.hidden, of: node) != nil { return true }
        if let aria = tree.attribute(AttributeNames.ariaHidden, of: node), ByteText.equalsIgnoringASCIICase(aria, "true") {
            return true
        }
        guard let style = tree.attribute(AttributeNames.style, of: node) else { return false }
        // Compare with spaces removed: "display: none" and "display:none" are the same.
        let compact = style.filter { !ByteText.isSpace($0) }
        return ByteText.containsIgnoringASCIICase(compact, HiddenElementRule.displayNone)
            || ByteText.containsIgnoringASCIICase(compact, HiddenElementRule.visibilityHidden)
    }
}
