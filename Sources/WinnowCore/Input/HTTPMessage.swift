/// Header fields of a WARC record or an HTTP message: names compared without ASCII case, values
/// trimmed, in order. Parsed from bytes; never fails (lines without a colon are ignored).
struct HeaderFields: Sendable {
    private(set) var fields: [(name: String, value: String)] = []

    init() {}

    /// Parses "Name: value" lines; a line starting with space or tab continues the previous value.
    init(lines: [[UInt8]]) {
        for line in lines {
            if let first = line.first, first == 0x20 || first == 0x09, !fields.isEmpty {
                fields[fields.count - 1].value += " " + HeaderFields.trimmed(line[...])
                continue
            }
            guard let colon = line.firstIndex(of: UInt8(ascii: ":")), colon > 0 else { continue }
            let name = String(decoding: line[..<colon], as: UTF8.self).lowercased()
            fields.append((name, HeaderFields.trimmed(line[(colon + 1)...])))
        }
    }

    static func trimmed(_ bytes: ArraySlice<UInt8>) -> String {
        var slice = bytes
        while let first = slice.first, ByteText.isSpace(first) { slice = slice.dropFirst() }
        while let last = slice.last, ByteText.isSpace(last) { slice = slice.dropLast() }
        return String(decoding: slice, as: UTF8.self)
    }

    /// The first value of `name` (lowercase).
    subscript(_ name: String) -> String? { fields.first(where: { $0.name == name })?.value }

    /// How many times `name` (lowercase) appears.
    func count(of name: String) -> Int { fields.reduce(0) { $0 + ($1.name == name ? 1 : 0) } }
}

/// A `Content-Type` value split into its media type (lowercase) and `charset` parameter.
struct MediaType: Equatable, Sendable {
    var mime: String
    var charset: String?

    init(_ value: String?) {
        guard let value else { mime = ""; charset = nil; return }
        let parts = value.split(separator: ";", omittingEmptySubsequences: false)
        mime = parts.first.map { $0.trimmingASCIIWhitespace().lowercased() } ?? ""
        charset = nil
        for part in parts.dropFirst() {
            let pair = part.split(separator: "=", maxSplits: 1)
            guard pair.count == 2, pair[0].trimmingASCIIWhitespace().lowercased() == "charset" else { continue }
            var label = pair[1].trimmingASCIIWhitespace()
            if label.hasPrefix("\"") { label.removeFirst() }
            if label.hasSuffix("\"") { label.removeLast() }
            if !label.isEmpty { charset = label.lowercased() }
            break
        }
    }

    enum Verdict: Equatable { case html, text, sniff, other }

    /// HTML and plain text are documents; an absent or generic type is decided by sniffing the payload.
    var verdict: Verdict {
        switch mime {
        case "text/html", "application/xhtml+xml", "application/xhtml", "text/xhtml": return .html
        case "text/plain": return .text
        case "", "application/octet-stream", "unknown/unknown", "application/unknown", "text/x-unknown": return .sniff
        default: return .other
        }
    }
}

extension Substring {
    func trimmingASCIIWhitespace() -> String {
        var slice = self[...]
        while let first = slice.first, first == " " || first == "\t" { slice = slice.dropFirst() }
        while let last = slice.last, last == " " || last == "\t" { slice = slice.dropLast() }
        return String(slice)
    }
}

/// The parts of an HTTP response head that decide what to do with the payload.
struct HTTPResponseHead: Sendable {
    var status: Int
    var headers: HeaderFields

    /// "HTTP/1.1 200 OK" and header lines; nil when the first line is not an HTTP status line.
    init?(_ head: ArraySlice<UInt8>) {
        var lines = head.split(separator: 0x0A, omittingEmptySubsequences: false).map { line -> [UInt8] in
            var bytes = Array(line)
            if bytes.last == 0x0D { bytes.removeLast() }
            return bytes
        }
        while let first = lines.first, first.isEmpty { lines.removeFirst() }
        // "HTTP/1.1 200 OK", also "HTTP/2 200" and no reason phrase.
        guard let statusLine = lines.first, statusLine.count >= 10,
              ByteText.equalsIgnoringASCIICase(statusLine[0..<5], "http/") else { return nil }
        guard let space = statusLine.firstIndex(of: 0x20) else { return nil }
        var i = space
        while i < statusLine.count && statusLine[i] == 0x20 { i += 1 }
        var code = 0
        var digits = 0
        while i < statusLine.count, statusLine[i] >= 0x30, statusLine[i] <= 0x39, digits < 3 {
            code = code * 10 + Int(statusLine[i] - 0x30)
            digits += 1
            i += 1
        }
        guard digits == 3 else { return nil }
        status = code
        headers = HeaderFields(lines: Array(lines.dropFirst()))
    }
}

