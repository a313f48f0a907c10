import CZlib

/// The one bounded zlib inflate loop, for inputs held whole in memory: gzip files (every member) and
/// the gzip and deflate HTTP content codings. Output is capped, and a truncated or corrupt stream is an
/// error, not a silently short document. (Container files stream through `GzipProducer` instead: its
/// output is not bounded but handed on 64 KiB at a time, with member offsets and recovery.)
public struct Inflater: Sendable {
    public enum Failure: Error, Equatable, Sendable {
        /// The input ends inside a stream (or a member).
        case truncated
        /// zlib's message for damaged data, or why decoding could not go on.
        case corrupt(String)
        /// The output would exceed the bound.
        case tooLarge(limit: Int)
    }

    /// The framing around the deflate data, as zlib's `inflateInit2` selects it.
    public enum Framing: Sendable {
        /// A gzip or zlib header, detected automatically.
        case gzipOrZlib
        /// A zlib header (RFC 1950).
        case zlib
        /// Raw deflate data (RFC 1951), no header.
        case raw

        var windowBits: Int32 {
            switch self {
            case .gzipOrZlib: return 15 + 32
            case .zlib: return 15
            case .raw: return -15
            }
        }
    }

    public var framing: Framing
    /// Bytes of output allowed; more is `.tooLarge`.
    public var limit: Int
    /// Read the gzip members that follow the first one (a gzip file); a content coding is one stream.
    public var members: Bool

    public init(framing: Framing, limit: Int, members: Bool) {
        self.framing = framing
        self.limit = limit
        self.members = members
    }

    /// `input` decoded whole, or why not.
    public func inflate(_ input: [UInt8]) -> Result<[UInt8], Failure> {
        var stream = z_stream()
        guard winnow_inflate_init2(&stream, framing.windowBits) == Z_OK else { return .failure(.corrupt("inflateInit failed")) }
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
