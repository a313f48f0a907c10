import Foundation

/// The decoded bytes of a container file, read forward through a buffer that never holds more than
/// what a caller asked to look at (plus one producer chunk). Knows where gzip members start, so a
/// record can be confined to its member ("within anchor": reads stop at the end of the member that
/// contains `anchor`) and a reader can resynchronise at member boundaries.
final class DecodedStream {
    private let producer: any ByteProducer
    private(set) var buffer: [UInt8] = []
    /// Unread bytes are buffer[head...].
    private(set) var head = 0
    /// Offset in the decoded stream of buffer[0].
    private var base = 0
    /// Member starts: decoded offset and compressed file offset, ascending.
    private var boundaries: [(decoded: Int, compressed: Int)] = []
    private(set) var membersSeen = 0
    private(set) var failure: StreamFailure?
    private(set) var ended = false

    init(producer: any ByteProducer) {
        self.producer = producer
        buffer.reserveCapacity(256 * 1024)
    }

    /// Offset of the next unread byte in the decoded stream.
    var position: Int { base + head }
    var bufferedEnd: Int { base + buffer.count }
    /// More than one gzip member seen: records are confined to members and resync goes by members.
    var isMultiMember: Bool { membersSeen > 1 }

    /// The member that contains `offset`: its compressed start and how far into it `offset` is.
    func member(containing offset: Int) -> (compressed: Int, inner: Int)? {
        guard let last = boundaries.last(where: { $0.decoded <= offset }) else { return nil }
        return (last.compressed, offset - last.decoded)
    }

    /// The first known member boundary after `offset`.
    func boundary(after offset: Int) -> Int? { boundaries.first(where: { $0.decoded > offset })?.decoded }

    /// Unread bytes available now, stopping at the end of the member containing `anchor`.
    func available(within anchor: Int?) -> Int {
        let all = buffer.count - head
        guard let anchor, let limit = boundary(after: anchor) else { return all }
        return max(0, min(all, limit - position))
    }

    /// Whether reading within `anchor`'s member has reached its known end.
    private func atLimit(within anchor: Int?) -> Bool {
        guard let anchor, let limit = boundary(after: anchor) else { return false }
        return bufferedEnd >= limit
    }

    /// Makes at least `n` bytes available within `anchor`'s member if the input has them; returns how
    /// many are available (fewer at the member's end, the end of input, or a failure).
    @discardableResult
    func fill(_ n: Int, within anchor: Int?) -> Int {
        while available(within: anchor) < n && !atLimit(within: anchor) {
            if !more() { break }
        }
        return available(within: anchor)
    }

    /// Asks the producer for more. False once nothing more will come (end or failure).
    private func more() -> Bool {
        if ended || failure != nil { return false }
        compact()
        switch producer.produce(into: &buffer) {
        case .data:
            return true
        case .memberStart(let compressed):
            membersSeen += 1
            if let last = boundaries.last, last.decoded == bufferedEnd {
                boundaries[boundaries.count - 1].compressed = compressed
            } else {
                boundaries.append((bufferedEnd, compressed))
            }
            return true
        case .memberEnd(let compressed):
            if boundaries.last?.decoded != bufferedEnd { boundaries.append((bufferedEnd, compressed)) }
            return true
        case .end:
            ended = true
            return false
        case .failure(let failure):
            self.failure = failure
            return false
        }
    }

    /// Drops consumed bytes once they are a large share of the buffer, and boundaries long passed.
    private func compact() {
        if head >= 64 * 1024 && head * 2 >= buffer.count {
            buffer.removeSubrange(0..<head)
            base += head
            head = 0
        }
        if boundaries.count > 8 {
            let here = position
            if let keepFrom = boundaries.lastIndex(where: { $0.decoded <= here }), keepFrom > 0 {
                boundaries.removeSubrange(0..<keepFrom)
            }
        }
    }

    func byte(at index: Int) -> UInt8 { buffer[head + index] }

