import CLibXML2
import Foundation

/// Receives libxml2's SAX events for one page and appends them to a `DocumentTree`.
/// One builder per parse, used on the parsing thread only.
final class TreeBuilder {
    enum Failure: Equatable { case tooDeep, tooManyNodes, overTime }

    // One builder per parse, on one thread: runtime exclusivity checks on every append cost more than
    // the append itself.
    @exclusivity(unchecked) var tree = DocumentTree()
    private(set) var failure: Failure?
    private let attributeNames: AttributeNames
    private let maxDepth: Int
    private let maxNodes: Int
    private var current: Int32 = DocumentTree.root
    private var depth = 0
    /// Depth of the `<script>`/`<style>` whose text is being skipped, or 0 when text is kept.
    private var skipTextDepth = 0
    private var customTags: [String: HTMLTag] = [:]
    var context: htmlParserCtxtPtr?
    /// Thread CPU time at which parsing gives up (checked every 1024 elements).
    var deadline = Double.infinity
    private var elements = 0
    /// The decoded attributes that the markup's markers stand for (`SideAttributes`).
    private let side: SideAttributes

    init(attributeNames: AttributeNames, side: SideAttributes = SideAttributes(), maxDepth: Int, maxNodes: Int, expectedBytes: Int) {
        self.attributeNames = attributeNames
        self.side = side
        self.maxDepth = maxDepth
        self.maxNodes = maxNodes
        tree.nodes.reserveCapacity(max(64, expectedBytes / 60))
        tree.text.reserveCapacity(expectedBytes / 3)
    }

    func startElement(_ name: UnsafePointer<xmlChar>, _ attributes: UnsafeMutablePointer<UnsafePointer<xmlChar>?>?) {
        guard failure == nil else { return }
        depth += 1
        if depth > maxDepth { stop(.tooDeep); return }
        if tree.nodes.count >= maxNodes { stop(.tooManyNodes); return }
        elements += 1
        if elements & 1023 == 0 && deadline.isFinite && CPUClock.thread() > deadline { stop(.overTime); return }
        let tag = tagID(name)
        let attributeStart = Int32(tree.attributes.count)
        var isJSONLD = false
        if var cursor = attributes {
            while let attributeName = cursor.pointee {
                let value = (cursor + 1).pointee
                if SideAttributes.isMarker(attributeName) {
                    if let k = SideAttributes.tagNumber(value) { isJSONLD = appendSideAttributes(ofTag: k, tag: tag) || isJSONLD }
                    cursor += 2
                    continue
                }
                let nameBuffer = UnsafeBufferPointer(start: attributeName, count: strlen(attributeName))
                if let id = attributeNames.id(of: nameBuffer) {
                    let start = Int32(tree.attributeValues.count)
                    if let value { tree.attributeValues.append(contentsOf: UnsafeBufferPointer(start: value, count: strlen(value))) }
                    tree.attributes.append(.init(name: id, start: start, end: Int32(tree.attributeValues.count)))
                    if tag == .script && id == AttributeNames.type, let value {
                        isJSONLD = TreeBuilder.isJSONLDType(UnsafeBufferPointer(start: value, count: strlen(value)))
                    }
                }
                cursor += 2
            }
        }
        let index = append(DocumentTree.Node(tag: tag, parent: current, start: attributeStart, end: Int32(tree.attributes.count)))
        current = index
        if skipTextDepth == 0 && (tag == .style || (tag == .script && !isJSONLD)) { skipTextDepth = depth }
    }

    /// Appends tag `k`'s decoded attributes; true when they make a `<script>` JSON-LD.
    private func appendSideAttributes(ofTag k: Int, tag: HTMLTag) -> Bool {
        var isJSONLD = false
        for e in side.attributes(ofTag: k) {
            let entry = side.entries[e]
            let start = Int32(tree.attributeValues.count)
            let value = side.values[Int(entry.start)..<Int(entry.end)]
            tree.attributeValues.append(contentsOf: value)
            tree.attributes.append(.init(name: entry.name, start: start, end: Int32(tree.attributeValues.count)))
            if tag == .script && entry.name == AttributeNames.type {
                isJSONLD = value.withUnsafeBufferPointer(TreeBuilder.isJSONLDType)
            }
        }
        return isJSONLD
    }

