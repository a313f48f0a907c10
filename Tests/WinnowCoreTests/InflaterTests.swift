import Testing
@testable import WinnowCore

/// The bounded inflate loop itself (Gunzip and HTTPMessage's content codings go through it).
@Suite struct InflaterTests {
    let text = Array(String(repeating: "Inflater test text that compresses well. ", count: 100).utf8)

    /// Python's zlib: `wbits` 15 is a zlib stream, -15 raw deflate.
    func deflate(_ bytes: [UInt8], wbits: Int) throws -> [UInt8] {
        let script = "import sys,zlib; c=zlib.compressobj(6, zlib.DEFLATED, \(wbits)); sys.stdout.buffer.write(c.compress(sys.stdin.buffer.read()) + c.flush())"
        return try Tool.run("/usr/bin/python3", ["-c", script], input: bytes).stdout
    }

    @Test func everyFraming() throws {
        let gzip = try Tool.gzip(text)
        #expect(try Inflater(framing: .gzipOrZlib, limit: 1 << 20, members: true).inflate(gzip).get() == text)
        let zlib = try deflate(text, wbits: 15)
        #expect(try Inflater(framing: .zlib, limit: 1 << 20, members: false).inflate(zlib).get() == text)
        #expect(try Inflater(framing: .gzipOrZlib, limit: 1 << 20, members: false).inflate(zlib).get() == text)
        let raw = try deflate(text, wbits: -15)
        #expect(try Inflater(framing: .raw, limit: 1 << 20, members: false).inflate(raw).get() == text)
        // Raw deflate is not a zlib stream.
        guard case .failure(.corrupt) = Inflater(framing: .zlib, limit: 1 << 20, members: false).inflate(raw) else {
            Issue.record("raw deflate read as zlib should be corrupt")
            return
        }
    }

    @Test func boundHit() throws {
        let gzip = try Tool.gzip(text)
        // Exactly the output size passes; one byte less is too large, whichever chunk crosses it.
        #expect(try Inflater(framing: .gzipOrZlib, limit: text.count, members: true).inflate(gzip).get() == text)
        #expect(Inflater(framing: .gzipOrZlib, limit: text.count - 1, members: true).inflate(gzip) == .failure(.tooLarge(limit: text.count - 1)))
        // A bomb: 10 MB of one byte, a few KB compressed, stopped at the bound.
        let bomb = try Tool.gzip([UInt8](repeating: 0x41, count: 10_000_000))
        #expect(bomb.count < 20_000)
        #expect(Inflater(framing: .gzipOrZlib, limit: 1 << 20, members: true).inflate(bomb) == .failure(.tooLarge(limit: 1 << 20)))
        // The bound counts every member together.
        let two = gzip + gzip
        #expect(Inflater(framing: .gzipOrZlib, limit: text.count * 2 - 1, members: true).inflate(two) == .failure(.tooLarge(limit: text.count * 2 - 1)))
    }

    @Test func truncated() throws {
        let gzip = try Tool.gzip(text)
        let inflater = Inflater(framing: .gzipOrZlib, limit: 1 << 20, members: true)
        #expect(inflater.inflate(Array(gzip.prefix(gzip.count / 2))) == .failure(.truncated))
        #expect(inflater.inflate(Array(gzip.dropLast(1))) == .failure(.truncated))
        #expect(inflater.inflate([]) == .failure(.truncated))
        let raw = try deflate(text, wbits: -15)
        #expect(Inflater(framing: .raw, limit: 1 << 20, members: false).inflate(Array(raw.prefix(raw.count / 2))) == .failure(.truncated))
    }

    @Test func multiMember() throws {
        let one = try Tool.gzip(text), two = try Tool.gzip(Array("second".utf8))
        let both = one + [0, 0] + two
        #expect(try Inflater(framing: .gzipOrZlib, limit: 1 << 20, members: true).inflate(both).get() == text + Array("second".utf8))
        // One stream only (a content coding): what follows the first member is not read.
        #expect(try Inflater(framing: .gzipOrZlib, limit: 1 << 20, members: false).inflate(both).get() == text)
        // Trailing bytes that are not a member are ignored, as gzip(1) does.
        #expect(try Inflater(framing: .gzipOrZlib, limit: 1 << 20, members: true).inflate(one + Array("garbage".utf8)).get() == text)
        // A second member cut short is truncated, not a short document.
        #expect(Inflater(framing: .gzipOrZlib, limit: 1 << 20, members: true).inflate(one + one.prefix(20)) == .failure(.truncated))
    }
}
