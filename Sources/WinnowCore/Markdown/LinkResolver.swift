import Foundation

/// Turns `href`/`src` values into absolute URLs for Markdown links and images: resolved against the
/// page's `<base href>`, else its URL. Only with `--links`/`--images`, so Foundation's URL is fine here.
struct LinkResolver: Sendable {
    let base: URL?

    init(pageURL: String?, tree: DocumentTree) {
        let page = pageURL.flatMap { URL(string: $0) }
        var base = page
        if let node = LinkResolver.firstBase(in: tree), let href = tree.attributeString(AttributeNames.href, of: node) {
            let trimmed = WhitespaceTrim.trimmed(href)
            if !trimmed.isEmpty, let resolved = URL(string: trimmed, relativeTo: page) { base = resolved.absoluteURL }
        }
        self.base = base
    }

    private static func firstBase(in tree: DocumentTree) -> Int32? {
        // <base> lives in <head>, near the start: a short scan.
        for index in 0..<min(tree.nodes.count, 4000) where tree.nodes[index].tag == .base && tree.hasAttribute(AttributeNames.href, of: Int32(index)) {
            return Int32(index)
        }
        return nil
    }

    /// The absolute URL as a link destination (spaces, parentheses, angle brackets, `\` and `|`
    /// percent-encoded), or nil for none: empty, `javascript:`, `data:`.
    func destination(_ raw: ArraySlice<UInt8>) -> [UInt8]? {
        let value = WhitespaceTrim.trimmed(String(decoding: raw, as: UTF8.self))
        guard !value.isEmpty else { return nil }
        let lower = value.lowercased()
        if lower.hasPrefix("javascript:") || lower.hasPrefix("data:") || lower.hasPrefix("vbscript:") { return nil }
        let absolute = (URL(string: value, relativeTo: base)?.absoluteString) ?? value
        var out: [UInt8] = []
        out.reserveCapacity(absolute.utf8.count)
        for b in absolute.utf8 {
            switch b {
            case 0x00...0x20, 0x7F, UInt8(ascii: "("), UInt8(ascii: ")"), UInt8(ascii: "<"), UInt8(ascii: ">"), UInt8(ascii: "\\"), UInt8(ascii: "|"):
                out.append(UInt8(ascii: "%"))
                out.append(LinkResolver.hex[Int(b >> 4)])
                out.append(LinkResolver.hex[Int(b & 0x0F)])
            default:
                out.append(b)
            }
        }
        return out
    }

    private static let hex = Array("0123456789ABCDEF".utf8)
}