    func consume(_ n: Int) {
        guard n > 0 else { return }
        head += n
    }

    /// Discards everything buffered (after a failure or when skipping).
    func consumeAll() { consume(buffer.count - head) }

    /// Appends up to `n` bytes to `out` within `anchor`'s member; returns how many.
    func read(_ n: Int, into out: inout [UInt8], within anchor: Int?) -> Int {
        var remaining = n
        while remaining > 0 {
            let got = fill(1, within: anchor)
            if got == 0 { break }
            let take = min(got, remaining)
            out.append(contentsOf: buffer[head..<head + take])
            consume(take)
            remaining -= take
        }
        return n - remaining
    }

    /// Skips up to `n` bytes within `anchor`'s member; returns how many were skipped.
    func skip(_ n: Int, within anchor: Int?) -> Int {
        var remaining = n
        while remaining > 0 {
            let got = fill(1, within: anchor)
            if got == 0 { break }
            let take = min(got, remaining)
            consume(take)
            remaining -= take
        }
        return n - remaining
    }

    enum Line {
        case line([UInt8])
        /// No line feed within `limit` bytes.
        case tooLong
        /// The member, the input, or the readable data ended; the bytes read so far (maybe none).
        case end([UInt8])
    }

    /// The next line without its LF (and CR), at most `limit` bytes, within `anchor`'s member.
    func readLine(limit: Int, within anchor: Int?) -> Line {
        var scanned = 0
        while true {
            let available = self.available(within: anchor)
            if available > scanned {
                let found: Int? = buffer.withUnsafeBufferPointer { raw in
                    guard let start = raw.baseAddress.map({ $0 + head + scanned }),
                          let hit = memchr(start, 0x0A, min(available, limit + 1) - scanned) else { return nil }
                    return raw.baseAddress.map { $0.distance(to: hit.assumingMemoryBound(to: UInt8.self)) - head }
                }
                if let found {
                    var end = head + found
                    if end > head && buffer[end - 1] == 0x0D { end -= 1 }
                    let line = Array(buffer[head..<end])
                    consume(found + 1)
                    return .line(line)
                }
                scanned = min(available, limit + 1)
                if scanned > limit { return .tooLong }
            }
            if fill(scanned + 1, within: anchor) <= scanned {
                let rest = Array(buffer[head..<head + self.available(within: anchor)])
                consume(rest.count)
                return .end(rest)
            }
        }
    }

    /// Skips to just after the next LF (at most `limit` bytes looked at per call of the producer).
    /// False when the input ended first.
    func skipLine() -> Bool {
        while true {
            let available = self.available(within: nil)
            if available > 0 {
                let found: Int? = buffer.withUnsafeBufferPointer { raw in
                    guard let start = raw.baseAddress.map({ $0 + head }), let hit = memchr(start, 0x0A, available) else { return nil }
                    return start.distance(to: hit.assumingMemoryBound(to: UInt8.self))
                }
                if let found { consume(found + 1); return true }
                consume(available)
            }
            if fill(1, within: nil) == 0 { return false }
        }
    }

    /// After a failure: let the producer skip to where decoding can start again; the unread bytes
    /// decoded before the damage are dropped.
    func recover() -> Bool {
        guard failure != nil else { return true }
        consumeAll()
        guard producer.recover() else { return false }
        failure = nil
        return true
    }

    /// Plain files: restart reading at `offset` (earlier than the current position is allowed).
    func rewind(to offset: Int) -> Bool {
        guard producer.seek(to: offset) else { return false }
        buffer.removeAll(keepingCapacity: true)
        head = 0
        base = offset
        failure = nil
        ended = false
        return true
    }

    /// Whether the unread bytes start with `prefix` (within `anchor`'s member).
    func startsWith(_ prefix: [UInt8], within anchor: Int?) -> Bool {
        guard fill(prefix.count, within: anchor) >= prefix.count else { return false }
        for (i, byte) in prefix.enumerated() where buffer[head + i] != byte { return false }
        return true
    }
}
