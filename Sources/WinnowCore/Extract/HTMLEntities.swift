/// Character references left in metadata text: JSON-LD is script text the parser does not decode, and
/// some sites encode meta content twice ("&amp;#8217;" arrives as "&#8217;"). Numeric references and
/// the named ones that occur in headlines and names are decoded; anything else is left as written.
enum HTMLEntities {
    private static let named: [String: String] = [
        "amp": "&", "lt": "<", "gt": ">", "quot": "\"", "apos": "'", "nbsp": " ", "hellip": "…",
        "mdash": "—", "ndash": "–", "lsquo": "‘", "rsquo": "’", "ldquo": "“", "rdquo": "”", "laquo": "«",
        "raquo": "»", "eacute": "é", "egrave": "è", "aacute": "á", "oacute": "ó", "iacute": "í", "uacute": "ú",
        "ntilde": "ñ", "ccedil": "ç", "uuml": "ü", "ouml": "ö", "auml": "ä", "szlig": "ß", "copy": "©", "reg": "®",
    ]

    static func decode(_ text: String) -> String {
        guard text.utf8.contains(UInt8(ascii: "&")) else { return text }
        var out = ""
        var rest = Substring(text)
        while let amp = rest.firstIndex(of: "&") {
            out += rest[..<amp]
            let after = rest[rest.index(after: amp)...]
            if let semicolon = after.prefix(10).firstIndex(of: ";"), let decoded = reference(String(after[..<semicolon])) {
                out += decoded
                rest = after[after.index(after: semicolon)...]
            } else {
                out += "&"
                rest = after
            }
        }
        out += rest
        return out
    }

    private static func reference(_ name: String) -> String? {
        if name.hasPrefix("#") {
            let digits = name.dropFirst()
            let value = digits.hasPrefix("x") || digits.hasPrefix("X") ? UInt32(digits.dropFirst(), radix: 16) : UInt32(digits)
            guard let value, value > 0 else { return nil }
            // 128–159 are windows-1252 characters in practice (as the parser treats them in text).
            if (0x80...0x9F).contains(value) {
                let bytes = Transcoder.windows1252([UInt8(value)][...])
                return String(decoding: bytes, as: UTF8.self)
            }
            return Unicode.Scalar(value).map { String(Character($0)) }
        }
        return named[name]
    }
}
