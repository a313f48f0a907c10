/// Reads the documents of a WARC 1.0/1.1 file (`.warc`, or `.warc.gz` with one gzip member per record
/// or the whole file in one member), streaming: one record's payload at most is in memory.
///
/// - `response` records with an HTTP message: the status line and headers are parsed, non-2xx
///   responses skipped, `Transfer-Encoding: chunked` and `Content-Encoding: gzip/deflate` undone, the
///   `charset` of `Content-Type` passed on as the transport charset. `resource` records use the
///   record's own `Content-Type`. HTML and plain text are kept (by type, else by sniffing the payload).
/// - Other record types and non-text payloads are skipped and counted by reason (`warc.request`, …).
/// - A damaged record (bad header or length, gzip damage, file cut short) becomes a reject and the
///   reader resynchronises at the next record: at the next gzip member that starts with `WARC/1.` in a
///   multi-member file, else at the next line starting with `WARC/1.` (plain files are re-read from
///   just after the bad record's start, so a wrong length loses no later record).
final class WARCReader: ContainerReader {
    private enum Outcome {
        case document(InputItem)
        case skipped(String)
        case rejected(stage: String, reason: String, detail: String)
        case corrupt(reason: String, detail: String)
    }

    static let version = Array("WARC/1.".utf8)
    static let headerLimit = 64 * 1024

    private let file: ContainerFile
    private let stream: DecodedStream
    private let maxBytes: Int
    private let tally: SkipTally
    /// Plain `.warc`: resynchronising can re-read from an earlier offset.
    private let seekable: Bool
    private var finished = false

    init(file: ContainerFile, stream: DecodedStream, maxBytes: Int, tally: SkipTally, seekable: Bool) {
        self.file = file
        self.stream = stream
        self.maxBytes = maxBytes
        self.tally = tally
        self.seekable = seekable
    }

    func next() -> InputItem? {
        while !finished {
            skipSeparators()
            let start = stream.position
            if stream.fill(1, within: nil) == 0 {
                if let failure = stream.failure {
                    let reason = Self.reason(for: failure)
                    return corrupt(start: start, reason: reason, detail: failure.description)
                }
                finished = true
                return nil
            }
            switch readRecord(start: start) {
            case .document(let item):
                return item
            case .skipped(let reason):
                tally.add(reason)
            case .rejected(let stage, let reason, let detail):
                return reject(source: sourceName(start), stage: stage, reason: reason, detail: detail)
            case .corrupt(let reason, let detail):
                return corrupt(start: start, reason: reason, detail: detail)
            }
        }
        return nil
    }

    // MARK: records

    private func readRecord(start: Int) -> Outcome {
        let anchor = start
        let noVersion = Outcome.corrupt(reason: "warc.corrupt_record", detail: "no WARC/1.x version line where a record should start")
        switch stream.readLine(limit: 256, within: anchor) {
        case .line(let first):
            guard first.starts(with: Self.version) else { return noVersion }
        case .tooLong:
            return noVersion
        case .end(let partial):
            guard partial.starts(with: Self.version) || Self.version.starts(with: partial) else { return noVersion }
            return ended("the record ends inside its version line")
        }
        var lines: [[UInt8]] = []
        var total = 0
        headerLoop: while true {
            switch stream.readLine(limit: max(1, Self.headerLimit - total), within: anchor) {
            case .line(let line):
                if line.isEmpty { break headerLoop }
                total += line.count + 2
                lines.append(line)
                if lines.count > 1000 || total > Self.headerLimit {
                    return .corrupt(reason: "warc.corrupt_record", detail: "WARC header longer than 64 KiB")
                }
            case .tooLong:
                return .corrupt(reason: "warc.corrupt_record", detail: "WARC header longer than 64 KiB")
            case .end:
                return ended("the record ends inside its WARC header")
            }
        }
        let headers = HeaderFields(lines: lines)
        for name in ["warc-type", "warc-record-id", "content-length"] where headers.count(of: name) > 1 {
            // Two records run together (the first cut short inside its header).
            return .corrupt(reason: "warc.corrupt_record", detail: "the WARC header has '\(name)' twice: a record is cut short")
        }
        guard let lengthText = headers["content-length"], !lengthText.isEmpty, lengthText.utf8.allSatisfy({ $0 >= 0x30 && $0 <= 0x39 }),
              let length = Int(lengthText) else {
            return .corrupt(reason: "warc.corrupt_record", detail: "missing or invalid Content-Length '\(headers["content-length"] ?? "")'")
        }
        let type = (headers["warc-type"] ?? "").lowercased()
        switch type {
        case "response", "resource":
            return readDocument(start: start, type: type, headers: headers, length: length)
        default:
            let known: Set<String> = ["warcinfo", "request", "metadata", "revisit", "conversion", "continuation"]
            return skipBlock(length: length, anchor: anchor, reason: known.contains(type) ? "warc.\(type)" : "warc.unknown_type")
        }
    }

