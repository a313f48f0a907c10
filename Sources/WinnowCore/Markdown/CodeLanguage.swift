/// The language of a code block from its classes: `language-x`, `lang-x`, `highlight-x` (also
/// `highlight-source-x`) on the `pre`, its `code` child or a wrapper up to two levels above.
enum CodeLanguage {
    static func of(pre: Int32, in tree: DocumentTree) -> [UInt8] {
        var candidates: [Int32] = [pre]
        var child = tree.nodes[Int(pre)].firstChild
        while child >= 0 {
            if tree.nodes[Int(child)].tag == .code { candidates.append(child); break }
            child = tree.nodes[Int(child)].nextSibling
        }
        var up = tree.nodes[Int(pre)].parent
        for _ in 0..<2 where up > 0 {
            candidates.append(up)
            up = tree.nodes[Int(up)].parent
        }
        for node in candidates {
            if let classes = tree.attribute(AttributeNames.class, of: node), let name = language(in: classes) { return name }
        }
        return []
    }

    private static let prefixes: [[UInt8]] = ["language-", "lang-", "highlight-source-", "highlight-"].map { Array($0.utf8) }

    private static func language(in classes: ArraySlice<UInt8>) -> [UInt8]? {
        for token in classes.split(whereSeparator: ByteText.isSpace) {
            for prefix in prefixes where token.count > prefix.count && token.starts(with: prefix) {
                let name = token.dropFirst(prefix.count)
                // Only names a fence's info string can hold as they are.
                if name.allSatisfy({ MarkdownEscaper.isWordByte($0) || $0 == UInt8(ascii: "-") || $0 == UInt8(ascii: "+") || $0 == UInt8(ascii: "#") || $0 == UInt8(ascii: "_") || $0 == UInt8(ascii: ".") }) {
                    return Array(name)
                }
            }
        }
        return nil
    }
}
