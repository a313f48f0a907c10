import Foundation
import Testing
@testable import WinnowCore

/// `--incremental` reprocesses an input when `rules_version` (config and models) or
/// `winnow_version` changed. Extraction code changes neither by itself, so a new release whose code
/// extracts differently must carry a new `WinnowVersion.current`. The golden pages' reviewed outputs
/// (`expected.txt`, `expected-metadata.json`, `expected.md`, which GoldenPagesTests and
/// MarkdownGoldenPagesTests hold the code to) are fingerprinted here per version: regenerating them
/// with WINNOW_UPDATE_GOLDEN=1 fails this test until the version is bumped and its fingerprint added.
@Suite struct ExtractionVersionTests {
    /// The golden expectations' fingerprint of each release (the current one must be listed).
    static let fingerprints: [String: String] = [
        "0.2.0": "a7b2c09354896175796ce61f3ec2cfc6c19de8a5be3c0a0b92aceb98acac691d",
        // Login fields ("user-name") no longer give an author; the golden pages are unchanged.
        "0.2.1": "a7b2c09354896175796ce61f3ec2cfc6c19de8a5be3c0a0b92aceb98acac691d",
    ]

    /// SHA-256 over every expectation file of every golden case, in name order, each preceded by its path.
    static func fingerprint() throws -> (hex: String, files: Int) {
        let root = Fixtures.directory.appendingPathComponent("golden")
        var hasher = SHA256()
        var files = 0
        for name in try FileManager.default.contentsOfDirectory(atPath: root.path).sorted() {
            for file in ["expected.txt", "expected-metadata.json", "expected.md"] {
                let path = root.appendingPathComponent(name).appendingPathComponent(file).path
                guard let data = FileManager.default.contents(atPath: path) else { continue }
                hasher.update("\(name)/\(file)\n")
                hasher.update(data)
                files += 1
            }
        }
        return (Hex.encode(hasher.finalize()), files)
    }

    @Test func theGoldenOutputsAreTheOnesOfThisVersion() throws {
        let found = try Self.fingerprint().hex
        #expect(Self.fingerprints[WinnowVersion.current] == found,
                "golden outputs changed without a new WinnowVersion.current (\(WinnowVersion.current)): bump it, so --incremental reprocesses, and add \"<new version>\": \"\(found)\"")
    }

    @Test func theFingerprintCoversEveryGoldenCase() throws {
        // Text and metadata of each case at least, so no case's output can change unnoticed.
        #expect(try Self.fingerprint().files >= 2 * GoldenPagesTests.cases.count)
        #expect(GoldenPagesTests.cases.count >= 15)
    }
}