    /// Skips the rest of a record's block and checks its end; `reason` is what the record counts as.
    private func skipBlock(length: Int, anchor: Int, reason: String) -> Outcome {
        guard stream.skip(length, within: anchor) == length else { return ended("the record is shorter than its Content-Length") }
        guard trailerIsValid(anchor: anchor) else { return badTrailer(length) }
        return .skipped(reason)
    }

    private func readDocument(start: Int, type: String, headers: HeaderFields, length: Int) -> Outcome {
        let anchor = start
        var remaining = length
        let recordType = MediaType(headers["content-type"])
        var media = recordType
        var http: HTTPResponseHead?
        if type == "response" && recordType.mime == "application/http" {
            let window = min(remaining, Self.headerLimit)
            let got = min(stream.fill(window, within: anchor), window)
            guard let headLength = Self.endOfHead(in: stream, count: got) else {
                if got < window { return ended("the record ends inside its HTTP header") }
                let outcome = skipBlock(length: remaining, anchor: anchor, reason: "")
                if case .corrupt = outcome { return outcome }
                return .rejected(stage: "input", reason: "warc.http_invalid", detail: "no end of the HTTP header in the first \(window) bytes")
            }
            let head = HTTPResponseHead(stream.buffer[stream.head..<stream.head + headLength])
            stream.consume(headLength)
            remaining -= headLength
            guard let head else {
                let outcome = skipBlock(length: remaining, anchor: anchor, reason: "")
                if case .corrupt = outcome { return outcome }
                return .rejected(stage: "input", reason: "warc.http_invalid", detail: "the block does not start with an HTTP status line")
            }
            guard (200...299).contains(head.status) else { return skipBlock(length: remaining, anchor: anchor, reason: "warc.non_2xx") }
            http = head
            media = MediaType(head.headers["content-type"])
        }
        if media.verdict == .other { return skipBlock(length: remaining, anchor: anchor, reason: "warc.non_text") }
        if remaining > maxBytes {
            let outcome = skipBlock(length: remaining, anchor: anchor, reason: "")
            if case .corrupt = outcome { return outcome }
            return .rejected(stage: "load", reason: "input.too_large", detail: "\(remaining) bytes of payload, limit \(maxBytes)")
        }
        var body: [UInt8] = []
        body.reserveCapacity(remaining)
        guard stream.read(remaining, into: &body, within: anchor) == remaining else { return ended("the record is shorter than its Content-Length") }
        guard trailerIsValid(anchor: anchor) else { return badTrailer(length) }

        if let http {
            if let transfer = http.headers["transfer-encoding"], transfer.lowercased().contains("chunked") { body = HTTPPayload.dechunk(body) }
            let coding = http.headers["content-encoding"]
            switch HTTPPayload.decode(body, contentEncoding: coding, limit: maxBytes) {
            case .none:
                return .rejected(stage: "input", reason: "warc.content_encoding", detail: "Content-Encoding '\(coding ?? "")' is not supported")
            case .some(.failure(.tooLarge)):
                return .rejected(stage: "load", reason: "input.too_large", detail: "more than \(maxBytes) bytes after Content-Encoding '\(coding ?? "")'")
            case .some(.failure(.corrupt(let message))):
                return .rejected(stage: "input", reason: "warc.content_encoding", detail: message)
            case .some(.success(let decoded)):
                body = decoded
            }
        }
        let kind: InputItem.Kind
        switch media.verdict {
        case .html: kind = .html
        case .text: kind = .text
        case .sniff, .other:
            guard ContentSniffer.looksLikeHTML(body) else { return .skipped("warc.non_text") }
            kind = .html
        }
        var item = InputItem(path: file.path, source: sourceName(start), kind: kind, gzipped: false, size: body.count)
        item.payload = body
        item.declaredCharset = media.charset
        item.url = headers["warc-target-uri"].map(Self.unbracketed)
        if let date = headers["warc-date"] { item.containerMetadata.append(("warc_date", date)) }
        if let id = headers["warc-record-id"] { item.containerMetadata.append(("warc_record_id", id)) }
        return .document(item)
    }

