import Foundation

/// A byte-level pass before libxml2 that removes what can never reach the output, so the parser does
/// not walk it character by character: comments, the bodies of `<script>` (except JSON-LD, which
/// metadata reads) and `<style>`, and the bodies of `<svg>`, `<template>` and `<noscript>` when the
/// config drops those elements anyway; and, inside start tags, the attributes the tree does not keep
/// (`data-*`, `srcset`, `onclick`…; `href` outside `<link>`). The elements themselves stay, so the
/// tree has the same shape and cleaning counts the same removals. On news pages this is about three
/// quarters of the bytes. The kept attributes' values are decoded here and passed beside the markup
/// (`SideAttributes`), so libxml2 does not read them character by character.
///
/// Ends are found the way an HTML tokenizer finds them: the first `</script` (any case) ends a script,
/// `-->` ends a comment (`<!-->` and `<!--->` are complete, empty comments).
public struct MarkupSkipper: Sendable {
    /// Elements whose content is skipped: lowercase names, each with the closing tag it waits for.
    private let skipped: [(name: [UInt8], close: [UInt8])]
    /// The skipped names' first letters (bit `letter - "a"`): most tags start with none of them, and
    /// one test then spares the per-name comparisons.
    private let skippedInitials: UInt32
    /// Attributes worth passing to the parser (the tree keeps only these).
    private let kept: AttributeNames

    /// Whether kept attribute values are decoded here (`SideAttributes`); off, libxml2 reads them as
    /// written (the same tree, more slowly: tests compare the two).
    private let decodesAttributes: Bool

    public init(dropTags: Set<HTMLTag>, keptAttributes: AttributeNames = AttributeNames(), decodesAttributes: Bool = true) {
        kept = keptAttributes
        self.decodesAttributes = decodesAttributes
        var names = ["script", "style"]
        for tag in [HTMLTag.svg, HTMLTag.template, HTMLTag.noscript] where dropTags.contains(tag) { names.append(tag.name ?? "") }
        skipped = names.map { (Array($0.utf8), Array("</\($0)".utf8)) }
        skippedInitials = names.reduce(0) { $0 | ($1.utf8.first.map { 1 << UInt32($0 - 0x61) } ?? 0) }
    }

    /// The markup libxml2 parses and the attributes its markers stand for.
    public struct Stripped: Sendable {
        public var markup: [UInt8]
        public var attributes: SideAttributes
    }

    public func strip(_ input: [UInt8]) -> Stripped {
        var side = SideAttributes()
        let markup = input.withUnsafeBufferPointer { buffer -> [UInt8] in
            guard let base = buffer.baseAddress else { return [] }
            let count = buffer.count
            var out: [UInt8] = []
            out.reserveCapacity(count)
            var i = 0
            while i < count {
                guard let hit = memchr(base + i, Int32(UInt8(ascii: "<")), count - i) else {
                    out.append(contentsOf: UnsafeBufferPointer(start: base + i, count: count - i))
                    break
                }
                let lt = base.distance(to: hit.assumingMemoryBound(to: UInt8.self))
                out.append(contentsOf: UnsafeBufferPointer(start: base + i, count: lt - i))
                if let next = skip(buffer, at: lt, into: &out, side: &side) {
                    i = next
                } else if let next = copyStartTag(buffer, at: lt, into: &out, side: &side) {
                    i = next
                } else {
                    out.append(UInt8(ascii: "<"))
                    i = lt + 1
                }
            }
            return out
        }
        return Stripped(markup: markup, attributes: side)
    }

    private static let commentEnd = Array("-->".utf8)

