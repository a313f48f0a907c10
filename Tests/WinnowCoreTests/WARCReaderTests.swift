import Foundation
import Testing
@testable import WinnowCore

/// Builds small WARC files in memory (unit tests do not read ../shared).
enum WARCFixture {
    static func record(_ type: String, uri: String? = nil, contentType: String? = nil, block: [UInt8], id: Int,
                       length: Int? = nil, trailer: String = "\r\n\r\n") -> [UInt8] {
        var head = "WARC/1.0\r\nWARC-Type: \(type)\r\n"
        head += "WARC-Record-ID: <urn:uuid:00000000-0000-4000-8000-\(String(format: "%012d", id))>\r\n"
        head += "WARC-Date: 2024-01-02T03:04:05Z\r\n"
        if let uri { head += "WARC-Target-URI: \(uri)\r\n" }
        if let contentType { head += "Content-Type: \(contentType)\r\n" }
        head += "Content-Length: \(length ?? block.count)\r\n\r\n"
        return Array(head.utf8) + block + Array(trailer.utf8)
    }

    static func http(status: String = "200 OK", headers: [String] = ["Content-Type: text/html"], body: [UInt8]) -> [UInt8] {
        Array(("HTTP/1.1 \(status)\r\n" + headers.map { $0 + "\r\n" }.joined() + "\r\n").utf8) + body
    }

    static func response(_ uri: String, id: Int, status: String = "200 OK", headers: [String] = ["Content-Type: text/html"],
                         body: [UInt8], length: Int? = nil) -> [UInt8] {
        record("response", uri: uri, contentType: "application/http; msgtype=response",
               block: http(status: status, headers: headers, body: body), id: id, length: length)
    }

    /// A small page whose text names `n`, long enough to be kept by extraction.
    static func page(_ n: Int) -> [UInt8] {
        Array("""
            <!DOCTYPE html><html lang="en"><head><title>Page \(n)</title></head><body>
            <nav><a href="/">Home</a> <a href="/news">News</a></nav>
            <main><h1>Report number \(n)</h1>
            <p>Paragraph one of page \(n): the council met on Monday to discuss the new bridge over the river, and most members agreed that work should begin in the spring.</p>
            <p>Paragraph two of page \(n): residents asked for a footpath on both sides, and the engineer said the design could be changed without raising the cost very much.</p>
            </main><footer>Town news</footer></body></html>
            """.utf8)
    }

    static func gzip(_ bytes: [UInt8]) throws -> [UInt8] {
        let compressor = try GzipCompressor()
        return try compressor.append(bytes) + compressor.finish()
    }

    /// One gzip member per record, as crawlers write them; also returns each member's offset.
    static func gzipMembers(_ records: [[UInt8]]) throws -> (bytes: [UInt8], offsets: [Int]) {
        var bytes: [UInt8] = []
        var offsets: [Int] = []
        for record in records {
            offsets.append(bytes.count)
            bytes += try gzip(record)
        }
        return (bytes, offsets)
    }

    static let pngBytes: [UInt8] = [0x89, 0x50, 0x4E, 0x47, 0x0D, 0x0A, 0x1A, 0x0A, 0x00, 0x00, 0x00, 0x0D, 0x49, 0x48, 0x44, 0x52, 0x00, 0x00, 0x00, 0x01]

    /// warcinfo, request, 4 HTML responses, an image, a 404, a revisit, a metadata record, a text
    /// resource: 5 documents (pages 1–4 and the text) and 6 skipped records.
    static func mixedRecords() -> [[UInt8]] {
        [
            record("warcinfo", contentType: "application/warc-fields", block: Array("software: test\r\nformat: WARC File Format 1.0\r\n".utf8), id: 1),
            record("request", uri: "http://example.com/1", contentType: "application/http; msgtype=request",
                   block: Array("GET /1 HTTP/1.1\r\nHost: example.com\r\n\r\n".utf8), id: 2),
            response("http://example.com/1", id: 3, body: page(1)),
            response("http://example.com/pixel.png", id: 4, headers: ["Content-Type: image/png"], body: pngBytes),
            response("http://example.com/missing", id: 5, status: "404 Not Found", body: page(99)),
            response("http://example.com/2", id: 6, headers: ["Content-Type: text/html; charset=UTF-8", "Server: x"], body: page(2)),
            record("revisit", uri: "http://example.com/2", contentType: "application/http; msgtype=response",
                   block: Array("HTTP/1.1 200 OK\r\n\r\n".utf8), id: 7),
            record("metadata", uri: "http://example.com/2", contentType: "application/warc-fields", block: Array("via: x\r\n".utf8), id: 8),
            response("http://example.com/3", id: 9, headers: [], body: page(3)),
            record("resource", uri: "file:///notes.txt", contentType: "text/plain",
                   block: Array("Notes\n\nA plain text resource with a few words in it, stored as it is.\n".utf8), id: 10),
            response("http://example.com/4", id: 11, body: page(4)),
        ]
    }

