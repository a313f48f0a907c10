import CLD2Shim

/// The language of extracted text, detected by CLD2 (n-gram model, ~80 languages) on the text itself.
/// Markup (`<html lang>`) says what a site's template claims; the detector says what the text is.
public struct LanguageDetector: Sendable {
    public struct Guess: Sendable, Equatable {
        /// BCP 47 code, e.g. "en", "pt", "zh-Hant".
        public var code: String
        /// Share of the text in that language, 0–100.
        public var percent: Int
        public var reliable: Bool
    }

    /// Bytes of text CLD2 looks at.
    static let sampleBytes = 512

    public init() {}

    /// Guesses from up to the first `sampleBytes` of `text` (about 80 Latin-script words: enough for
    /// CLD2, whose cost grows with the input); nil when it cannot tell.
    public func detect(_ text: [UInt8]) -> Guess? {
        guard !text.isEmpty else { return nil }
        var end = min(text.count, LanguageDetector.sampleBytes)
        // Do not cut a UTF-8 sequence in half.
        while end < text.count && end > 0 && text[end] & 0xC0 == 0x80 { end -= 1 }
        var code = [CChar](repeating: 0, count: 16)
        var percent: Int32 = 0
        var reliable: Int32 = 0
        let status = text.withUnsafeBufferPointer { buffer -> Int32 in
            guard let base = buffer.baseAddress else { return -1 }
            return base.withMemoryRebound(to: CChar.self, capacity: end) { pointer in
                winnow_cld2_detect(pointer, Int32(end), &code, Int32(code.count), &percent, &reliable)
            }
        }
        guard status == 0 else { return nil }
        let name = String(decoding: code.prefix { $0 != 0 }.map { UInt8(bitPattern: $0) }, as: UTF8.self)
        guard !name.isEmpty, name != "un" else { return nil }
        return Guess(code: name, percent: Int(percent), reliable: reliable != 0)
    }
}