    /// Handles a construct starting at `lt` if it is one to skip; returns where to continue, or nil.
    private func skip(_ b: UnsafeBufferPointer<UInt8>, at lt: Int, into out: inout [UInt8], side: inout SideAttributes) -> Int? {
        let count = b.count
        if lt + 3 < count && b[lt + 1] == UInt8(ascii: "!") && b[lt + 2] == UInt8(ascii: "-") && b[lt + 3] == UInt8(ascii: "-") {
            guard let end = find(b, MarkupSkipper.commentEnd, from: lt + 2, ignoreCase: false) else { return count }
            return end + 3
        }
        guard lt + 1 < count else { return nil }
        let initial = ByteText.lower(b[lt + 1])
        guard initial >= 0x61, initial <= 0x7A, skippedInitials & (1 << UInt32(initial - 0x61)) != 0 else { return nil }
        for (name, close) in skipped where startsTag(b, at: lt, name) {
            guard let tagEnd = endOfStartTag(b, from: lt + 1 + name.count) else { return nil }
            // The start tag as any other (kept attributes only, decoded), unless its quotes read
            // otherwise or it ends in "/>" (which libxml2 may read as part of a dropped attribute).
            let mark = out.count
            let sideMark = side.mark
            if b[tagEnd - 1] == UInt8(ascii: "/") || copyStartTag(b, at: lt, into: &out, side: &side) != tagEnd + 1 {
                out.removeSubrange(mark...)
                side.rollBack(to: sideMark)
                out.append(contentsOf: UnsafeBufferPointer(rebasing: b[lt...tagEnd]))
            }
            // A self-closed <svg/> has no content to skip.
            if tagEnd > lt && b[tagEnd - 1] == UInt8(ascii: "/") { return tagEnd + 1 }
            let contentStart = tagEnd + 1
            if name == Array("script".utf8), isJSONLD(b, lt..<tagEnd) { return contentStart }
            guard let close = find(b, close, from: contentStart, ignoreCase: true) else { return count }
            return close  // the closing tag is copied by the main loop
        }
        return nil
    }

    /// Copies the start tag at `lt` with only the kept attributes; nil when `lt` starts no start tag or
    /// the tag does not end (the main loop then copies the bytes as they are).
    /// The kept attributes go to `side` (the tag gets a marker) unless one of them needs libxml2's own
    /// reading (`AttributeValueDecoder`); then the tag is copied again with them as written.
    private func copyStartTag(_ b: UnsafeBufferPointer<UInt8>, at lt: Int, into out: inout [UInt8], side: inout SideAttributes) -> Int? {
        if decodesAttributes {
            let mark = out.count
            let sideMark = side.mark
            switch copyStartTag(b, at: lt, into: &out, side: &side, decode: true) {
            case .copied(let next): return next
            case .notATag: return nil
            case .needsLibxml2:
                out.removeSubrange(mark...)
                side.rollBack(to: sideMark)
            }
        }
        guard case .copied(let next) = copyStartTag(b, at: lt, into: &out, side: &side, decode: false) else { return nil }
        return next
    }

    private enum TagCopy {
        /// Copied; the markup continues at `next`.
        case copied(next: Int)
        /// No start tag at `lt`, or one that does not end.
        case notATag
        /// A kept attribute libxml2 must read itself (only when decoding).
        case needsLibxml2
    }