    static let mixedSkips = ["warc.metadata": 1, "warc.non_2xx": 1, "warc.non_text": 1, "warc.request": 1, "warc.revisit": 1, "warc.warcinfo": 1]
    static let mixedURLs = ["http://example.com/1", "http://example.com/2", "http://example.com/3", "file:///notes.txt", "http://example.com/4"]

    /// Reads every item of one container file, with a bound so a reader that never ends fails the test.
    static func read(_ path: String, source: String = "test.warc", maxBytes: Int = 1 << 20,
                     jsonl: JSONLOptions = JSONLOptions()) throws -> (items: [InputItem], skipped: [String: Int]) {
        let name = (path as NSString).lastPathComponent
        guard let format = ContainerFormat.classify(name) else { throw TestFailure("not a container name: \(name)") }
        let file = ContainerFile(path: path, source: source, format: format, size: 0)
        let container = ContainerSource(entries: [.container(file)], settings: .init(maxDocumentBytes: maxBytes, jsonl: jsonl))
        var items: [InputItem] = []
        while let item = container.next() {
            items.append(item)
            if items.count > 100_000 { throw TestFailure("the reader does not end") }
        }
        return (items, container.skippedRecords)
    }

    static func text(_ item: InputItem) -> String { (item.payload ?? []).utf8String }
}

@Suite struct WARCReaderTests {
    @Test func plainWARCYieldsDocumentsAndCountsSkips() throws {
        let dir = try TempDir()
        defer { dir.remove() }
        let path = try dir.write("crawl.warc", WARCFixture.mixedRecords().reduce([], +))
        let (items, skipped) = try WARCFixture.read(path)
        #expect(items.map(\.url) == WARCFixture.mixedURLs)
        #expect(items.allSatisfy { $0.preRejected == nil })
        #expect(items.map(\.kind) == [.html, .html, .html, .text, .html])
        #expect(skipped == WARCFixture.mixedSkips)
        #expect(WARCFixture.text(items[0]) == WARCFixture.page(1).utf8String)
        #expect(items[1].declaredCharset == "utf-8")
        #expect(items[0].declaredCharset == nil)
        #expect(items[0].containerMetadata.map(\.key) == ["warc_date", "warc_record_id"])
        #expect(items[0].containerMetadata.map(\.value) == ["2024-01-02T03:04:05Z", "<urn:uuid:00000000-0000-4000-8000-000000000003>"])
        // Plain files: the source is the byte offset of the record.
        let bytes = try #require(dir.read("crawl.warc"))
        let firstResponse = WARCFixture.mixedRecords()[0].count + WARCFixture.mixedRecords()[1].count
        #expect(items[0].source == "test.warc#\(firstResponse)")
        #expect(Array(bytes[firstResponse..<firstResponse + 8]) == Array("WARC/1.0".utf8))
    }

    @Test func gzipPerRecordMembersNameTheMemberOffset() throws {
        let dir = try TempDir()
        defer { dir.remove() }
        let (bytes, offsets) = try WARCFixture.gzipMembers(WARCFixture.mixedRecords())
        let path = try dir.write("crawl.warc.gz", bytes)
        let (items, skipped) = try WARCFixture.read(path, source: "in/crawl.warc.gz")
        #expect(items.map(\.url) == WARCFixture.mixedURLs)
        #expect(skipped == WARCFixture.mixedSkips)
        #expect(items.map(\.source) == [2, 5, 8, 9, 10].map { "in/crawl.warc.gz#\(offsets[$0])" })
        #expect(WARCFixture.text(items[4]) == WARCFixture.page(4).utf8String)
    }

