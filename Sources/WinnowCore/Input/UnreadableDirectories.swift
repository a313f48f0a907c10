import Foundation

/// Directories discovery could not list: how many, and the first with its error (for the warning and
/// for the "no input" message, which then says EACCES rather than just "nothing found").
public struct UnreadableDirectories: Sendable, Equatable {
    public private(set) var count = 0
    public private(set) var first: (path: String, error: String)?

    public init() {}

    mutating func note(_ path: String, errno code: Int32) {
        count += 1
        if first == nil { first = (path, String(cString: strerror(code))) }
    }

    public static func == (a: Self, b: Self) -> Bool { a.count == b.count && a.first?.path == b.first?.path }

    /// "2 directories could not be read (first: /x/y: Permission denied)", or nil.
    public var message: String? {
        guard let first else { return nil }
        return "\(count) \(count == 1 ? "directory" : "directories") could not be read (\(count == 1 ? "" : "first: ")\(first.path): \(first.error))"
    }
}
