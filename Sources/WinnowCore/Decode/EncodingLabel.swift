import Foundation

/// WHATWG encoding labels mapped to the names Winnow decodes with. Latin-1 and ASCII labels mean
/// windows-1252 on the web; labels nobody knows fall back to UTF-8.
public enum EncodingLabel {
    public static func canonical(_ label: String) -> String {
        let l = label.trimmingCharacters(in: .whitespaces).lowercased()
        switch l {
        case "utf-8", "utf8", "unicode-1-1-utf-8", "x-unicode20utf8": return "utf-8"
        case "iso-8859-1", "iso8859-1", "latin1", "l1", "ascii", "us-ascii", "iso_8859-1", "cp1252", "windows-1252",
             "x-cp1252", "cp819", "ibm819", "iso-ir-100", "csisolatin1", "ansi_x3.4-1968": return "windows-1252"
        case "windows-1251", "cp1251", "x-cp1251": return "windows-1251"
        case "koi8-r", "koi8", "koi", "cskoi8r": return "koi8-r"
        case "koi8-u", "koi8-ru": return "koi8-u"
        case "shift_jis", "shift-jis", "sjis", "ms_kanji", "csshiftjis", "x-sjis", "windows-31j", "ms932": return "shift_jis"
        case "euc-jp", "cseucpkdfmtjapanese", "x-euc-jp": return "euc-jp"
        case "iso-2022-jp", "csiso2022jp": return "iso-2022-jp"
        case "gb2312", "gbk", "gb18030", "x-gbk", "cp936", "chinese", "csgb2312", "euc-cn": return "gb18030"
        case "big5", "big5-hkscs", "cn-big5", "csbig5", "x-x-big5": return "big5"
        case "euc-kr", "ks_c_5601-1987", "korean", "cseuckr", "windows-949": return "euc-kr"
        case "utf-16", "utf-16le": return "utf-16le"
        case "utf-16be": return "utf-16be"
        default:
            if let known = Self.iconvNames[l] { return known }
            if l.hasPrefix("iso-8859-") || l.hasPrefix("windows-125") { return l }
            return "utf-8"
        }
    }

    private static let iconvNames: [String: String] = [
        "iso8859-2": "iso-8859-2", "latin2": "iso-8859-2", "iso8859-15": "iso-8859-15", "latin9": "iso-8859-15",
        "tis-620": "windows-874", "windows-874": "windows-874", "macintosh": "macintosh", "mac": "macintosh",
    ]
}