    @Test func wholeFileGzipIsReadToo() throws {
        let dir = try TempDir()
        defer { dir.remove() }
        let records = WARCFixture.mixedRecords()
        let path = try dir.write("one.warc.gz", try Tool.gzip(records.reduce([], +)))
        let (items, skipped) = try WARCFixture.read(path)
        #expect(items.map(\.url) == WARCFixture.mixedURLs)
        #expect(skipped == WARCFixture.mixedSkips)
        // Records inside one member: member offset + offset inside the decompressed member.
        #expect(items[0].source == "test.warc#0+\(records[0].count + records[1].count)")
    }

    @Test func httpChunkedAndContentEncodingsAreUndone() throws {
        let dir = try TempDir()
        defer { dir.remove() }
        let page = WARCFixture.page(7)
        var chunked: [UInt8] = []
        var rest = page[...]
        while !rest.isEmpty {
            let piece = rest.prefix(100)
            chunked += Array((String(piece.count, radix: 16) + ";ext=1\r\n").utf8) + piece + Array("\r\n".utf8)
            rest = rest.dropFirst(piece.count)
        }
        chunked += Array("0\r\n\r\n".utf8)
        let gzipped = try WARCFixture.gzip(page)
        let zlibDeflated = try Tool.run("/usr/bin/python3", ["-c", "import sys,zlib; sys.stdout.buffer.write(zlib.compress(sys.stdin.buffer.read()))"], input: page).stdout
        var gzipChunked: [UInt8] = Array((String(gzipped.count, radix: 16) + "\r\n").utf8) + gzipped + Array("\r\n0\r\n\r\n".utf8)
        let records = [
            WARCFixture.response("http://a/chunked", id: 1, headers: ["Content-Type: text/html", "Transfer-Encoding: chunked"], body: chunked),
            WARCFixture.response("http://a/gzip", id: 2, headers: ["Content-Type: text/html", "Content-Encoding: gzip"], body: gzipped),
            WARCFixture.response("http://a/both", id: 3, headers: ["Content-Type: text/html", "Transfer-Encoding: chunked", "Content-Encoding: gzip"], body: gzipChunked),
            WARCFixture.response("http://a/deflate", id: 4, headers: ["Content-Type: text/html", "Content-Encoding: deflate"], body: zlibDeflated),
            // Stored decoded by the crawler although the headers still say so.
            WARCFixture.response("http://a/stored", id: 5, headers: ["Content-Type: text/html", "Content-Encoding: gzip", "Transfer-Encoding: chunked"], body: page),
            WARCFixture.response("http://a/brotli", id: 6, headers: ["Content-Type: text/html", "Content-Encoding: br"], body: [1, 2, 3]),
        ]
        gzipChunked.removeAll()
        let path = try dir.write("codings.warc", records.reduce([], +))
        let (items, _) = try WARCFixture.read(path)
        #expect(items.count == 6)
        for item in items.prefix(5) {
            #expect(item.preRejected == nil, "\(item.url ?? "")")
            #expect(WARCFixture.text(item) == page.utf8String, "\(item.url ?? "")")
        }
        #expect(items[5].preRejected?.reason == "warc.content_encoding")
    }

    @Test func httpStatusLines() {
        #expect(HTTPResponseHead(Array("HTTP/1.1 200 OK\r\nContent-Type: text/html\r\n\r\n".utf8)[...])?.status == 200)
        #expect(HTTPResponseHead(Array("HTTP/2 200\r\n\r\n".utf8)[...])?.status == 200)
        #expect(HTTPResponseHead(Array("HTTP/1.0 404 Not Found\n\n".utf8)[...])?.status == 404)
        #expect(HTTPResponseHead(Array("GET / HTTP/1.1\r\n\r\n".utf8)[...]) == nil)
        #expect(HTTPResponseHead(Array("HTTP/1.1 2x0 OK\r\n\r\n".utf8)[...]) == nil)
        let head = HTTPResponseHead(Array("HTTP/1.1 200 OK\r\ncontent-TYPE:  text/html ; charset=KOI8-R \r\nX-Long: a\r\n b\r\n\r\n".utf8)[...])
        #expect(MediaType(head?.headers["content-type"]).charset == "koi8-r")
        #expect(head?.headers["x-long"] == "a b")
    }

