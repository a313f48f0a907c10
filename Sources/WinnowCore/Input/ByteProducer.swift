import CZlib
import CZstd
import Foundation
import Synchronization

/// Why a container stream could not be read further.
public enum StreamFailure: Error, Equatable, Sendable, CustomStringConvertible {
    /// The data ends inside a compressed member or frame.
    case truncated(String)
    /// The compressed data is damaged (or is not compressed data at all).
    case corrupt(String)
    /// The file cannot be read (the system error).
    case unreadable(String)

    public var description: String {
        switch self {
        case .truncated(let detail), .corrupt(let detail), .unreadable(let detail): return detail
        }
    }
}

/// Bytes of container files read from disk so far, and their total size: progress for runs whose
/// document count is not known in advance. Updated by the reader, read by the progress timer.
public final class InputProgress: Sendable {
    private let consumed = Atomic<Int>(0)
    public let totalBytes: Int

    public init(totalBytes: Int) { self.totalBytes = totalBytes }

    public var bytesRead: Int { consumed.load(ordering: .relaxed) }
    func add(_ bytes: Int) { consumed.add(bytes, ordering: .relaxed) }
}

/// What a producer did on one call.
enum ProducerEvent: Equatable {
    /// At least one decoded byte was appended.
    case data
    /// A gzip member starts here, at this offset in the compressed file (nothing appended).
    case memberStart(compressedOffset: Int)
    /// The gzip member just ended; the next byte belongs to the next member (nothing appended).
    case memberEnd(compressedOffset: Int)
    /// The input is exhausted.
    case end
    case failure(StreamFailure)
}

/// A source of decoded bytes: a plain file, a gzip stream read member by member, or a zstd stream.
protocol ByteProducer: AnyObject {
    /// Appends up to about 64 KiB of decoded bytes to `out`, or reports a member boundary, the end, or
    /// a failure. After a failure it keeps reporting it until `recover()` succeeds.
    func produce(into out: inout [UInt8]) -> ProducerEvent
    /// After a failure: skip to the next place decoding can start again (the next gzip member header
    /// after the start of the damaged member). False when there is none.
    func recover() -> Bool
    /// Plain files only: restart decoding at this file offset (for resynchronising without losing
    /// records that a wrong length swallowed).
    func seek(to offset: Int) -> Bool
}

/// A file read through a 256 KiB buffer with POSIX calls; seekable; counts bytes read for progress.
final class FileInput {
    private let fd: Int32
    var buffer: [UInt8]
    /// Unread bytes are buffer[start..<end].
    var start = 0
    var end = 0
    /// File offset of buffer[start].
    private(set) var offset = 0
    private(set) var atEOF = false
    private(set) var readError: String?
    private let progress: InputProgress?
    private static let chunk = 256 * 1024
    /// The kernel is asked to read this far ahead of the reader, so a container read under the
    /// scheduler's lock rarely waits for the disk (workers reading single files overlap their reads).
    private static let readAhead = 8 << 20
    private var prefetchedUntil = 0

    init(path: String, progress: InputProgress?) throws(RegularFile.Failure) {
        fd = try RegularFile.open(path).get().fd
        buffer = [UInt8](repeating: 0, count: FileInput.chunk)
        self.progress = progress
        _ = posix_fadvise(fd, 0, 0, Int32(POSIX_FADV_SEQUENTIAL))
    }

    deinit { close(fd) }

    var available: Int { end - start }

    func consume(_ n: Int) {
        start += n
        offset += n
    }

    /// Reads more bytes after the unread ones. False when nothing more could be read (end or error).
    @discardableResult
    func fill() -> Bool {
        guard !atEOF, readError == nil else { return false }
        if start > 0 {
            if start < end { buffer.withUnsafeMutableBytes { raw in
                guard let base = raw.baseAddress else { return }
                memmove(base, base + start, end - start)
            } }
            end -= start
            start = 0
        }
        if end == buffer.count { buffer.append(contentsOf: repeatElement(0, count: FileInput.chunk)) }
        while true {
            let n = buffer.withUnsafeMutableBytes { raw -> Int in
                guard let base = raw.baseAddress else { return 0 }
                return read(fd, base + end, raw.count - end)
            }
            if n < 0 {
                if errno == EINTR { continue }
                readError = "read: \(String(cString: strerror(errno)))"
                return false
            }
            if n == 0 { atEOF = true; return false }
            end += n
            progress?.add(n)
            let position = offset + available
            if position + FileInput.readAhead / 2 >= prefetchedUntil {
                let from = max(prefetchedUntil, position)
                _ = posix_fadvise(fd, off_t(from), off_t(FileInput.readAhead), Int32(POSIX_FADV_WILLNEED))
                prefetchedUntil = from + FileInput.readAhead
            }
            return true
        }
    }

