/// Looks at the first bytes of an input to tell binary from text and HTML from plain text.
public enum ContentSniffer {
    static let window = 4096

    /// Binary data: NUL bytes or many C0 control characters near the start. UTF-16 is told apart by
    /// its BOM before this check runs.
    public static func looksBinary(_ bytes: [UInt8]) -> Bool {
        let n = min(bytes.count, window)
        guard n > 0 else { return false }
        var controls = 0
        for i in 0..<n {
            let b = bytes[i]
            if b == 0 { return true }
            if b < 0x20 && b != 0x09 && b != 0x0A && b != 0x0D && b != 0x0C && b != 0x1B { controls += 1 }
        }
        return controls * 100 > n * 2
    }

    /// Starts (after whitespace and a BOM) like an HTML document.
    public static func looksLikeHTML(_ bytes: [UInt8]) -> Bool {
        var i = 0
        if bytes.count >= 3 && bytes[0] == 0xEF && bytes[1] == 0xBB && bytes[2] == 0xBF { i = 3 }
        while i < bytes.count && ByteText.isSpace(bytes[i]) { i += 1 }
        guard i < bytes.count, bytes[i] == UInt8(ascii: "<") else { return false }
        let prefix = bytes[i..<min(bytes.count, i + 15)].map(ByteText.lower)
        for marker in ["<!doctype html", "<html", "<head", "<body", "<!--", "<meta", "<title", "<?xml"] where prefix.starts(with: Array(marker.utf8)) {
            return true
        }
        return false
    }

    /// Contains markup somewhere in the first bytes: a `.html` file without any is treated as text.
    /// UTF-16 (told by its BOM) is looked at through the low bytes of its ASCII code units.
    public static func containsMarkup(_ bytes: [UInt8]) -> Bool {
        if let (bom, length) = CharsetSniffer.bom(bytes), bom != .utf8 {
            let low = bom == .utf16LE ? 0 : 1
            var ascii: [UInt8] = []
            var i = length
            while i + 1 < bytes.count && ascii.count < window {
                ascii.append(bytes[i + 1 - low] == 0 ? bytes[i + low] : 0x20)
                i += 2
            }
            return containsMarkup(ascii)
        }
        let n = min(bytes.count, window)
        var i = 0
        while i + 1 < n {
            if bytes[i] == UInt8(ascii: "<") {
                let next = ByteText.lower(bytes[i + 1])
                if (next >= 0x61 && next <= 0x7A) || next == UInt8(ascii: "!") || next == UInt8(ascii: "/") { return true }
            }
            i += 1
        }
        return false
    }
}
