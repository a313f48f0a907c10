import CLibXML2
import Foundation

/// Decodes a raw attribute value the way libxml2 2.9's `htmlParseHTMLAttribute` does, so that values
/// decoded before the parse (`SideAttributes`) are byte for byte what libxml2 would have delivered:
/// `&#…;`/`&#x…;` references (a value that is not an XML character ends the value, as libxml2's NUL
/// does), named references from libxml2's own HTML 4 table (`htmlEntityLookup`) only when they end
/// in `;`, an unknown or unterminated name kept as written, everything else copied.
/// Returns false (the caller then leaves the value to libxml2) for what libxml2 reads differently
/// from raw bytes: a NUL, or a reference name that starts or ends next to a non-ASCII character
/// (libxml2's Unicode name rules).
enum AttributeValueDecoder {
    static func decode(_ v: UnsafeBufferPointer<UInt8>, into out: inout [UInt8]) -> Bool {
        guard let base = v.baseAddress else { return true }
        let start = out.count
        if memchr(base, 0x26, v.count) == nil {  // no "&": the common case
            if memchr(base, 0, v.count) != nil { return false }
            out.append(contentsOf: v)
            return true
        }
        var i = 0
        let n = v.count
        while i < n {
            let c = v[i]
            if c == 0 { out.removeSubrange(start...); return false }
            guard c == UInt8(ascii: "&") else { out.append(c); i += 1; continue }
            if i + 1 < n && v[i + 1] == UInt8(ascii: "#") {
                let (scalar, next) = characterReference(v, at: i)
                Transcoder.appendUTF8(scalar, to: &out)
                i = next
                continue
            }
            // htmlParseName's ASCII path; anything else there is libxml2's Unicode path.
            var j = i + 1
            guard j < n else { out.append(c); i += 1; continue }
            if v[j] >= 0x80 { out.removeSubrange(start...); return false }
            guard isNameStart(v[j]) else { out.append(c); i += 1; continue }  // no name: a lone "&"
            while j < n && isNameChar(v[j]) { j += 1 }
            if j < n && (v[j] >= 0x80 || v[j] == 0) { out.removeSubrange(start...); return false }
            let name = UnsafeBufferPointer(rebasing: v[(i + 1)..<j])
            if j < n && v[j] == UInt8(ascii: ";"), let scalar = entity(name) {
                Transcoder.appendUTF8(scalar, to: &out)
                i = j + 1
            } else {
                out.append(c)
                out.append(contentsOf: name)
                i = j
            }
        }
        // A reference to a non-character wrote a NUL, where libxml2's C string ends.
        if let nul = out[start...].firstIndex(of: 0) { out.removeSubrange(nul...) }
        return true
    }

    /// htmlParseCharRef: the value (0 when it is not an XML character) and the index after the reference.
    private static func characterReference(_ v: UnsafeBufferPointer<UInt8>, at amp: Int) -> (UInt32, Int) {
        let n = v.count
        var i = amp + 2
        var value: UInt32 = 0
        let hex = i < n && (v[i] == UInt8(ascii: "x") || v[i] == UInt8(ascii: "X"))
        if hex { i += 1 }
        while i < n && v[i] != UInt8(ascii: ";") {
            let c = v[i]
            let digit: UInt32
            if c >= 0x30 && c <= 0x39 { digit = UInt32(c - 0x30) }
            else if hex && (c | 0x20) >= 0x61 && (c | 0x20) <= 0x66 { digit = UInt32((c | 0x20) - 0x61 + 10) }
            else { break }
            if value < 0x110000 { value = value * (hex ? 16 : 10) + digit }
            i += 1
        }
        if i < n && v[i] == UInt8(ascii: ";") { i += 1 }
        return (isXMLChar(value) ? value : 0, i)
    }

    private static func isXMLChar(_ c: UInt32) -> Bool {
        c == 0x9 || c == 0xA || c == 0xD || (c >= 0x20 && c <= 0xD7FF) || (c >= 0xE000 && c <= 0xFFFD) || (c >= 0x10000 && c <= 0x10FFFF)
    }

    private static func isNameStart(_ c: UInt8) -> Bool {
        ((c | 0x20) >= 0x61 && (c | 0x20) <= 0x7A) || c == UInt8(ascii: "_") || c == UInt8(ascii: ":")
    }

    private static func isNameChar(_ c: UInt8) -> Bool {
        isNameStart(c) || (c >= 0x30 && c <= 0x39) || c == UInt8(ascii: "-") || c == UInt8(ascii: ".")
    }

    /// libxml2's own table, so the set of names and their values cannot drift from the parser's.
    private static func entity(_ name: UnsafeBufferPointer<UInt8>) -> UInt32? {
        guard name.count < 32 else { return nil }  // the longest HTML 4 name has 8 letters
        var cName = [UInt8](name)
        cName.append(0)
        return cName.withUnsafeBufferPointer { buffer -> UInt32? in
            guard let base = buffer.baseAddress, let found = htmlEntityLookup(base) else { return nil }
            return found.pointee.value
        }
    }
}
