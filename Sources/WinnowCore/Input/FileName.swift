/// File names that are not valid UTF-8, written for people: every byte of an invalid sequence as
/// `\xNN`, the valid parts as they are.
enum FileName {
    static func escape(_ bytes: [UInt8]) -> String {
        var out = ""
        var i = 0
        while i < bytes.count {
            let length = UTF8Validation.sequenceLength(bytes, at: i, end: bytes.count)
            if length == 0 {
                out += "\\x" + String(bytes[i], radix: 16, uppercase: true).leftPadded(to: 2)
                i += 1
            } else {
                out += String(decoding: bytes[i..<i + length], as: UTF8.self)
                i += length
            }
        }
        return out
    }
}

private extension String {
    func leftPadded(to width: Int) -> String { count >= width ? self : String(repeating: "0", count: width - count) + self }
}
