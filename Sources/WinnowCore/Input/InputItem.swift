/// One input document as discovered: where to read it and how to name it in the output.
public struct InputItem: Sendable, Equatable {
    public enum Kind: String, Sendable { case html, text }

    /// Path to open.
    public let path: String
    /// Path relative to the input root given on the command line; the record's `source`.
    public let source: String
    /// Kind by extension; the load stage may correct it by sniffing.
    public let kind: Kind
    public let gzipped: Bool
    /// Size on disk in bytes (compressed size for .gz).
    public let size: Int

    public init(path: String, source: String, kind: Kind, gzipped: Bool, size: Int) {
        self.path = path
        self.source = source
        self.kind = kind
        self.gzipped = gzipped
        self.size = size
    }

    /// Kind and compression from a file name, or nil for files Winnow does not read.
    public static func classify(_ name: String) -> (Kind, gzipped: Bool)? {
        var lower = name.lowercased()
        var gzipped = false
        if lower.hasSuffix(".gz") {
            gzipped = true
            lower.removeLast(3)
        }
        if lower.hasSuffix(".html") || lower.hasSuffix(".htm") || lower.hasSuffix(".xhtml") { return (.html, gzipped) }
        if lower.hasSuffix(".txt") { return (.text, gzipped) }
        return nil
    }
}
