/// Finds the encoding a document declares: a byte-order mark, or for HTML a `<meta charset>` /
/// `<meta http-equiv="Content-Type" content="…; charset=…">` in the first 1024 bytes (WHATWG prescan).
public enum CharsetSniffer {
    public enum BOM: Sendable { case utf8, utf16LE, utf16BE }

    public static func bom(_ bytes: [UInt8]) -> (BOM, length: Int)? {
        if bytes.count >= 3 && bytes[0] == 0xEF && bytes[1] == 0xBB && bytes[2] == 0xBF { return (.utf8, 3) }
        if bytes.count >= 2 && bytes[0] == 0xFF && bytes[1] == 0xFE { return (.utf16LE, 2) }
        if bytes.count >= 2 && bytes[0] == 0xFE && bytes[1] == 0xFF { return (.utf16BE, 2) }
        return nil
    }

    /// The charset label from the first `<meta>` that declares one, lowercased, or nil.
    public static func metaCharset(_ bytes: [UInt8]) -> String? {
        let n = min(bytes.count, 1024)
        var i = 0
        while i + 5 < n {
            if bytes[i] == UInt8(ascii: "<"), ByteText.lower(bytes[i + 1]) == UInt8(ascii: "m"),
               ByteText.equalsIgnoringASCIICase(bytes[i + 1..<i + 5], "meta") {
                var end = i + 5
                while end < bytes.count && end < i + 512 && bytes[end] != UInt8(ascii: ">") { end += 1 }
                if let label = charsetParameter(bytes[(i + 5)..<end]) { return label }
                i = end
            }
            i += 1
        }
        return nil
    }

    /// The value after `charset=` inside a tag's bytes (covers both meta forms).
    static func charsetParameter(_ tag: ArraySlice<UInt8>) -> String? {
        var label: String?
        _ = ByteText.forEachDeclaration(of: Array("charset".utf8), separator: UInt8(ascii: "="), in: tag) { start in
            var j = start
            while j < tag.endIndex && (tag[j] == UInt8(ascii: "\"") || tag[j] == UInt8(ascii: "'")) { j += 1 }
            let valueStart = j
            while j < tag.endIndex, !ByteText.isSpace(tag[j]), tag[j] != UInt8(ascii: "\""), tag[j] != UInt8(ascii: "'"),
                  tag[j] != UInt8(ascii: ";"), tag[j] != UInt8(ascii: "/"), tag[j] != UInt8(ascii: ">") { j += 1 }
            guard j > valueStart else { return false }
            label = String(decoding: tag[valueStart..<j].map(ByteText.lower), as: UTF8.self)
            return true
        }
        return label
    }
}
