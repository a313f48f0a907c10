import Foundation

/// The decode stage's logic: choose the encoding of an input and return its text as valid UTF-8.
/// Order (WHATWG): BOM, the transport's declared charset (HTTP `Content-Type` in a WARC), `<meta>`
/// (HTML, first 1024 bytes), then for undeclared bytes a UTF-8 validity check, the uchardet detector,
/// and windows-1252 as the last resort. A page that declares a legacy charset but is valid UTF-8 is
/// UTF-8; a page that declares UTF-8 but is mostly not UTF-8 goes to the detector. Never fails on bad
/// bytes: they become U+FFFD.
public enum DocumentDecoder {
    public struct Decoded: Sendable {
        public var utf8: [UInt8]
        /// Encoding used, e.g. "utf-8", "windows-1252".
        public var encoding: String
        /// How it was chosen: "bom", "transport", "meta", "utf8-valid", "utf8-mostly", "detector", "fallback".
        public var method: String
        public var replacedBytes: Int
    }

    public enum Failure: Error, Sendable, Equatable {
        case binary
        case unsupportedEncoding(String)
    }

    public static func decode(_ bytes: [UInt8], isHTML: Bool, declared: String? = nil) -> Swift.Result<Decoded, Failure> {
        if let (bom, length) = CharsetSniffer.bom(bytes) {
            let body = bytes[length...]
            switch bom {
            case .utf8: return finish(Transcoder.toUTF8(body, from: "utf-8"), "utf-8", "bom")
            case .utf16LE: return finish(Transcoder.toUTF8(body, from: "utf-16le"), "utf-16le", "bom")
            case .utf16BE: return finish(Transcoder.toUTF8(body, from: "utf-16be"), "utf-16be", "bom")
            }
        }
        if ContentSniffer.looksBinary(bytes) { return .failure(.binary) }
        let valid = UTF8Validation.isValid(bytes)
        let label = declared ?? (isHTML ? CharsetSniffer.metaCharset(bytes) : nil)
        if let label {
            let encoding = EncodingLabel.canonical(label)
            let method = declared != nil ? "transport" : "meta"
            // A page that declares a legacy charset but is valid UTF-8 was re-saved as UTF-8: believe the bytes.
            if valid { return finish(Transcoder.Result(utf8: bytes, replaced: 0), "utf-8", encoding != "utf-8" ? "utf8-valid" : method) }
            if encoding == "utf-8" {
                // Declared UTF-8 but far from it (a legacy page under a wrong header or meta): detect.
                if !mostlyUTF8(bytes), let detected = detected(bytes, isHTML: isHTML) { return detected }
                return finish(Transcoder.toUTF8(bytes[...], from: "utf-8"), "utf-8", method)
            }
            if encoding.hasPrefix("utf-16") { return finish(Transcoder.toUTF8(bytes[...], from: "utf-8"), "utf-8", "utf8-mostly") }
            if let converted = Transcoder.toUTF8(bytes[...], from: encoding) { return finish(converted, encoding, method) }
            // A label iconv does not know: read the bytes as windows-1252 rather than lose the page.
            return finish(Transcoder.toUTF8(bytes[...], from: "windows-1252"), "windows-1252", "fallback")
        }
        if valid { return finish(Transcoder.Result(utf8: bytes, replaced: 0), "utf-8", "utf8-valid") }
        if mostlyUTF8(bytes) { return finish(Transcoder.toUTF8(bytes[...], from: "utf-8"), "utf-8", "utf8-mostly") }
        if let detected = detected(bytes, isHTML: isHTML) { return detected }
        return finish(Transcoder.toUTF8(bytes[...], from: "windows-1252"), "windows-1252", "fallback")
    }

    /// The detector's answer, if it names a legacy encoding that converts.
    private static func detected(_ bytes: [UInt8], isHTML: Bool) -> Swift.Result<Decoded, Failure>? {
        guard let encoding = CharsetDetector.detect(bytes, isHTML: isHTML), encoding != "utf-8", !encoding.hasPrefix("utf-16"),
              let converted = Transcoder.toUTF8(bytes[...], from: encoding) else { return nil }
        return finish(converted, encoding, "detector")
    }

    private static func finish(_ result: Transcoder.Result?, _ encoding: String, _ method: String) -> Swift.Result<Decoded, Failure> {
        guard var result else { return .failure(.unsupportedEncoding(encoding)) }
        result.replaced += replaceNUL(&result.utf8)
        return .success(Decoded(utf8: result.utf8, encoding: encoding, method: method, replacedBytes: result.replaced))
    }

    /// A NUL byte past the binary check would end libxml2's parse silently, losing the rest of the
    /// page: NULs become U+FFFD (as an HTML parser does). Returns how many were replaced.
    static func replaceNUL(_ utf8: inout [UInt8]) -> Int {
        let hasNUL = utf8.withUnsafeBufferPointer { buffer in
            buffer.baseAddress.map { memchr($0, 0, buffer.count) != nil } ?? false
        }
        guard hasNUL else { return 0 }
        var out: [UInt8] = []
        out.reserveCapacity(utf8.count + 16)
        var count = 0
        for byte in utf8 {
            if byte == 0 { out.append(contentsOf: [0xEF, 0xBF, 0xBD]); count += 1 } else { out.append(byte) }
        }
        utf8 = out
        return count
    }

    /// UTF-8 with a few bad bytes (a truncated character, one stray Latin-1 byte): keep it UTF-8 when
    /// valid multi-byte sequences outnumber invalid bytes ten to one.
    static func mostlyUTF8(_ bytes: [UInt8]) -> Bool {
        var valid = 0, invalid = 0
        var i = 0
        while i < bytes.count {
            if bytes[i] < 0x80 { i += 1; continue }
            let length = UTF8Validation.sequenceLength(bytes, at: i, end: bytes.count)
            if length == 0 { invalid += 1; i += 1 } else { valid += 1; i += length }
        }
        return valid > 0 && valid >= invalid * 10
    }
}
