import Foundation

/// datatrove's `simplify_text` on UTF-8 bytes, word by word: lowercase, numbers to "0", punctuation
/// and whitespace as word breaks, diacritics dropped. ASCII takes a byte-table path; only other
/// scalars are decoded (and only Latin/Greek/Cyrillic letters go through Foundation's decomposition).
struct TextNormalizer: Sendable {
    let settings: DedupSettings.Normalization

    /// Calls `word` with each normalised word's bytes (valid until the next call), in order.
    func forEachWord(_ text: UnsafeBufferPointer<UInt8>, _ word: (UnsafeBufferPointer<UInt8>) -> Void) {
        var current: [UInt8] = []
        current.reserveCapacity(64)
        func flush() {
            guard !current.isEmpty else { return }
            current.withUnsafeBufferPointer { word($0) }
            current.removeAll(keepingCapacity: true)
        }
        var i = 0
        let end = text.count
        while i < end {
            let byte = text[i]
            if byte < 0x80 {
                if settings.numbers && byte >= 0x30 && byte <= 0x39 {
                    i = Self.skipNumber(text, from: i)
                    current.append(0x30)
                    continue
                }
                if Self.asciiBreak[Int(byte)] || (settings.punctuation && Self.asciiPunctuation[Int(byte)]) {
                    flush()
                } else {
                    current.append(settings.lowercase ? ByteText.lower(byte) : byte)
                }
                i += 1
                continue
            }
            let (scalar, length) = Self.decode(text, at: i)
            defer { i += length }
            guard let scalar else { current.append(contentsOf: UnsafeBufferPointer(rebasing: text[i..<min(end, i + length)])); continue }
            if scalar.properties.isWhitespace || (settings.punctuation && Self.isPunctuation(scalar)) {
                flush()
                continue
            }
            if settings.numbers && scalar.properties.numericType == .decimal {
                // A non-ASCII digit run: the whole run (and an ASCII-digit tail) is one "0".
                var j = i + length
                while j < end {
                    let (next, n) = Self.decode(text, at: j)
                    guard let next, next.properties.numericType == .decimal else { break }
                    j += n
                }
                current.append(0x30)
                i = j - length
                continue
            }
            appendLetter(scalar, to: &current)
        }
        flush()
    }

    private func appendLetter(_ scalar: Unicode.Scalar, to out: inout [UInt8]) {
        if settings.diacritics && scalar.properties.generalCategory == .nonspacingMark { return }
        let value = scalar.value
        // Letters that can lowercase or decompose: Latin-1 to Cyrillic, Latin Extended Additional, Greek
        // Extended. Everything else (CJK, Arabic, Hebrew, Devanagari, …) is copied as it is.
        let composite = (0xC0...0x52F).contains(value) || (0x1E00...0x1FFF).contains(value)
        guard composite || (settings.lowercase && scalar.properties.changesWhenLowercased) else {
            out.append(contentsOf: String(scalar).utf8)
            return
        }
        var text = String(scalar)
        if settings.lowercase { text = text.lowercased() }
        if settings.diacritics {
            for part in text.decomposedStringWithCanonicalMapping.unicodeScalars where part.properties.generalCategory != .nonspacingMark {
                out.append(contentsOf: String(part).utf8)
            }
        } else {
            out.append(contentsOf: text.utf8)
        }
    }

    /// `\d+([.,]\d+)?` from `start` (an ASCII digit): the index after the number.
    private static func skipNumber(_ text: UnsafeBufferPointer<UInt8>, from start: Int) -> Int {
        var j = start
        while j < text.count && isDigit(text[j]) { j += 1 }
        if j + 1 < text.count && (text[j] == 0x2E || text[j] == 0x2C) && isDigit(text[j + 1]) {
            j += 1
            while j < text.count && isDigit(text[j]) { j += 1 }
        }
        return j
    }

    @inline(__always) private static func isDigit(_ byte: UInt8) -> Bool { byte >= 0x30 && byte <= 0x39 }

    /// One scalar at `index`, or nil (and 1) for a byte that does not start valid UTF-8.
    static func decode(_ text: UnsafeBufferPointer<UInt8>, at index: Int) -> (Unicode.Scalar?, Int) {
        let lead = text[index]
        let length = lead >= 0xF0 ? 4 : lead >= 0xE0 ? 3 : lead >= 0xC0 ? 2 : 1
        guard length > 1, index + length <= text.count else { return (nil, 1) }
        var value = UInt32(lead) & (length == 2 ? 0x1F : length == 3 ? 0x0F : 0x07)
        for k in 1..<length {
            let byte = text[index + k]
            guard byte & 0xC0 == 0x80 else { return (nil, 1) }
            value = value << 6 | UInt32(byte & 0x3F)
        }
        return (Unicode.Scalar(value), length)
    }

    /// Whitespace and the control characters datatrove's PUNCTUATION includes: always word breaks.
    private static let asciiBreak: [Bool] = (0..<128).map { $0 <= 0x20 || $0 == 0x7F }
    private static let asciiPunctuation: [Bool] = (0..<128).map { byte in
        let c = UInt8(byte)
        return (c >= 0x21 && c <= 0x2F) || (c >= 0x3A && c <= 0x40) || (c >= 0x5B && c <= 0x60) || (c >= 0x7B && c <= 0x7E)
    }

    /// The non-ASCII part of datatrove's PUNCTUATION (C1 controls included).
    private static let otherPunctuation: Set<UInt32> = Set("—”％１〈、━【「」，】；“《„’∶´．（–？！：～«〉》）。…►»".unicodeScalars.map(\.value))

    private static func isPunctuation(_ scalar: Unicode.Scalar) -> Bool {
        (0x80...0x9F).contains(scalar.value) || otherPunctuation.contains(scalar.value)
    }
}