    /// Length of the HTTP head including the blank line, within the first `count` unread bytes.
    private static func endOfHead(in stream: DecodedStream, count: Int) -> Int? {
        var i = 0
        while i < count {
            if stream.byte(at: i) == 0x0A {
                if i + 1 < count && stream.byte(at: i + 1) == 0x0A { return i + 2 }
                if i + 2 < count && stream.byte(at: i + 1) == 0x0D && stream.byte(at: i + 2) == 0x0A { return i + 3 }
            }
            i += 1
        }
        return nil
    }

    /// WARC 1.0 examples put the URI in angle brackets; 1.1 does not.
    private static func unbracketed(_ uri: String) -> String {
        uri.hasPrefix("<") && uri.hasSuffix(">") && uri.count >= 2 ? String(uri.dropFirst().dropLast()) : uri
    }

    /// After a block: CRLF CRLF (LF LF tolerated, extra blank lines too) right where Content-Length
    /// ends it. A wrong length almost never lands on such a run. Looking one byte further makes a gzip
    /// member end (and its CRC check) happen now, so a damaged member rejects its record.
    private func trailerIsValid(anchor: Int) -> Bool {
        var run: [UInt8] = []
        while run.count < 16, stream.fill(1, within: anchor) > 0, stream.byte(at: 0) == 0x0D || stream.byte(at: 0) == 0x0A {
            run.append(stream.byte(at: 0))
            stream.consume(1)
        }
        guard run.starts(with: [0x0D, 0x0A, 0x0D, 0x0A]) || run.starts(with: [0x0A, 0x0A]) else { return false }
        return stream.fill(1, within: anchor) > 0 || stream.failure == nil
    }

    private func badTrailer(_ length: Int) -> Outcome {
        if let failure = stream.failure { return .corrupt(reason: Self.reason(for: failure), detail: failure.description) }
        return .corrupt(reason: "warc.corrupt_record", detail: "Content-Length \(length) does not end the record (no CRLF CRLF after the block)")
    }

    /// Why the bytes of a record ran out.
    private func ended(_ what: String) -> Outcome {
        if let failure = stream.failure { return .corrupt(reason: Self.reason(for: failure), detail: "\(what): \(failure.description)") }
        if stream.ended { return .corrupt(reason: "warc.truncated", detail: "\(what): the file ends") }
        return .corrupt(reason: "warc.corrupt_record", detail: "\(what): its gzip member ends")
    }

    private static func reason(for failure: StreamFailure) -> String {
        if case .truncated = failure { return "warc.truncated" }
        return "warc.corrupt_record"
    }

    private func skipSeparators() {
        while stream.fill(1, within: nil) > 0, stream.byte(at: 0) == 0x0D || stream.byte(at: 0) == 0x0A { stream.consume(1) }
    }

    // MARK: naming and rejects

