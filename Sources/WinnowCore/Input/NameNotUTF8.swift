import Foundation

/// The reject for a file (or directory) whose name is not valid UTF-8: Winnow's paths are Swift
/// strings, which cannot hold such a name, so it is named in the reject line with its invalid bytes
/// as `\xNN` (`FileName.escape`) and never silently dropped.
enum NameNotUTF8 {
    static let reason = "input.name_not_utf8"
    static let fileDetail = "the file name is not valid UTF-8 (invalid bytes shown as \\xNN); rename it to read it"
    static let directoryDetail = "the directory name is not valid UTF-8 (invalid bytes shown as \\xNN); its files were not read; rename it to read them"

    static func reject(isDirectory: Bool) -> (stage: String, reason: String, detail: String) {
        ("load", reason, isDirectory ? directoryDetail : fileDetail)
    }
}
