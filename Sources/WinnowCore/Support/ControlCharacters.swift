/// Control characters never reach a record: C0 (U+0000–U+001F), DEL (U+007F) and C1 (U+0080–U+009F)
/// are terminal escapes, NULs and stray bytes, not text, and they break tools downstream (a NUL ends a
/// C string, ESC drives a terminal that `jq` prints to). In `text`, newline and tab are layout and
/// stay; in one-line fields (title, author, …) they become a space. Input is valid UTF-8, so C1 is the
/// two bytes C2 80–C2 9F. Most text holds none: one scan, no copy.
public enum ControlCharacters {
    /// `text` without control characters other than newline and tab.
    public static func text(_ bytes: [UInt8]) -> [UInt8] { strip(bytes, layout: true) ?? bytes }

    /// A one-line field: newline, tab and CR become a space, other control characters are dropped,
    /// and it is cut to `maxFieldScalars` at a space (a 5 MB `description` is not a description).
    public static func field(_ value: String) -> String {
        var bytes = Array(value.utf8)
        var changed = false
        if let stripped = strip(bytes, layout: false) { bytes = stripped; changed = true }
        if bytes.count > maxFieldScalars, let cut = cutPoint(bytes, scalars: maxFieldScalars) { bytes = Array(bytes[..<cut]); changed = true }
        return changed ? String(decoding: bytes, as: UTF8.self) : value
    }

    /// Longest one-line metadata field, in Unicode scalars.
    public static let maxFieldScalars = 1_000

    /// Where to cut `bytes` to keep at most `scalars` scalars: before the last space within them (or
    /// at the limit when there is none); nil when they fit.
    static func cutPoint(_ bytes: [UInt8], scalars: Int) -> Int? {
        var count = 0
        var lastSpace: Int?
        for (i, byte) in bytes.enumerated() where byte & 0xC0 != 0x80 {
            if count == scalars { return lastSpace ?? i }
            if byte == 0x20 { lastSpace = i }
            count += 1
        }
        return nil
    }

    public static func field(_ value: String?) -> String? { value.map { field($0) } }

    /// True when `value` holds any control character (newline and tab included): such an id is rejected.
    public static func contains(_ value: String) -> Bool {
        var copy = value
        return copy.withUTF8 { firstControl($0, layout: false) != nil }
    }

    /// An absolute http(s) URL without control characters, or nil (`javascript:`, `data:`, relative).
    public static func httpURL(_ value: String?) -> String? {
        guard let value else { return nil }
        let url = field(value).trimmingCharacters(in: .whitespaces)
        let lower = url.prefix(8).lowercased()
        guard (lower.hasPrefix("http://") && url.count > 7) || (lower.hasPrefix("https://") && url.count > 8) else { return nil }
        return url
    }

    /// The bytes without control characters, or nil when there were none.
    static func strip(_ bytes: [UInt8], layout: Bool) -> [UInt8]? {
        guard let first = bytes.withUnsafeBufferPointer({ firstControl($0, layout: layout) }) else { return nil }
        var out = [UInt8]()
        out.reserveCapacity(bytes.count)
        out.append(contentsOf: bytes[..<first])
        var i = first
        while i < bytes.count {
            let byte = bytes[i]
            if byte < 0x20 || byte == 0x7F {
                if byte == 0x0A || byte == 0x09 {
                    out.append(layout ? byte : 0x20)
                } else if byte == 0x0D && !layout {
                    out.append(0x20)
                }
                i += 1
            } else if byte == 0xC2 && i + 1 < bytes.count && bytes[i + 1] >= 0x80 && bytes[i + 1] <= 0x9F {
                i += 2
            } else {
                out.append(byte)
                i += 1
            }
        }
        return out
    }

    /// Index of the first byte to remove or replace.
    static func firstControl(_ bytes: UnsafeBufferPointer<UInt8>, layout: Bool) -> Int? {
        var i = 0
        while i < bytes.count {
            let byte = bytes[i]
            if byte < 0x20 {
                if !(layout && (byte == 0x0A || byte == 0x09)) { return i }
            } else if byte == 0x7F {
                return i
            } else if byte == 0xC2 && i + 1 < bytes.count && bytes[i + 1] >= 0x80 && bytes[i + 1] <= 0x9F {
                return i
            }
            i += 1
        }
        return nil
    }
}
