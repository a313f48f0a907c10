import CUchardet
import Foundation
#if canImport(Glibc)
import Glibc
#endif

/// Guesses the encoding of bytes that declare none and are not UTF-8, with uchardet (Mozilla's
/// universal charset detector, Debian `libuchardet`). Only the first 64 KiB are looked at. Markup
/// is mostly ASCII and would dilute the statistics, so for HTML the text between tags is fed first.
/// The answer is mapped to the name Winnow decodes with; ISO-8859-1 and ASCII mean windows-1252 as on
/// the web. nil when the detector has no answer or names something iconv cannot convert.
///
/// uchardet is reliable on Cyrillic, Greek, Hebrew and CJK text, where nearly every letter is a
/// non-ASCII byte, but calls a short Western sentence with a few accents windows-1250 as readily as
/// windows-1252. So a Latin-script answer other than windows-1252 needs at least
/// `minimumLatinEvidence` non-ASCII bytes in the sample, else the answer is nil (windows-1252 follows
/// as the fallback). ISO-8859-2 with bytes in 0x80–0x9F (C1 controls there, letters in windows-1250)
/// is windows-1250.
public enum CharsetDetector {
    static let window = 64 * 1024
    static let minimumLatinEvidence = 24

    /// Latin-script single-byte encodings that compete with windows-1252 for the same bytes.
    static let latinAlternatives: Set<String> = [
        "windows-1250", "iso-8859-2", "windows-1254", "windows-1257", "windows-1258", "iso-8859-3", "iso-8859-4", "iso-8859-10",
        "iso-8859-13", "iso-8859-14", "iso-8859-15", "iso-8859-16", "mac-centraleurope", "macintosh", "viscii", "ibm852",
    ]

    public static func detect(_ bytes: [UInt8], isHTML: Bool) -> String? {
        var sample = isHTML ? textBetweenTags(bytes) : Array(bytes.prefix(window))
        if sample.count < 32 { sample = Array(bytes.prefix(window)) }
        guard let name = run(sample), var encoding = canonical(name) else { return nil }
        let highBytes = sample.reduce(0) { $0 + ($1 >= 0x80 ? 1 : 0) }
        if latinAlternatives.contains(encoding) && highBytes < minimumLatinEvidence { return nil }
        if encoding == "iso-8859-2" && sample.contains(where: { $0 >= 0x80 && $0 < 0xA0 }) { encoding = "windows-1250" }
        return encoding
    }

    private static func run(_ sample: [UInt8]) -> String? {
        guard !sample.isEmpty, let detector = uchardet_new() else { return nil }
        defer { uchardet_delete(detector) }
        let status = sample.withUnsafeBufferPointer { buffer -> Int32 in
            guard let base = buffer.baseAddress else { return -1 }
            return base.withMemoryRebound(to: CChar.self, capacity: buffer.count) { uchardet_handle_data(detector, $0, buffer.count) }
        }
        guard status == 0 else { return nil }
        uchardet_data_end(detector)
        guard let result = uchardet_get_charset(detector) else { return nil }
        let name = String(cString: result)
        return name.isEmpty ? nil : name
    }

    /// uchardet's names to Winnow's: WHATWG labels where they exist, else a name iconv converts.
    static func canonical(_ name: String) -> String? {
        let lower = name.lowercased()
        switch lower {
        case "ascii", "iso-8859-1", "windows-1252": return "windows-1252"
        case "utf-8": return "utf-8"
        case "uhc": return "euc-kr"
        case "tis-620": return "windows-874"
        case "iso-8859-9": return "windows-1254"
        case "x-iso-10646-ucs-4-3412", "x-iso-10646-ucs-4-2143", "utf-32", "utf-32be", "utf-32le": return nil
        default: break
        }
        let mapped = EncodingLabel.canonical(lower)
        if mapped != "utf-8" { return mapped }
        return iconvKnows(lower) ? lower : nil
    }

    private static func iconvKnows(_ name: String) -> Bool {
        let converter = iconv_open("UTF-8", name.uppercased())
        guard let converter, converter != iconv_t(bitPattern: -1) else { return false }
        iconv_close(converter)
        return true
    }

    /// The bytes outside `<…>` tags (and outside script/style bodies, roughly: tags are skipped as a
    /// whole), from the first 64 KiB, so the detector sees the page's text rather than its markup.
    static func textBetweenTags(_ bytes: [UInt8]) -> [UInt8] {
        let n = min(bytes.count, window)
        var out: [UInt8] = []
        out.reserveCapacity(n / 2)
        var inTag = false
        for i in 0..<n {
            let byte = bytes[i]
            if inTag {
                if byte == UInt8(ascii: ">") { inTag = false; out.append(0x20) }
            } else if byte == UInt8(ascii: "<") {
                inTag = true
            } else {
                out.append(byte)
            }
        }
        return out
    }
}
