import Foundation

/// Reads the input's bytes, gunzips `.gz`, enforces the size cap, and settles HTML vs text by sniffing.
public struct LoadStage: Stage {
    public let name = "load"
    public let maxBytes: Int

    public init(maxBytes: Int) { self.maxBytes = maxBytes }

    public func run(_ document: inout WorkingDocument) -> StageOutcome {
        let input = document.input
        if let payload = input.payload {
            // A container reader already has the bytes (de-chunked, content-decoded).
            guard payload.count <= maxBytes else { return .drop(reason: "input.too_large", detail: "\(payload.count) bytes, limit \(maxBytes)") }
            document.raw = payload
            document.bytesRead = payload.count
            return settleKind(&document)
        }
        // The cap on disk size for plain files means a 50 MB file is never read into memory at all.
        let compressedLimit = maxBytes * 8 + 1024
        if input.size > (input.gzipped ? compressedLimit : maxBytes) {
            return .drop(reason: "input.too_large", detail: "\(input.size) bytes, limit \(maxBytes)")
        }
        let bytes: [UInt8]
        switch FileReader.read(input.path, limit: input.gzipped ? compressedLimit : maxBytes) {
        case .success(let data): bytes = data; document.bytesRead = data.count
        case .failure(let error): return .drop(reason: error.reason, detail: error.description)
        }
        // A 0-byte file.gz holds nothing, like a 0-byte file (gzip(1) calls it "unexpected end of file").
        if bytes.isEmpty { return .drop(reason: "input.empty", detail: "0 bytes") }
        if input.gzipped || Gunzip.isGzip(bytes) {
            guard Gunzip.isGzip(bytes) else { return .drop(reason: "input.gzip_invalid", detail: "the file ends in .gz but is not gzip data") }
            switch Gunzip.decompress(bytes, limit: maxBytes) {
            case .success(let data): document.raw = data; document.bytesRead = data.count
            case .failure(.truncated): return .drop(reason: "input.gzip_truncated", detail: "the gzip stream ends early")
            case .failure(.corrupt(let message)): return .drop(reason: "input.gzip_corrupt", detail: message)
            case .failure(.tooLarge(let limit)): return .drop(reason: "input.too_large", detail: "more than \(limit) bytes after gunzip")
            }
        } else {
            document.raw = bytes
        }
        return settleKind(&document)
    }

    private func settleKind(_ document: inout WorkingDocument) -> StageOutcome {
        if document.raw.allSatisfy(ByteText.isSpace) {
            return .drop(reason: "input.empty", detail: document.raw.isEmpty ? "0 bytes" : "only whitespace")
        }
        // Extension first, then the content: a .txt that is an HTML document is parsed as HTML, and a
        // .html file with no markup at all is read as text.
        switch document.contentType {
        case .text where ContentSniffer.looksLikeHTML(document.raw): document.contentType = .html
        case .html where !ContentSniffer.containsMarkup(document.raw): document.contentType = .text
        default: break
        }
        return .keep
    }
}

/// Whole-file reads with a size limit, via POSIX calls (no Foundation Data copy). Never blocks on a
/// FIFO or device (`RegularFile`).
enum FileReader {
    static func read(_ path: String, limit: Int) -> Result<[UInt8], RegularFile.Failure> {
        let opened: (fd: Int32, size: Int)
        switch RegularFile.open(path) {
        case .success(let file): opened = file
        case .failure(let failure): return .failure(failure)
        }
        let fd = opened.fd
        defer { close(fd) }
        let expected = opened.size
        guard expected <= limit else { return .failure(.unreadable("\(expected) bytes, limit \(limit)")) }
        var bytes = [UInt8](repeating: 0, count: expected)
        var total = 0
        while total < expected {
            let n = bytes.withUnsafeMutableBytes { buffer -> Int in
                guard let base = buffer.baseAddress else { return 0 }
                return Foundation.read(fd, base + total, expected - total)
            }
            if n < 0 {
                if errno == EINTR { continue }
                return .failure(.unreadable("read: \(String(cString: strerror(errno)))"))
            }
            if n == 0 { break }
            total += n
        }
        if total < expected { bytes.removeSubrange(total...) }
        return .success(bytes)
    }
}