    @Test func dechunking() {
        #expect(HTTPPayload.dechunk(Array("5\r\nhello\r\n6;x=y\r\n world\r\n0\r\n\r\n".utf8)).utf8String == "hello world")
        // Not chunked after all (stored de-chunked): kept as it is.
        #expect(HTTPPayload.dechunk(Array("<html>hi</html>".utf8)).utf8String == "<html>hi</html>")
        // Cut inside a chunk: what arrived is kept.
        #expect(HTTPPayload.dechunk(Array("5\r\nhello\r\nff\r\nabc".utf8)).utf8String == "helloabc")
        #expect(HTTPPayload.dechunk(Array("FFFFFFFFFFFFFFFFFFFFFFFF\r\nx".utf8)).utf8String == "FFFFFFFFFFFFFFFFFFFFFFFF\r\nx")
    }

    @Test func oversizedPayloadIsRejectedWithoutStoppingTheFile() throws {
        let dir = try TempDir()
        defer { dir.remove() }
        let big = Array("<html><body><p>".utf8) + [UInt8](repeating: UInt8(ascii: "x"), count: 5000) + Array("</p></body></html>".utf8)
        let records = [
            WARCFixture.response("http://a/1", id: 1, body: WARCFixture.page(1)),
            WARCFixture.response("http://a/big", id: 2, body: big),
            WARCFixture.response("http://a/gzip-bomb", id: 3, headers: ["Content-Type: text/html", "Content-Encoding: gzip"], body: try WARCFixture.gzip(big)),
            WARCFixture.response("http://a/3", id: 4, body: WARCFixture.page(3)),
        ]
        for compressed in [false, true] {
            let path = compressed ? try dir.write("big.warc.gz", WARCFixture.gzipMembers(records).bytes) : try dir.write("big.warc", records.reduce([], +))
            let (items, _) = try WARCFixture.read(path, maxBytes: 2000)
            #expect(items.count == 4)
            #expect(items[0].preRejected == nil && items[3].preRejected == nil)
            #expect(items[1].preRejected?.reason == "input.too_large")
            #expect(items[1].preRejected?.stage == "load")
            #expect(items[2].preRejected?.reason == "input.too_large")
            #expect(WARCFixture.text(items[3]) == WARCFixture.page(3).utf8String)
        }
    }

    // MARK: corruption: every other record survives

    static func pages(_ n: Int) -> [[UInt8]] { (1...n).map { WARCFixture.response("http://example.com/\($0)", id: $0, body: WARCFixture.page($0)) } }

    private func expectAllBut(_ items: [InputItem], bad: Int, of n: Int, reason: String, _ comment: Comment) {
        let good = items.filter { $0.preRejected == nil }
        let rejects = items.filter { $0.preRejected != nil }
        #expect(good.map(\.url) == (1...n).filter { $0 != bad }.map { "http://example.com/\($0)" }, comment)
        #expect(rejects.count == 1, comment)
        #expect(rejects.first?.preRejected?.reason == reason, comment)
        #expect(rejects.first?.preRejected?.stage == "input", comment)
        for item in good {
            let n = Int(item.url?.split(separator: "/").last ?? "") ?? 0
            #expect(WARCFixture.text(item) == WARCFixture.page(n).utf8String, comment)
        }
    }

    @Test func damagedGzipMemberInTheMiddle() throws {
        let dir = try TempDir()
        defer { dir.remove() }
        var (bytes, offsets) = try WARCFixture.gzipMembers(Self.pages(7))
        // Scribble over the deflate data of record 4's member (past its 10-byte header).
        for i in (offsets[3] + 30)..<(offsets[3] + 60) { bytes[i] ^= 0x5A }
        let (items, _) = try WARCFixture.read(try dir.write("damaged.warc.gz", bytes), source: "damaged.warc.gz")
        expectAllBut(items, bad: 4, of: 7, reason: "warc.corrupt_record", "damaged member")
        #expect(items.first { $0.preRejected != nil }?.source == "damaged.warc.gz#\(offsets[3])")
    }

