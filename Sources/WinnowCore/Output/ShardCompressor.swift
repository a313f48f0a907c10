import CZlib
import CZstd

/// How output shards are compressed (`--compress`).
public enum ShardCompression: String, Sendable, CaseIterable {
    case none, gzip, zstd

    /// Shard file name ending: `.jsonl`, `.jsonl.gz`, `.jsonl.zst`.
    public var fileExtension: String {
        switch self {
        case .none: return ".jsonl"
        case .gzip: return ".jsonl.gz"
        case .zstd: return ".jsonl.zst"
        }
    }

    /// A new compressor for one shard; nil for `none`.
    func makeCompressor() throws -> ShardCompressor? {
        switch self {
        case .none: return nil
        case .gzip: return try GzipCompressor()
        case .zstd: return try ZstdCompressor()
        }
    }
}

public struct CompressionFailure: Error, CustomStringConvertible {
    public let description: String
}

/// Compresses one shard as a stream: lines go in, compressed bytes come out; `finish()` returns the
/// end of the stream (a complete gzip member / zstd frame with its checksum). Input is gathered into
/// 256 KiB blocks before it is compressed, so per-line calls cost nothing. Output is deterministic.
protocol ShardCompressor: AnyObject {
    /// Takes `bytes`; returns compressed output ready to write (often empty).
    func append(_ bytes: [UInt8]) throws -> [UInt8]
    /// Ends the stream; returns the remaining compressed output.
    func finish() throws -> [UInt8]
}

/// gzip via zlib deflate, level 6, no file name and mtime 0 in the header (reproducible).
final class GzipCompressor: ShardCompressor {
    private let stream: UnsafeMutablePointer<z_stream>
    private var pending: [UInt8] = []
    private var scratch = [UInt8](repeating: 0, count: 256 * 1024)
    private static let block = 256 * 1024

    init(level: Int32 = 6) throws {
        stream = UnsafeMutablePointer<z_stream>.allocate(capacity: 1)
        stream.initialize(to: z_stream())
        guard winnow_deflate_init2(stream, level, 15 + 16) == Z_OK else {
            stream.deinitialize(count: 1)
            stream.deallocate()
            throw CompressionFailure(description: "zlib deflateInit2 failed")
        }
        pending.reserveCapacity(GzipCompressor.block)
    }

    deinit {
        deflateEnd(stream)
        stream.deinitialize(count: 1)
        stream.deallocate()
    }

    func append(_ bytes: [UInt8]) throws -> [UInt8] {
        pending.append(contentsOf: bytes)
        guard pending.count >= GzipCompressor.block else { return [] }
        return try run(Z_NO_FLUSH)
    }

    func finish() throws -> [UInt8] { try run(Z_FINISH) }

    private func run(_ flush: Int32) throws -> [UInt8] {
        var out: [UInt8] = []
        var status: Int32 = Z_OK
        try pending.withUnsafeMutableBufferPointer { input in
            stream.pointee.next_in = input.baseAddress
            stream.pointee.avail_in = UInt32(input.count)
            repeat {
                var produced = 0
                scratch.withUnsafeMutableBufferPointer { output in
                    stream.pointee.next_out = output.baseAddress
                    stream.pointee.avail_out = UInt32(output.count)
                    status = deflate(stream, flush)
                    produced = output.count - Int(stream.pointee.avail_out)
                }
                if status == Z_STREAM_ERROR { throw CompressionFailure(description: "zlib deflate failed") }
                out.append(contentsOf: scratch[0..<produced])
            } while stream.pointee.avail_in > 0 || (flush == Z_FINISH && status != Z_STREAM_END)
            stream.pointee.next_in = nil
            stream.pointee.next_out = nil
        }
        pending.removeAll(keepingCapacity: true)
        return out
    }
}

/// zstd level 3 with a content checksum, single-threaded (deterministic).
final class ZstdCompressor: ShardCompressor {
    private let context: OpaquePointer
    private var pending: [UInt8] = []
    private var scratch = [UInt8](repeating: 0, count: ZSTD_CStreamOutSize())
    private static let block = 256 * 1024

    init(level: Int32 = 3) throws {
        guard let context = ZSTD_createCCtx() else { throw CompressionFailure(description: "cannot create a zstd context") }
        self.context = context
        ZSTD_CCtx_setParameter(context, ZSTD_c_compressionLevel, level)
        ZSTD_CCtx_setParameter(context, ZSTD_c_checksumFlag, 1)
        pending.reserveCapacity(ZstdCompressor.block)
    }

    deinit { ZSTD_freeCCtx(context) }

    func append(_ bytes: [UInt8]) throws -> [UInt8] {
        pending.append(contentsOf: bytes)
        guard pending.count >= ZstdCompressor.block else { return [] }
        return try run(ZSTD_e_continue)
    }

    func finish() throws -> [UInt8] { try run(ZSTD_e_end) }

    private func run(_ directive: ZSTD_EndDirective) throws -> [UInt8] {
        var out: [UInt8] = []
        try pending.withUnsafeBufferPointer { input in
            var inDesc = ZSTD_inBuffer(src: input.baseAddress, size: input.count, pos: 0)
            while true {
                var remaining = 0
                var produced = 0
                scratch.withUnsafeMutableBufferPointer { output in
                    var outDesc = ZSTD_outBuffer(dst: output.baseAddress, size: output.count, pos: 0)
                    remaining = ZSTD_compressStream2(context, &outDesc, &inDesc, directive)
                    produced = outDesc.pos
                }
                if ZSTD_isError(remaining) != 0 {
                    throw CompressionFailure(description: "zstd: \(String(cString: ZSTD_getErrorName(remaining)))")
                }
                out.append(contentsOf: scratch[0..<produced])
                let done = directive == ZSTD_e_end ? remaining == 0 : inDesc.pos == inDesc.size
                if done { break }
            }
        }
        pending.removeAll(keepingCapacity: true)
        return out
    }
}