    /// Ensures `n` unread bytes if the file has them.
    func fill(atLeast n: Int) -> Bool {
        while available < n { if !fill() { return available >= n } }
        return true
    }

    func seek(to newOffset: Int) -> Bool {
        guard lseek(fd, off_t(newOffset), SEEK_SET) >= 0 else { return false }
        prefetchedUntil = 0
        start = 0
        end = 0
        offset = newOffset
        atEOF = false
        return true
    }
}

/// An uncompressed file: decoded bytes are the file's bytes.
final class PlainProducer: ByteProducer {
    private let input: FileInput

    init(input: FileInput) { self.input = input }

    func produce(into out: inout [UInt8]) -> ProducerEvent {
        if input.available == 0 && !input.fill() {
            if let error = input.readError { return .failure(.unreadable(error)) }
            return .end
        }
        out.append(contentsOf: input.buffer[input.start..<input.end])
        input.consume(input.available)
        return .data
    }

    func recover() -> Bool { false }

    func seek(to offset: Int) -> Bool { input.seek(to: offset) }
}

/// gzip read member by member with zlib (a WARC.gz has one member per record): member boundaries are
/// reported with their compressed offsets, zero padding between members is skipped, and after damage
/// `recover()` scans for the next member header.
final class GzipProducer: ByteProducer {
    private enum State {
        case between
        case inMember(start: Int)
        case failed(start: Int, StreamFailure)
        case done
    }

    private let input: FileInput
    private let stream: UnsafeMutablePointer<z_stream>
    private var initialized = false
    private var state = State.between
    private var pendingEnd: Int?
    private var scratch = [UInt8](repeating: 0, count: 64 * 1024)

    init(input: FileInput) {
        self.input = input
        stream = UnsafeMutablePointer<z_stream>.allocate(capacity: 1)
        stream.initialize(to: z_stream())
    }

    deinit {
        if initialized { inflateEnd(stream) }
        stream.deinitialize(count: 1)
        stream.deallocate()
    }

    func produce(into out: inout [UInt8]) -> ProducerEvent {
        if let end = pendingEnd {
            pendingEnd = nil
            return .memberEnd(compressedOffset: end)
        }
        while true {
            switch state {
            case .done:
                return .end
            case .failed(_, let failure):
                return .failure(failure)
            case .between:
                // Skip the zero padding some writers put between members.
                while true {
                    if input.available == 0 && !input.fill() { break }
                    if input.buffer[input.start] != 0 { break }
                    input.consume(1)
                }
                if input.available == 0 {
                    if let error = input.readError { return fail(start: input.offset, .unreadable(error)) }
                    state = .done
                    return .end
                }
                let start = input.offset
                _ = input.fill(atLeast: 3)
                guard input.available >= 3 else {
                    return fail(start: start, .truncated("the file ends inside a gzip header at offset \(start)"))
                }
                guard input.buffer[input.start] == 0x1F, input.buffer[input.start + 1] == 0x8B, input.buffer[input.start + 2] == 0x08 else {
                    return fail(start: start, .corrupt("no gzip member header at offset \(start)"))
                }
                let status = initialized ? inflateReset(stream) : winnow_inflate_init2(stream, 15 + 16)
                guard status == Z_OK else { return fail(start: start, .corrupt("zlib cannot start a member (\(status))")) }
                initialized = true
                state = .inMember(start: start)
                return .memberStart(compressedOffset: start)
            case .inMember(let start):
                if input.available == 0 && !input.fill() {
                    if let error = input.readError { return fail(start: start, .unreadable(error)) }
                    return fail(start: start, .truncated("the gzip member at offset \(start) ends early"))
                }
                let available = input.available
                var status: Int32 = Z_OK
                var produced = 0
                var consumed = 0
                input.buffer.withUnsafeMutableBufferPointer { inBuffer in
                    scratch.withUnsafeMutableBufferPointer { outBuffer in
                        guard let inBase = inBuffer.baseAddress, let outBase = outBuffer.baseAddress else { status = Z_STREAM_ERROR; return }
                        stream.pointee.next_in = inBase + input.start
                        stream.pointee.avail_in = UInt32(available)
                        stream.pointee.next_out = outBase
                        stream.pointee.avail_out = UInt32(outBuffer.count)
                        status = inflate(stream, Z_NO_FLUSH)
                        consumed = available - Int(stream.pointee.avail_in)
                        produced = outBuffer.count - Int(stream.pointee.avail_out)
                        stream.pointee.next_in = nil
                        stream.pointee.next_out = nil
                    }
                }
                input.consume(consumed)
                if produced > 0 { out.append(contentsOf: scratch[0..<produced]) }
                switch status {
                case Z_STREAM_END:
                    state = .between
                    if produced > 0 {
                        pendingEnd = input.offset
                        return .data
                    }
                    return .memberEnd(compressedOffset: input.offset)
                case Z_OK, Z_BUF_ERROR:
                    if produced > 0 { return .data }
                    if consumed == 0 {
                        // inflate takes all the input it is given while it has room for output: stuck.
                        return fail(start: start, .corrupt("zlib makes no progress in the member at offset \(start)"))
                    }
                    continue
                default:
                    let message = stream.pointee.msg.map { String(cString: $0) } ?? "error \(status)"
                    return fail(start: start, .corrupt("gzip data error in the member at offset \(start): \(message)"))
                }
            }
        }
    }