    @Test func wrongContentLengthInAGzipMember() throws {
        let dir = try TempDir()
        defer { dir.remove() }
        for delta in [500, -40, 3] {
            var records = Self.pages(6)
            let body = WARCFixture.http(body: WARCFixture.page(3))
            records[2] = WARCFixture.record("response", uri: "http://example.com/3", contentType: "application/http; msgtype=response",
                                            block: body, id: 3, length: body.count + delta)
            let path = try dir.write("length\(delta).warc.gz", WARCFixture.gzipMembers(records).bytes)
            let (items, _) = try WARCFixture.read(path)
            expectAllBut(items, bad: 3, of: 6, reason: "warc.corrupt_record", "gzip, Content-Length off by \(delta)")
        }
    }

    @Test func wrongContentLengthInAPlainFileLosesNoLaterRecord() throws {
        let dir = try TempDir()
        defer { dir.remove() }
        for delta in [5000, 700, -40] {
            var records = Self.pages(6)
            let body = WARCFixture.http(body: WARCFixture.page(3))
            records[2] = WARCFixture.record("response", uri: "http://example.com/3", contentType: "application/http; msgtype=response",
                                            block: body, id: 3, length: body.count + delta)
            let path = try dir.write("length\(delta).warc", records.reduce([], +))
            let (items, _) = try WARCFixture.read(path)
            expectAllBut(items, bad: 3, of: 6, reason: "warc.corrupt_record", "plain, Content-Length off by \(delta)")
        }
    }

    @Test func garbageBetweenRecords() throws {
        let dir = try TempDir()
        defer { dir.remove() }
        let records = Self.pages(5)
        let garbage = Array("this is not a record\r\nWARC/0.9 nor is this\r\n".utf8) + [0, 1, 2, 0xFF]
        let plain = records[0] + records[1] + garbage + records[2] + records[3] + records[4]
        let (plainItems, _) = try WARCFixture.read(try dir.write("garbage.warc", plain))
        #expect(plainItems.filter { $0.preRejected == nil }.count == 5)
        #expect(plainItems.filter { $0.preRejected != nil }.map { $0.preRejected?.reason } == ["warc.corrupt_record"])

        let members = try WARCFixture.gzipMembers(records)
        let cut = members.offsets[2]
        let gz = Array(members.bytes[..<cut]) + garbage + Array(members.bytes[cut...])
        let (gzItems, _) = try WARCFixture.read(try dir.write("garbage.warc.gz", gz))
        #expect(gzItems.filter { $0.preRejected == nil }.map(\.url) == (1...5).map { "http://example.com/\($0)" })
        #expect(gzItems.filter { $0.preRejected != nil }.count == 1)
    }

    @Test func truncatedFile() throws {
        let dir = try TempDir()
        defer { dir.remove() }
        let (bytes, offsets) = try WARCFixture.gzipMembers(Self.pages(4))
        let cut = Array(bytes[..<(offsets[3] + 200)])
        let (items, _) = try WARCFixture.read(try dir.write("cut.warc.gz", cut))
        #expect(items.filter { $0.preRejected == nil }.count == 3)
        #expect(items.last?.preRejected?.reason == "warc.truncated")

        let plain = Self.pages(4).reduce([], +)
        let (plainItems, _) = try WARCFixture.read(try dir.write("cut.warc", Array(plain.dropLast(300))))
        #expect(plainItems.filter { $0.preRejected == nil }.count == 3)
        #expect(plainItems.last?.preRejected?.reason == "warc.truncated")
    }

    @Test func notAWARCAtAll() throws {
        let dir = try TempDir()
        defer { dir.remove() }
        let (items, _) = try WARCFixture.read(try dir.write("junk.warc", Array("<html><body>hello</body></html>\n".utf8)))
        #expect(items.count == 1)
        #expect(items[0].preRejected?.reason == "warc.corrupt_record")
        let (gzItems, _) = try WARCFixture.read(try dir.write("junk.warc.gz", Array("not gzip at all".utf8)))
        #expect(gzItems.count == 1)
        #expect(gzItems[0].preRejected?.reason == "warc.corrupt_record")
        let (empty, _) = try WARCFixture.read(try dir.write("empty.warc.gz", []))
        #expect(empty.isEmpty)
        // Named .gz but plain: read as it is.
        let (misnamed, skipped) = try WARCFixture.read(try dir.write("plain.warc.gz", WARCFixture.mixedRecords().reduce([], +)))
        #expect(misnamed.map(\.url) == WARCFixture.mixedURLs)
        #expect(skipped == WARCFixture.mixedSkips)
    }

