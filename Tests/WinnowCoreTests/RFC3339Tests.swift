import Foundation
import Testing
@testable import WinnowCore

/// Issue 14 item 14: `--added` is written into every record, so only a real RFC 3339 time passes.
@Suite struct RFC3339Tests {
    @Test func validAndInvalidTimes() {
        for good in ["2026-11-27T02:00:00Z", "2026-11-27T02:00:00.123Z", "2026-11-27T03:00:00+01:00", "2024-02-29T00:00:00-05:30", "2026-12-31t23:59:60z"] {
            #expect(RFC3339.isValid(good), "\(good)")
        }
        for bad in ["2026-13-01T00:00:00Z", "2026-11-27T02:00:00Zjunk", "2026-02-30T00:00:00Z", "2025-02-29T00:00:00Z", "2026-11-27T25:00:00Z",
                    "2026-11-27 02:00:00Z", "2026-11-27T02:00:00", "2026-11-27T02:00Z", "T", "2026-11-27T02:00:00+1:00", "2026-11-27T02:00:00.Z"] {
            #expect(!RFC3339.isValid(bad), "\(bad)")
        }
    }

    @Test func theCLIRefusesABadAdded() throws {
        let dir = try TempDir()
        defer { dir.remove() }
        let page = try dir.write("p.html", InputHazardTests.page)
        let binary = try #require(CLITests.binary)
        for bad in ["2026-13-01T00:00:00Z", "2026-11-27T02:00:00Z; rm -rf /"] {
            let run = try Tool.run(binary, ["run", "--quiet", "--added", bad, "--output", dir.file("out"), page])
            #expect(run.status == 64, "\(bad): \(run.stderrString)")
            #expect(run.stderrString.contains("not an RFC 3339 timestamp"))
        }
        #expect(!dir.exists("out/manifest.json"))
    }
}
