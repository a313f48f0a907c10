/// gzip files: every member of a multi-member file is read (compress-nio stops after the first), with
/// `Inflater`'s output cap and its truncated/corrupt errors.
public enum Gunzip {
    public typealias Failure = Inflater.Failure

    public static func isGzip(_ bytes: [UInt8]) -> Bool { bytes.count >= 2 && bytes[0] == 0x1F && bytes[1] == 0x8B }

    /// Every member of a gzip (or zlib) stream, output capped.
    public static func decompress(_ input: [UInt8], limit: Int) -> Result<[UInt8], Failure> {
        Inflater(framing: .gzipOrZlib, limit: limit, members: true).inflate(input)
    }
}