    /// One pass of the above: `decode` puts the kept attributes in `side`, or asks for the tag to be
    /// copied as written; otherwise they are written as they are.
    private func copyStartTag(_ b: UnsafeBufferPointer<UInt8>, at lt: Int, into out: inout [UInt8], side: inout SideAttributes,
                              decode: Bool) -> TagCopy {
        let count = b.count
        var i = lt + 1
        guard i < count, ByteText.isASCIILetter(b[i]) else { return .notATag }
        while i < count && !ByteText.isSpace(b[i]) && b[i] != UInt8(ascii: ">") && b[i] != UInt8(ascii: "/") { i += 1 }
        let nameEnd = i
        let isLink = nameEnd - lt - 1 == 4 && ByteText.equalsIgnoringASCIICase(UnsafeBufferPointer(rebasing: b[(lt + 1)..<nameEnd]), "link")
        // Written straight into `out`; on a tag that never ends, `out` is cut back to where it was.
        let mark = out.count
        let sideMark = side.mark
        out.append(contentsOf: UnsafeBufferPointer(rebasing: b[lt..<nameEnd]))
        var lastKeptUnquoted = false
        while true {
            while i < count && (ByteText.isSpace(b[i]) || b[i] == UInt8(ascii: "/")) { i += 1 }
            guard i < count else { out.removeSubrange(mark...); side.rollBack(to: sideMark); return .notATag }
            if b[i] == UInt8(ascii: ">") {
                let selfClosed = b[i - 1] == UInt8(ascii: "/")
                if decode && side.entries.count > sideMark.entries {
                    // libxml2 reads the "/" of "/>" after an unquoted value as part of that value (and
                    // the tag as not self-closed): leave such a tag to libxml2, as it always was.
                    if selfClosed && lastKeptUnquoted { return .needsLibxml2 }
                    // "/>" right after the unquoted number would read as part of it.
                    MarkupSkipper.appendMarker(side.tagCount, spaceAfter: selfClosed, to: &out)
                    side.tagStarts.append(Int32(side.entries.count))
                }
                if selfClosed { out.append(UInt8(ascii: "/")) }
                out.append(UInt8(ascii: ">"))
                return .copied(next: i + 1)
            }
            let attributeStart = i
            while i < count && !ByteText.isSpace(b[i]) && b[i] != UInt8(ascii: "=") && b[i] != UInt8(ascii: ">") && b[i] != UInt8(ascii: "/") { i += 1 }
            let attributeNameEnd = i
            if attributeNameEnd == attributeStart { i += 1; continue }  // a stray "=": skip it
            var valueEnd = i
            var value: Range<Int>?
            var unquoted = false
            var j = i
            while j < count && ByteText.isSpace(b[j]) { j += 1 }
            if j < count && b[j] == UInt8(ascii: "=") {
                j += 1
                while j < count && ByteText.isSpace(b[j]) { j += 1 }
                guard j < count else { out.removeSubrange(mark...); side.rollBack(to: sideMark); return .notATag }
                let quote = b[j]
                if quote == UInt8(ascii: "\"") || quote == UInt8(ascii: "'") {
                    guard let base = b.baseAddress, let close = memchr(base + j + 1, Int32(quote), count - j - 1) else {
                        out.removeSubrange(mark...)
                        side.rollBack(to: sideMark)
                        return .notATag
                    }
                    let closeIndex = base.distance(to: close.assumingMemoryBound(to: UInt8.self))
                    value = (j + 1)..<closeIndex
                    j = closeIndex + 1
                } else {
                    let valueStart = j
                    unquoted = true
                    while j < count && !ByteText.isSpace(b[j]) && b[j] != UInt8(ascii: ">") { j += 1 }
                    value = valueStart..<j
                }
                valueEnd = j
                i = j
            }
            if let id = keptID(UnsafeBufferPointer(rebasing: b[attributeStart..<attributeNameEnd]), link: isLink) {
                lastKeptUnquoted = unquoted
                if decode {
                    if !addSide(id, b, name: attributeStart..<attributeNameEnd, value: value, end: valueEnd, to: &side, from: sideMark.entries) {
                        return .needsLibxml2
                    }
                } else {
                    out.append(0x20)
                    out.append(contentsOf: UnsafeBufferPointer(rebasing: b[attributeStart..<valueEnd]))
                }
            }
        }
    }

    /// ` .w=N` (N in decimal), then a space if asked, in one append: byte-by-byte appends each
    /// check the array's capacity and uniqueness, on every tag with kept attributes.
    private static func appendMarker(_ n: Int, spaceAfter: Bool, to out: inout [UInt8]) {
        withUnsafeTemporaryAllocation(of: UInt8.self, capacity: 32) { buffer in
            buffer[0] = 0x20
            var end = 1
            for byte in SideAttributes.markerName { buffer[end] = byte; end += 1 }
            buffer[end] = UInt8(ascii: "=")
            end += 1
            var digits = 1
            var rest = n / 10
            while rest > 0 { digits += 1; rest /= 10 }
            var value = n
            for k in stride(from: end + digits - 1, through: end, by: -1) {
                buffer[k] = UInt8(0x30 + value % 10)
                value /= 10
            }
            end += digits
            if spaceAfter { buffer[end] = 0x20; end += 1 }
            out.append(contentsOf: UnsafeBufferPointer(rebasing: buffer[0..<end]))
        }
    }

    private func keptID(_ name: UnsafeBufferPointer<UInt8>, link: Bool) -> UInt16? {
        // Links on <a> are measured by the element, not its href; only <link rel=canonical> needs one.
        guard let id = kept.id(ofAnyCase: name) else { return nil }
        return id != AttributeNames.href || link ? id : nil
    }