/// Payload transformations undone before decoding: chunked transfer coding and gzip/deflate content
/// coding, each with an output cap.
enum HTTPPayload {
    enum Failure: Error, Equatable {
        case tooLarge
        case corrupt(String)
    }

    /// De-chunks `Transfer-Encoding: chunked`. A body that does not start like a chunk (a crawler
    /// that stored it de-chunked but kept the header) is returned as it is; a body cut inside a chunk
    /// keeps what was complete.
    static func dechunk(_ body: [UInt8]) -> [UInt8] {
        var out: [UInt8] = []
        out.reserveCapacity(body.count)
        var i = 0
        var first = true
        while i < body.count {
            var size = 0
            var digits = 0
            while i < body.count, let value = hexValue(body[i]) {
                if size > (Int.max >> 5) { return first ? body : out }
                size = size * 16 + value
                digits += 1
                i += 1
            }
            guard digits > 0 else { return first ? body : out }
            // Chunk extensions, then CRLF.
            while i < body.count && body[i] != 0x0A { i += 1 }
            i += 1
            first = false
            if size == 0 { break }
            let end = min(body.count, i + size)
            if i < end { out.append(contentsOf: body[i..<end]) }
            i = end
            while i < body.count && (body[i] == 0x0D || body[i] == 0x0A) { i += 1 }
        }
        return out
    }

    private static func hexValue(_ byte: UInt8) -> Int? {
        switch byte {
        case 0x30...0x39: return Int(byte - 0x30)
        case 0x41...0x46: return Int(byte - 0x41 + 10)
        case 0x61...0x66: return Int(byte - 0x61 + 10)
        default: return nil
        }
    }

    /// Undoes `Content-Encoding`: gzip/x-gzip (all members), deflate (zlib-wrapped or raw). A body
    /// that is not actually compressed (a crawler stored it decoded) is returned as it is. nil for a
    /// coding Winnow cannot undo (br, compress).
    static func decode(_ body: [UInt8], contentEncoding: String?, limit: Int) -> Result<[UInt8], Failure>? {
        let codings = (contentEncoding ?? "").lowercased().split(separator: ",").map { $0.trimmingASCIIWhitespace() }.filter { !$0.isEmpty && $0 != "identity" }
        guard let coding = codings.last else { return .success(body) }
        guard codings.count == 1 else { return nil }
        switch coding {
        case "gzip", "x-gzip":
            guard Gunzip.isGzip(body) else { return .success(body) }
            switch Gunzip.decompress(body, limit: limit) {
            case .success(let data): return .success(data)
            case .failure(.tooLarge): return .failure(.tooLarge)
            case .failure(.truncated): return .failure(.corrupt("the gzip content coding ends early"))
            case .failure(.corrupt(let message)): return .failure(.corrupt("gzip content coding: \(message)"))
            }
        case "deflate":
            let zlibWrapped = body.count >= 2 && (body[0] & 0x0F) == 8 && (UInt16(body[0]) << 8 | UInt16(body[1])) % 31 == 0
            switch inflate(body, framing: zlibWrapped ? .zlib : .raw, limit: limit) {
            case .success(let data): return .success(data)
            case .failure(.tooLarge): return .failure(.tooLarge)
            case .failure(let failure):
                // Not deflate data after all: a crawler that stored the body decoded.
                if ContentSniffer.looksLikeHTML(body) || !ContentSniffer.looksBinary(body) { return .success(body) }
                return .failure(failure)
            }
        default:
            return nil
        }
    }

    /// One zlib or raw deflate stream, output capped.
    static func inflate(_ input: [UInt8], framing: Inflater.Framing, limit: Int) -> Result<[UInt8], Failure> {
        switch Inflater(framing: framing, limit: limit, members: false).inflate(input) {
        case .success(let data): return .success(data)
        case .failure(.tooLarge): return .failure(.tooLarge)
        case .failure(.truncated): return .failure(.corrupt("the deflate stream ends early"))
        case .failure(.corrupt(let message)): return .failure(.corrupt(message))
        }
    }
}
