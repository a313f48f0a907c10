import Foundation
#if canImport(Glibc)
import Glibc
#endif

/// Converts bytes in a named encoding to UTF-8. windows-1252 is done by table (the common fallback);
/// everything else goes through the C library's iconv. Bytes that cannot be converted become U+FFFD.
public enum Transcoder {
    public struct Result: Sendable {
        public var utf8: [UInt8]
        public var replaced: Int
    }

    public static func toUTF8(_ bytes: ArraySlice<UInt8>, from encoding: String) -> Result? {
        switch encoding {
        case "utf-8":
            let array = Array(bytes)
            if UTF8Validation.isValid(array) { return Result(utf8: array, replaced: 0) }
            let repaired = UTF8Validation.repaired(array)
            return Result(utf8: repaired.bytes, replaced: repaired.replaced)
        case "windows-1252":
            return Result(utf8: windows1252(bytes), replaced: 0)
        default:
            return iconvToUTF8(bytes, from: encoding)
        }
    }

    /// windows-1252's 0x80–0x9F row; the rest is Latin-1, i.e. the byte value is the code point.
    private static let cp1252High: [UInt32] = [
        0x20AC, 0xFFFD, 0x201A, 0x0192, 0x201E, 0x2026, 0x2020, 0x2021, 0x02C6, 0x2030, 0x0160, 0x2039, 0x0152, 0xFFFD, 0x017D, 0xFFFD,
        0xFFFD, 0x2018, 0x2019, 0x201C, 0x201D, 0x2022, 0x2013, 0x2014, 0x02DC, 0x2122, 0x0161, 0x203A, 0x0153, 0xFFFD, 0x017E, 0x0178,
    ]

    static func windows1252(_ bytes: ArraySlice<UInt8>) -> [UInt8] {
        var out: [UInt8] = []
        out.reserveCapacity(bytes.count + bytes.count / 8)
        for byte in bytes {
            if byte < 0x80 { out.append(byte); continue }
            let scalar = byte < 0xA0 ? cp1252High[Int(byte - 0x80)] : UInt32(byte)
            appendUTF8(scalar, to: &out)
        }
        return out
    }

    static func appendUTF8(_ scalar: UInt32, to out: inout [UInt8]) {
        switch scalar {
        case 0..<0x80: out.append(UInt8(scalar))
        case 0x80..<0x800:
            out.append(UInt8(0xC0 | (scalar >> 6)))
            out.append(UInt8(0x80 | (scalar & 0x3F)))
        case 0x800..<0x10000:
            out.append(UInt8(0xE0 | (scalar >> 12)))
            out.append(UInt8(0x80 | ((scalar >> 6) & 0x3F)))
            out.append(UInt8(0x80 | (scalar & 0x3F)))
        default:
            out.append(UInt8(0xF0 | (scalar >> 18)))
            out.append(UInt8(0x80 | ((scalar >> 12) & 0x3F)))
            out.append(UInt8(0x80 | ((scalar >> 6) & 0x3F)))
            out.append(UInt8(0x80 | (scalar & 0x3F)))
        }
    }

    /// The iconv converter that decodes a WHATWG encoding the way browsers do: the web's "shift_jis"
    /// is Microsoft's CP932 (0x5C is a backslash, not ¥), its "euc-kr" is CP949 (UHC syllables), its
    /// "gb18030" covers "gbk".
    static func iconvName(_ encoding: String) -> String {
        switch encoding {
        case "shift_jis": return "CP932"
        case "euc-kr": return "CP949"
        case "big5": return "BIG5-HKSCS"
        default: return encoding.uppercased()
        }
    }

    /// iconv with resynchronisation: an invalid or incomplete sequence becomes U+FFFD and one byte is skipped.
    static func iconvToUTF8(_ bytes: ArraySlice<UInt8>, from encoding: String) -> Result? {
        let converter = iconv_open("UTF-8", iconvName(encoding))
        guard let converter, converter != iconv_t(bitPattern: -1) else { return nil }
        defer { iconv_close(converter) }
        var input = Array(bytes)
        var out = [UInt8](repeating: 0, count: max(64, bytes.count * 4 + 16))
        var replaced = 0
        var produced = 0
        let ok: Bool = input.withUnsafeMutableBufferPointer { inBuffer -> Bool in
            guard let inBase = inBuffer.baseAddress else { return true }
            return out.withUnsafeMutableBufferPointer { outBuffer -> Bool in
                guard let outBase = outBuffer.baseAddress else { return false }
                var inPointer: UnsafeMutablePointer<CChar>? = UnsafeMutableRawPointer(inBase).assumingMemoryBound(to: CChar.self)
                var inLeft = inBuffer.count
                var outPointer: UnsafeMutablePointer<CChar>? = UnsafeMutableRawPointer(outBase).assumingMemoryBound(to: CChar.self)
                var outLeft = outBuffer.count
                while inLeft > 0 {
                    let result = iconv(converter, &inPointer, &inLeft, &outPointer, &outLeft)
                    if result != -1 { break }
                    if errno == E2BIG || outLeft < 4 { return false }
                    // EILSEQ / EINVAL: replace the offending byte and continue after it.
                    inPointer = inPointer.map { $0 + 1 }
                    inLeft -= 1
                    replaced += 1
                    for byte: UInt8 in [0xEF, 0xBF, 0xBD] {
                        outPointer?.pointee = CChar(bitPattern: byte)
                        outPointer = outPointer.map { $0 + 1 }
                        outLeft -= 1
                    }
                }
                produced = outBuffer.count - outLeft
                return true
            }
        }
        guard ok else { return nil }
        out.removeSubrange(produced...)
        return Result(utf8: out, replaced: replaced)
    }
}
