import Foundation

/// Prepares the output directory: creates it and `.winnow/` inside it, and proves it writable. It does
/// not delete anything: the previous generation stays until the new one is committed (`Generation`).
enum OutputDirectory {
    static func prepare(_ path: String) throws(RunError) {
        do {
            try FileManager.default.createDirectory(atPath: path + "/.winnow", withIntermediateDirectories: true)
        } catch {
            throw RunError(.cannotCreateOutput, "cannot create the output directory \(path): \(error.localizedDescription)")
        }
        let probe = path + "/.winnow/write-test-\(getpid())"
        guard FileManager.default.createFile(atPath: probe, contents: Data()) else {
            throw RunError(.cannotCreateOutput, "the output directory \(path) is not writable")
        }
        unlink(probe)
    }
}
