import Foundation

/// The first distributed stage, inside a ranked `winnow run` with dedup on: instead of deduplicating
/// its own share, the rank writes every record's signature (position, keys, id) into its staging
/// directory; the file is renamed to `.winnow/dedup/signatures-RRRRR.bin` with the rest of the
/// generation, and the manifest names its token (`dedup_signatures`), so a signature file always
/// belongs to the committed generation that lists the same token.
final class SignatureWriter {
    let token: String
    let keyLayout: DedupKeyLayout
    private let writer: DedupFileWriter
    private let tasks: Int
    private let rank: Int
    private(set) var count = 0

    init(staging: String, layout: TaskLayout, settings: DedupSettings) throws {
        tasks = layout.tasks ?? 1
        rank = layout.rank
        keyLayout = DedupKeyLayout(settings: settings)
        token = Self.newToken(rank: layout.rank)
        writer = try DedupFileWriter(directory: staging, name: DedupStageFile.stagedSignatures,
                                     header: Self.header(token: token, layout: layout, settings: settings))
    }

    static func header(token: String, layout: TaskLayout, settings: DedupSettings) -> [UInt8] {
        var json = JSONBuffer()
        json.beginObject()
        json.key("kind"); json.string("signatures")
        json.key("format"); json.int(1)
        json.key("tasks"); json.int(layout.tasks ?? 1)
        json.key("rank"); json.int(layout.rank)
        json.key("token"); json.string(token)
        json.key("parameters"); json.string(settings.canonical)
        json.key("bands"); json.int(settings.near ? settings.bands : 0)
        json.key("rows"); json.int(settings.rows)
        json.key("shingle_words"); json.int(settings.shingleWords)
        json.key("exact"); json.bool(settings.exact)
        json.endObject()
        json.newline()
        return json.bytes
    }

    /// Unique per run: the wall clock in nanoseconds, the PID and the rank, mixed.
    static func newToken(rank: Int) -> String {
        var now = timespec()
        clock_gettime(CLOCK_REALTIME, &now)
        let value = Hash64.mix(UInt64(now.tv_sec) &* 1_000_000_000 &+ UInt64(now.tv_nsec)) ^ Hash64.mix(UInt64(getpid()) << 20 | UInt64(rank))
        return hex(value)
    }

    static func hex(_ value: UInt64) -> String {
        let digits = String(value, radix: 16)
        return String(repeating: "0", count: 16 - digits.count) + digits
    }

    /// `localEntry`: the input's position in this rank's list; `seq`: the document's row in the state.
    func add(localEntry: Int, seq: Int, signature: DedupSignature) throws {
        try writer.int64(Int64(localEntry) * Int64(tasks) + Int64(rank))
        try writer.int64(Int64(seq))
        for key in keyLayout.keys(signature) { try writer.int64(key) }
        try writer.string(signature.id)
        count += 1
    }

    func finish() throws { try writer.commit() }
    func discard() { writer.discard() }
}
