import CZlib

/// gzip decompression with zlib directly: every member of a multi-member file is read (compress-nio
/// stops after the first), output is capped, and a truncated or corrupt stream is an error, not a
/// silently short document.
public enum Gunzip {
    public enum Failure: Error, Equatable, Sendable {
        case truncated
        case corrupt(String)
        case tooLarge(limit: Int)
    }

    public static func isGzip(_ bytes: [UInt8]) -> Bool { bytes.count >= 2 && bytes[0] == 0x1F && bytes[1] == 0x8B }

    /// Every member of a gzip (or zlib) stream, output capped.
    public static func decompress(_ input: [UInt8], limit: Int) -> Result<[UInt8], Failure> {
        // 15 + 32: zlib or gzip header, detected automatically.
        inflate(input, windowBits: 15 + 32, limit: limit, members: true)
    }

    /// The one bounded inflate loop (gzip files, and the gzip and deflate HTTP content codings):
    /// `windowBits` as zlib's inflateInit2 takes it (15 + 32 gzip/zlib, 15 zlib, -15 raw deflate);
    /// `members`: read the gzip members that follow the first one.
    static func inflate(_ input: [UInt8], windowBits: Int32, limit: Int, members: Bool) -> Result<[UInt8], Failure> {
        var stream = z_stream()
        guard winnow_inflate_init2(&stream, windowBits) == Z_OK else { return .failure(.corrupt("inflateInit failed")) }
        defer { inflateEnd(&stream) }
        var output: [UInt8] = []
        output.reserveCapacity(min(limit, max(4096, input.count * 4)))
        var chunk = [UInt8](repeating: 0, count: 64 * 1024)
        var outcome: Result<[UInt8], Failure>?
        input.withUnsafeBufferPointer { inBuffer in
            guard let inBase = inBuffer.baseAddress else { outcome = .failure(.truncated); return }
            stream.next_in = UnsafeMutablePointer(mutating: inBase)
            stream.avail_in = UInt32(inBuffer.count)
            chunk.withUnsafeMutableBufferPointer { outBuffer in
                guard let outBase = outBuffer.baseAddress else { return }
                while outcome == nil {
                    stream.next_out = outBase
                    stream.avail_out = UInt32(outBuffer.count)
                    let status = CZlib.inflate(&stream, Z_NO_FLUSH)
                    let produced = outBuffer.count - Int(stream.avail_out)
                    if output.count + produced > limit { outcome = .failure(.tooLarge(limit: limit)); return }
                    output.append(contentsOf: UnsafeBufferPointer(start: outBase, count: produced))
                    switch status {
                    case Z_STREAM_END:
                        if !members { outcome = .success(output); return }
                        // Another member may follow (concatenated gzip); skip zero padding some writers add.
                        while stream.avail_in > 0 && stream.next_in.pointee == 0 { stream.next_in += 1; stream.avail_in -= 1 }
                        if stream.avail_in == 0 { outcome = .success(output); return }
                        // Bytes after a member that are not another member are ignored, as gzip(1) does
                        // ("trailing garbage ignored"): the document is whole.
                        if stream.avail_in < 2 || stream.next_in[0] != 0x1F || stream.next_in[1] != 0x8B { outcome = .success(output); return }
                        guard inflateReset(&stream) == Z_OK else { outcome = .failure(.corrupt("cannot start the next gzip member")); return }
                    case Z_OK:
                        continue
                    case Z_BUF_ERROR:
                        // No progress possible: input ended inside a member.
                        if stream.avail_in == 0 { outcome = .failure(.truncated) } else { outcome = .failure(.corrupt("no progress")) }
                    default:
                        let message = stream.msg.map { String(cString: $0) } ?? "error \(status)"
                        outcome = .failure(.corrupt(message))
                    }
                }
            }
        }
        return outcome ?? .failure(.truncated)
    }
}