    /// A `<script type>` whose text is kept (metadata reads JSON-LD); other scripts' text is skipped.
    private static func isJSONLDType(_ type: UnsafeBufferPointer<UInt8>) -> Bool {
        ByteText.equalsIgnoringASCIICase(type, "application/ld+json")
    }

    func endElement() {
        guard failure == nil else { return }
        if skipTextDepth == depth { skipTextDepth = 0 }
        depth -= 1
        if current != DocumentTree.root { current = tree.nodes[Int(current)].parent }
    }

    func characters(_ bytes: UnsafePointer<xmlChar>, _ count: Int32) {
        guard failure == nil, skipTextDepth == 0, count > 0 else { return }
        let buffer = UnsafeBufferPointer(start: bytes, count: Int(count))
        // &#128;–&#159; arrive as C1 controls (C2 80–C2 9F); browsers read them as windows-1252.
        var repaired: [UInt8] = []
        if memchr(bytes, 0xC2, Int(count)) != nil, let fixed = C1Controls.asWindows1252(buffer) { repaired = fixed }
        let last = tree.nodes[Int(current)].lastChild
        // libxml2 delivers text in chunks; extend the previous text node when it is the last thing written.
        if last >= 0, tree.nodes[Int(last)].tag == .text, Int(tree.nodes[Int(last)].end) == tree.text.count {
            if repaired.isEmpty { tree.text.append(contentsOf: buffer) } else { tree.text.append(contentsOf: repaired) }
            tree.nodes[Int(last)].end = Int32(tree.text.count)
            return
        }
        let start = Int32(tree.text.count)
        if repaired.isEmpty { tree.text.append(contentsOf: buffer) } else { tree.text.append(contentsOf: repaired) }
        _ = append(DocumentTree.Node(tag: .text, parent: current, start: start, end: Int32(tree.text.count)))
    }

    private func append(_ node: DocumentTree.Node) -> Int32 {
        let index = Int32(tree.nodes.count)
        tree.nodes.append(node)
        let parent = Int(node.parent)
        let previous = tree.nodes[parent].lastChild
        if previous >= 0 { tree.nodes[Int(previous)].nextSibling = index } else { tree.nodes[parent].firstChild = index }
        tree.nodes[parent].lastChild = index
        return index
    }

    private func tagID(_ name: UnsafePointer<xmlChar>) -> HTMLTag {
        if let tag = HTMLTag.known(bytes: UnsafeBufferPointer(start: name, count: strlen(name))) { return tag }
        let string = String(cString: name)
        if let tag = customTags[string] { return tag }
        let tag = HTMLTag(rawValue: HTMLTag.firstCustomID + UInt16(min(tree.customTagNames.count, Int(UInt16.max - HTMLTag.firstCustomID))))
        tree.customTagNames.append(string)
        customTags[string] = tag
        return tag
    }

    private func stop(_ reason: Failure) {
        failure = reason
        if let context { xmlStopParser(context) }
    }
}

/// C1 control characters (U+0080–U+009F) in page text are almost always windows-1252 bytes that went
/// through a numeric reference (`&#146;`); HTML5 parsers map them to the windows-1252 characters.
enum C1Controls {
    /// The bytes with every C2 80–C2 9F sequence replaced, or nil when there is none.
    static func asWindows1252(_ bytes: UnsafeBufferPointer<UInt8>) -> [UInt8]? {
        var i = 0
        var out: [UInt8]?
        while i < bytes.count {
            let byte = bytes[i]
            if byte == 0xC2, i + 1 < bytes.count, bytes[i + 1] >= 0x80, bytes[i + 1] <= 0x9F {
                if out == nil { out = Array(bytes[0..<i]) }
                out?.append(contentsOf: Transcoder.windows1252([bytes[i + 1]][...]))
                i += 2
                continue
            }
            out?.append(byte)
            i += 1
        }
        return out
    }
}