    /// `FILE#offset`: the compressed offset of the record's gzip member (plus `+n` when the record
    /// starts n bytes into a member holding several), or the byte offset in a plain file.
    private func sourceName(_ start: Int) -> String {
        if let member = stream.member(containing: start) {
            return file.source + "#" + String(member.compressed) + (member.inner == 0 ? "" : "+" + String(member.inner))
        }
        return file.source + "#" + String(start)
    }

    private func reject(source: String, stage: String, reason: String, detail: String) -> InputItem {
        var item = InputItem(path: file.path, source: source, kind: .html, gzipped: false, size: 0)
        item.preRejected = (stage, reason, detail)
        return item
    }

    private func corrupt(start: Int, reason: String, detail: String) -> InputItem {
        let source = sourceName(start)
        let found = resync(after: start)
        if !found { finished = true }
        var reason = reason
        var detail = detail
        if reason == "warc.truncated" && found {
            reason = "warc.corrupt_record"
            detail += " (but records follow: the length is wrong)"
        }
        return reject(source: source, stage: "input", reason: reason, detail: detail)
    }

    // MARK: resynchronisation

    /// Moves to the next record start after `start`; false when there is none.
    private func resync(after start: Int) -> Bool {
        if stream.failure != nil {
            guard stream.recover() else { return false }
            return skipToMember(after: stream.position - 1)
        }
        if seekable && stream.rewind(to: start + 1) { return scanForVersionLine(after: start) }
        if stream.isMultiMember { return skipToMember(after: start) }
        return scanForVersionLine(after: start)
    }

    /// Skips to the first gzip member starting after `offset` whose data starts with `WARC/1.`.
    private func skipToMember(after offset: Int) -> Bool {
        var from = offset
        while true {
            if let boundary = stream.boundary(after: from), boundary <= stream.bufferedEnd {
                if stream.position > boundary { from = boundary; continue }
                stream.consume(boundary - stream.position)
                if stream.startsWith(Self.version, within: boundary) { return true }
                if stream.failure != nil {
                    guard stream.recover() else { return false }
                    from = stream.position - 1
                } else {
                    from = boundary
                }
                continue
            }
            stream.consumeAll()
            if stream.fill(1, within: nil) == 0 {
                guard stream.failure != nil, stream.recover() else { return false }
                from = stream.position - 1
            }
        }
    }

    /// Plain streams: skips to the next `WARC/1.<digit>` after `offset`. Not only at line starts: a
    /// record cut short runs straight into the next one's version line.
    private func scanForVersionLine(after offset: Int) -> Bool {
        let pattern = Self.version
        while true {
            let available = stream.fill(pattern.count + 1, within: nil)
            if available < pattern.count + 1 {
                stream.consumeAll()
                if stream.fill(1, within: nil) > 0 { continue }
                guard stream.failure != nil, stream.recover() else { return false }
                return skipToMember(after: stream.position - 1)
            }
            var i = 0
            let limit = available - pattern.count - 1
            while i <= limit {
                if stream.byte(at: i) == pattern[0] && stream.position + i > offset {
                    var k = 1
                    while k < pattern.count && stream.byte(at: i + k) == pattern[k] { k += 1 }
                    let digit = stream.byte(at: i + pattern.count)
                    if k == pattern.count && digit >= 0x30 && digit <= 0x39 {
                        stream.consume(i)
                        return true
                    }
                }
                i += 1
            }
            stream.consume(limit + 1)
        }
    }
}

/// Counts records skipped inside containers, by reason, for the report.
final class SkipTally {
    private(set) var counts: [String: Int] = [:]
    /// Container rejects not written because their reason reached `RejectCap`'s limit, by reason.
    private(set) var overCap: [String: Int] = [:]
    func add(_ reason: String, count: Int = 1) { counts[reason, default: 0] += count }
    func addOverCap(_ reason: String) { overCap[reason, default: 0] += 1 }
}

/// Streams the documents of one container file.
protocol ContainerReader: AnyObject {
    func next() -> InputItem?
}