    /// Random damage anywhere: the reader ends, never crashes, and loses at most the damaged records.
    @Test(.timeLimit(.minutes(1))) func randomDamageNeverHangs() throws {
        let dir = try TempDir()
        defer { dir.remove() }
        var random = SplitMix(seed: 4)
        let records = Self.pages(12)
        let gz = try WARCFixture.gzipMembers(records).bytes
        let plain = records.reduce([], +)
        for round in 0..<40 {
            for (name, original) in [("r.warc.gz", gz), ("r.warc", plain)] {
                var bytes = original
                let hits = Int.random(in: 1...3, using: &random)
                for _ in 0..<hits {
                    let at = Int.random(in: 0..<bytes.count, using: &random)
                    switch Int.random(in: 0..<3, using: &random) {
                    case 0: bytes[at] = UInt8.random(in: 0...255, using: &random)
                    case 1: bytes.removeSubrange(at..<min(bytes.count, at + Int.random(in: 1...400, using: &random)))
                    default: bytes.insert(contentsOf: (0..<Int.random(in: 1...50, using: &random)).map { _ in UInt8.random(in: 0...255, using: &random) }, at: at)
                    }
                }
                let (items, _) = try WARCFixture.read(try dir.write("\(round)-\(name)", bytes))
                let good = items.filter { $0.preRejected == nil }.count
                #expect(good >= 12 - 2 * hits, "round \(round) \(name): \(good) good records")
                #expect(items.count <= 12 + 2 * hits)
            }
        }
    }

    // MARK: through the runner

    @Test func runnerReadsWARCsBesideFiles() throws {
        _ = LibXML.ready
        let dir = try TempDir()
        defer { dir.remove() }
        try dir.write("in/a.html", WARCFixture.page(100))
        try dir.write("in/b/crawl.warc.gz", WARCFixture.gzipMembers(WARCFixture.mixedRecords()).bytes)
        var records = Self.pages(3)
        records[1] = Array(records[1].prefix(100))  // cut: a damaged record in the middle
        try dir.write("in/c.warc", records.reduce([], +))
        let options = RunOptions(inputs: [dir.file("in")], output: dir.file("out"), workers: 2, progress: .quiet, added: RunnerTests.added)
        let report = try WinnowRunner(options: options, config: ConfigLoader.loadDefault()).run()
        #expect(report.status == "complete")
        let (bySource, rejects, order) = try RunnerTests.outputs(dir.file("out"))
        #expect(order.first == "a.html")
        #expect(order.filter { $0.hasPrefix("b/crawl.warc.gz#") }.count == 5)
        #expect(order.filter { $0.hasPrefix("c.warc#") }.count == 2)
        #expect(rejects.count == 1)
        #expect(rejects.values.first?["reason"] as? String == "warc.corrupt_record")
        #expect(rejects.values.first?["stage"] as? String == "input")
        let first = try #require(bySource.first { $0.key.hasPrefix("b/") && ($0.value["metadata"] as? [String: Any])?["url"] as? String == "http://example.com/1" })
        let metadata = try #require(first.value["metadata"] as? [String: Any])
        #expect(metadata["warc_date"] as? String == "2024-01-02T03:04:05Z")
        #expect(metadata["warc_record_id"] as? String == "<urn:uuid:00000000-0000-4000-8000-000000000003>")
        #expect((first.value["text"] as? String)?.contains("Paragraph one of page 1") == true)
        let json = try jsonObject(atPath: dir.file("out/report.json"))
        let inputs = try #require(json["inputs"] as? [String: Any])
        #expect(inputs["skipped_records"] as? [String: Int] == WARCFixture.mixedSkips)
        #expect(inputs["documents"] as? Int == 1 + 5 + 3)
        #expect(inputs["processed"] as? Int == 1 + 5 + 3)
        #expect(json["rejects_by_reason"] as? [String: Int] == ["warc.corrupt_record": 1])
        let stages = try #require(json["stages"] as? [String: [String: Any]])
        #expect(stages["load"]?["in"] as? Int == 8)
        let encodings = try #require(json["encodings"] as? [String: Int])
        #expect(encodings.values.reduce(0, +) == 8)
        #expect(encodings["utf-8 (transport)"] == 1)
    }
}