    /// Decodes one kept attribute into `side` (the tag's entries start at `first`); false when libxml2
    /// must read the tag itself: a NUL, a form feed or vertical tab (libxml2 does not count them as
    /// blanks), or a value `AttributeValueDecoder` leaves to libxml2. A repeated name is dropped, as libxml2 drops it.
    private func addSide(_ id: UInt16, _ b: UnsafeBufferPointer<UInt8>, name: Range<Int>, value: Range<Int>?, end: Int,
                         to side: inout SideAttributes, from first: Int) -> Bool {
        // Only the gap between name and value can hold them: the name and an unquoted value end at
        // any space, and the decoder checks the value for a NUL.
        let gapEnd = value.map { $0.lowerBound } ?? end
        for k in name.upperBound..<gapEnd where b[k] == 0x0B || b[k] == 0x0C { return false }
        for k in first..<side.entries.count where side.entries[k].name == id { return true }
        let start = Int32(side.values.count)
        if let value, !AttributeValueDecoder.decode(UnsafeBufferPointer(rebasing: b[value]), into: &side.values) { return false }
        side.entries.append(.init(name: id, start: start, end: Int32(side.values.count)))
        return true
    }

    /// `<name` followed by whitespace, `>` or `/` (so `<scripts>` or `<stylesheet>` do not count).
    private func startsTag(_ b: UnsafeBufferPointer<UInt8>, at lt: Int, _ name: [UInt8]) -> Bool {
        let end = lt + 1 + name.count
        guard end < b.count else { return false }
        for k in 0..<name.count where ByteText.lower(b[lt + 1 + k]) != name[k] { return false }
        let after = b[end]
        return ByteText.isSpace(after) || after == UInt8(ascii: ">") || after == UInt8(ascii: "/")
    }

    /// Index of the `>` that ends a start tag, skipping quoted attribute values.
    private func endOfStartTag(_ b: UnsafeBufferPointer<UInt8>, from start: Int) -> Int? {
        var i = start
        var quote: UInt8 = 0
        while i < b.count {
            let c = b[i]
            if quote != 0 {
                if c == quote { quote = 0 }
            } else if c == UInt8(ascii: "\"") || c == UInt8(ascii: "'") {
                quote = c
            } else if c == UInt8(ascii: ">") {
                return i
            }
            i += 1
        }
        return nil
    }

    private func isJSONLD(_ b: UnsafeBufferPointer<UInt8>, _ tag: Range<Int>) -> Bool {
        find(b, Array("ld+json".utf8), from: tag.lowerBound, ignoreCase: true, limit: tag.upperBound) != nil
    }

    /// First index of `needle` in `b` at or after `from` (before `limit`), ASCII case folded if asked.
    private func find(_ b: UnsafeBufferPointer<UInt8>, _ needle: [UInt8], from: Int, ignoreCase: Bool, limit: Int? = nil) -> Int? {
        guard let base = b.baseAddress, let first = needle.first else { return nil }
        let end = min(limit ?? b.count, b.count)
        var i = from
        while i + needle.count <= end {
            // memchr on the first byte (both cases when folding) keeps this near memory speed.
            var candidate: Int
            if ignoreCase {
                let upper = first >= 0x61 && first <= 0x7A ? first - 0x20 : first
                let a = memchr(base + i, Int32(first), end - i).map { base.distance(to: $0.assumingMemoryBound(to: UInt8.self)) } ?? end
                let c = upper == first ? end : (memchr(base + i, Int32(upper), end - i).map { base.distance(to: $0.assumingMemoryBound(to: UInt8.self)) } ?? end)
                candidate = min(a, c)
            } else {
                candidate = memchr(base + i, Int32(first), end - i).map { base.distance(to: $0.assumingMemoryBound(to: UInt8.self)) } ?? end
            }
            guard candidate + needle.count <= end else { return nil }
            var k = 1
            while k < needle.count && (ignoreCase ? ByteText.lower(b[candidate + k]) : b[candidate + k]) == needle[k] { k += 1 }
            if k == needle.count { return candidate }
            i = candidate + 1
        }
        return nil
    }
}