    private func fail(start: Int, _ failure: StreamFailure) -> ProducerEvent {
        state = .failed(start: start, failure)
        return .failure(failure)
    }

    /// Scans the file from just after the damaged member's start for the next gzip member header.
    func recover() -> Bool {
        guard case .failed(let start, _) = state else { return false }
        pendingEnd = nil
        guard input.seek(to: start + 1) else { state = .done; return false }
        while true {
            _ = input.fill(atLeast: 3)
            let n = input.available
            guard n >= 3 else { state = .done; return false }
            var found: Int?
            input.buffer.withUnsafeBufferPointer { buffer in
                guard let base = buffer.baseAddress else { return }
                var i = input.start
                let last = input.end - 2
                while i < last {
                    guard let hit = memchr(base + i, 0x1F, last - i) else { break }
                    let index = base.distance(to: hit.assumingMemoryBound(to: UInt8.self))
                    if buffer[index + 1] == 0x8B && buffer[index + 2] == 0x08 { found = index; break }
                    i = index + 1
                }
            }
            if let found {
                input.consume(found - input.start)
                state = .between
                return true
            }
            // Keep the last two bytes: a header may straddle the buffer's end.
            input.consume(n - 2)
            if !input.fill() { state = .done; return false }
        }
    }

    func seek(to offset: Int) -> Bool { false }
}

/// zstd frames (one or many) streamed with ZSTD_decompressStream.
final class ZstdProducer: ByteProducer {
    private let input: FileInput
    private let context: OpaquePointer
    private var scratch = [UInt8](repeating: 0, count: 128 * 1024)
    private var frameOpen = false
    private var failure: StreamFailure?

    init(input: FileInput) throws(StreamFailure) {
        guard let context = ZSTD_createDCtx() else { throw .corrupt("cannot create a zstd context") }
        self.input = input
        self.context = context
    }

    deinit { ZSTD_freeDCtx(context) }

    func produce(into out: inout [UInt8]) -> ProducerEvent {
        if let failure { return .failure(failure) }
        while true {
            if input.available == 0 && !input.fill() {
                if let error = input.readError { failure = .unreadable(error); return .failure(.unreadable(error)) }
                if frameOpen { failure = .truncated("the zstd stream ends inside a frame"); return .failure(.truncated("the zstd stream ends inside a frame")) }
                return .end
            }
            var result = 0
            var produced = 0
            var consumed = 0
            let available = input.available
            input.buffer.withUnsafeBufferPointer { inBuffer in
                scratch.withUnsafeMutableBufferPointer { outBuffer in
                    guard let inBase = inBuffer.baseAddress, let outBase = outBuffer.baseAddress else { return }
                    var inDesc = ZSTD_inBuffer(src: inBase + input.start, size: available, pos: 0)
                    var outDesc = ZSTD_outBuffer(dst: outBase, size: outBuffer.count, pos: 0)
                    result = ZSTD_decompressStream(context, &outDesc, &inDesc)
                    consumed = inDesc.pos
                    produced = outDesc.pos
                }
            }
            if ZSTD_isError(result) != 0 {
                let message = String(cString: ZSTD_getErrorName(result))
                failure = .corrupt("zstd data error: \(message)")
                return .failure(.corrupt("zstd data error: \(message)"))
            }
            input.consume(consumed)
            frameOpen = result != 0
            if produced > 0 {
                out.append(contentsOf: scratch[0..<produced])
                return .data
            }
            if consumed == 0 && produced == 0 {
                // The decoder takes all the input it is given; no progress means it is stuck.
                failure = .corrupt("zstd makes no progress")
                return .failure(.corrupt("zstd makes no progress"))
            }
        }
    }

    func recover() -> Bool { false }
    func seek(to offset: Int) -> Bool { false }
}
