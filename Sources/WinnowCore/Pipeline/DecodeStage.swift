/// Bytes to valid UTF-8 (see `DocumentDecoder`); text inputs are also split into lines here.
public struct DecodeStage: Stage {
    public let name = "decode"
    public init() {}

    public func run(_ document: inout WorkingDocument) -> StageOutcome {
        switch DocumentDecoder.decode(document.raw, isHTML: document.contentType == .html, declared: document.input.declaredCharset) {
        case .failure(.binary):
            return .drop(reason: "decode.binary", detail: "NUL or control bytes in the first 4 KiB: not a text document")
        case .failure(.unsupportedEncoding(let name)):
            return .drop(reason: "decode.unsupported_encoding", detail: name)
        case .success(let decoded):
            document.utf8 = decoded.utf8
            document.encoding = decoded.encoding
            document.encodingMethod = decoded.method
            if decoded.replacedBytes > 0 { document.hit("decode.replaced_bytes", decoded.replacedBytes) }
        }
        document.raw = []
        if document.contentType == .text {
            document.lines = document.utf8.split(separator: UInt8(ascii: "\n"), omittingEmptySubsequences: false)
                .map { ByteText.normalizeWhitespace($0) }
        }
        return .keep
    }
}
