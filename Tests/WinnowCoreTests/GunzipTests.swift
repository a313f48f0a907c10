import Testing
@testable import WinnowCore

@Suite struct GunzipTests {
    let first = Array("<p>First member: the quick brown fox jumps over the lazy dog.</p>\n".utf8)
    let second = Array("<p>Second member, written by another gzip call.</p>\n".utf8)

    @Test func singleMember() throws {
        let gz = try Tool.gzip(first)
        #expect(Gunzip.isGzip(gz))
        #expect(!Gunzip.isGzip(first))
        #expect(try Gunzip.decompress(gz, limit: 1 << 20).get() == first)
    }

    @Test func concatenatedMembersAreAllRead() throws {
        let gz = try Tool.gzip(first) + Tool.gzip(second) + Tool.gzip(first)
        #expect(try Gunzip.decompress(gz, limit: 1 << 20).get() == first + second + first)
    }

    @Test func zeroPaddingAfterLastMemberIsIgnored() throws {
        let gz = try Tool.gzip(first) + [0, 0, 0, 0]
        #expect(try Gunzip.decompress(gz, limit: 1 << 20).get() == first)
    }

    @Test func truncatedStream() throws {
        let big = Array(String(repeating: "Some text that compresses well. ", count: 200).utf8)
        let gz = try Tool.gzip(big)
        // Cut inside the deflate data, and cut only the 8-byte trailer.
        #expect(Gunzip.decompress(Array(gz.prefix(gz.count / 2)), limit: 1 << 20) == .failure(.truncated))
        #expect(Gunzip.decompress(Array(gz.dropLast(4)), limit: 1 << 20) == .failure(.truncated))
        // A complete first member followed by a truncated second one.
        let second = try Tool.gzip(big)
        #expect(Gunzip.decompress(gz + second.prefix(second.count / 2), limit: 1 << 20) == .failure(.truncated))
    }

    @Test func garbageIsCorrupt() throws {
        let notGzip = Array("this is plain text, not a gzip stream at all".utf8)
        guard case .failure(.corrupt) = Gunzip.decompress(notGzip, limit: 1 << 20) else {
            Issue.record("plain text should be corrupt")
            return
        }
        // A gzip header followed by junk instead of deflate data.
        var junk = try Tool.gzip(first)
        for i in 10..<junk.count - 8 { junk[i] = 0xFF }
        guard case .failure(.corrupt) = Gunzip.decompress(junk, limit: 1 << 20) else {
            Issue.record("damaged deflate data should be corrupt")
            return
        }
    }

    @Test func outputLimit() throws {
        let zeros = [UInt8](repeating: 0x41, count: 200_000)
        let gz = try Tool.gzip(zeros)
        #expect(Gunzip.decompress(gz, limit: 100_000) == .failure(.tooLarge(limit: 100_000)))
        #expect(try Gunzip.decompress(gz, limit: 200_000).get().count == 200_000)
    }
}
