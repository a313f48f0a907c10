import Foundation

/// The raw bytes of a command-line argument that Swift decoded with U+FFFD (it was not UTF-8).
enum RawArgument {
    /// The argument whose lossy decoding is `lossy`, if it names an existing file or directory.
    static func existing(matching lossy: String) -> (lastComponent: [UInt8], isDirectory: Bool)? {
        guard lossy.unicodeScalars.contains("\u{FFFD}") else { return nil }
        for index in 0..<Int(CommandLine.argc) {
            guard let pointer = CommandLine.unsafeArgv[index] else { continue }
            let bytes = Array(UnsafeBufferPointer(start: UnsafeRawPointer(pointer).assumingMemoryBound(to: UInt8.self), count: strlen(pointer)))
            guard String(validating: bytes, as: UTF8.self) == nil, String(decoding: bytes, as: UTF8.self) == lossy else { continue }
            var info = stat()
            guard stat(pointer, &info) == 0 else { return nil }
            let trimmed = bytes.last == UInt8(ascii: "/") ? Array(bytes.dropLast()) : bytes
            let last = trimmed.split(separator: UInt8(ascii: "/"), omittingEmptySubsequences: false).last.map(Array.init) ?? trimmed
            return (last, info.st_mode & S_IFMT == S_IFDIR)
        }
        return nil
    }
}
