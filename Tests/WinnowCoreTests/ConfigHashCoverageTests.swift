import Foundation
import Testing
@testable import WinnowCore

/// Issue 14 item 12: every config key that changes output changes `rules_version`. Each key the
/// loader accepts is changed in turn — the plain keys from their declarations (ConfigKeys), the
/// `dedup:` and rule keys from the loader's own list of allowed keys (its error message), so a key
/// added anywhere is tested without editing this file. (The `filters:` settings: FilterConfigTests.)
@Suite struct ConfigHashCoverageTests {
    /// Values tried in turn until one loads and differs from the default.
    static let candidates = ["false", "true", "7", "2", "0.25", "[p]", "'zq+'", "markdown", "12345"]

    static func load(_ yaml: String) -> LoadedConfig? { try? ConfigLoader.load(yaml: yaml, file: "t.yml") }

    /// The keys the loader allows at `path`, read from its "unknown key" error.
    static func allowedKeys(_ yaml: String) throws -> [String] {
        do {
            _ = try ConfigLoader.load(yaml: yaml, file: "t.yml")
        } catch let error as ConfigError {
            let text = error.description
            let marker = try #require(text.range(of: "allowed here: "), "\(text)")
            return text[marker.upperBound...].prefix { $0 != ")" }.split(separator: ",").map { $0.trimmingCharacters(in: .whitespaces) }
        }
        throw TestFailure("an unknown key was accepted: \(yaml)")
    }

    @Test func everyPlainKeyChangesTheHash() throws {
        let base = try #require(Self.load("version: 1\n"))
        var seen: Set<String> = [base.hash]
        #expect(ConfigKeys.all.count >= 17)
        // version: 1 is the only valid value; the dedup keys count only with dedup on (everyDedupKeyChangesTheHash)
        for key in ConfigKeys.all where key.path != "version" && key.section.split(separator: ".").first != "dedup" {
            var changed: LoadedConfig?
            for value in Self.candidates {
                let yaml = key.section.isEmpty ? "version: 1\n\(key.name): \(value)\n" : "version: 1\n\(key.section):\n  \(key.name): \(value)\n"
                if let loaded = Self.load(yaml), key.value(loaded.config) != key.value(base.config) { changed = loaded; break }
            }
            let loaded = try #require(changed, "no candidate value loads for \(key.path)")
            #expect(loaded.hash != base.hash, "\(key.path) does not change rules_version")
            #expect(seen.insert(loaded.hash).inserted, "\(key.path) gives the hash of another key's change")
        }
        // Every key of every plain section is declared (the loader's allowed list is the table's).
        for section in ConfigKeys.sections {
            let allowed = try Self.allowedKeys("version: 1\n\(section):\n  no_such_key: 1\n")
            #expect(Set(allowed) == Set(ConfigKeys.keys(in: section).map(\.name) + ConfigKeys.subsections(of: section)), "\(section)")
        }
    }

    /// The keys the loader allows in one place (`yaml(name, value)` puts a key there), each changed
    /// in turn: some candidate value must load and change the hash of `base`. Returns the keys tested.
    func eachKeyChangesTheHash(base: String, skip: Set<String>, _ yaml: (String, String) -> String) throws -> [String] {
        let original = try #require(Self.load(base), "\(base)")
        let allowed = try Self.allowedKeys(yaml("no_such_key", "1"))
        var tested: [String] = []
        for name in allowed where !skip.contains(name) {
            let hashes = Self.candidates.compactMap { Self.load(yaml(name, $0))?.hash }
            #expect(hashes.contains { $0 != original.hash }, "\(name) does not change rules_version (or no candidate value loads): \(yaml(name, "…"))")
            tested.append(name)
        }
        return tested
    }

    @Test func everyDedupKeyChangesTheHash() throws {
        let near = "version: 1\ndedup:\n  near: true\n"
        let dedup = try eachKeyChangesTheHash(base: near, skip: ["near", "normalize"]) { near + "  \($0): \($1)\n" }
        #expect(dedup.count >= 5, "\(dedup)")
        let normalize = try eachKeyChangesTheHash(base: near, skip: []) { near + "  normalize:\n    \($0): \($1)\n" }
        #expect(normalize.count == 4, "\(normalize)")
        #expect(Set(normalize) == Set(ConfigKeys.keys(in: "dedup.normalize").map(\.name)))
        #expect(Set(dedup + ["near", "normalize"]) == Set(ConfigKeys.keys(in: "dedup").map(\.name) + ["normalize"]))
        // The line the dedup index stores is the one hashed, from the declarations.
        #expect(DedupSettings().canonical == "dedup=false,false,n=5,b=14,r=8,seed=1,norm=true,true,true,true")
        let exact = "version: 1\ndedup:\n  exact: true\n"
        #expect(Self.load(exact)?.hash != Self.load(exact + "  near: true\n")?.hash)
        #expect(Self.load(exact)?.hash != Self.load("version: 1\n")?.hash)
    }

    @Test func everyRuleKeyChangesTheHash() throws {
        let line = "version: 1\nlines:\n  - name: rule\n    contains: [zz]\n"
        let lines = try eachKeyChangesTheHash(base: line, skip: ["name", "description", "contains"]) { line + "    \($0): \($1)\n" }
        #expect(lines.count >= 6, "\(lines)")
        #expect(Self.load(line)?.hash != Self.load(line.replacingOccurrences(of: "[zz]", with: "[yy]"))?.hash)
        let selector = "version: 1\nselectors:\n  - name: rule\n    selector: nav\n"
        _ = try eachKeyChangesTheHash(base: selector, skip: ["name", "description", "selector"]) { selector + "    \($0): \($1)\n" }
        #expect(Self.load(selector)?.hash != Self.load(selector.replacingOccurrences(of: "nav", with: "aside"))?.hash)
        // Names are part of the identity (they name the rule hits); descriptions are documentation.
        #expect(Self.load(line)?.hash != Self.load(line.replacingOccurrences(of: "name: rule", with: "name: other"))?.hash)
        #expect(Self.load(line)?.hash == Self.load(line + "    description: says what it is for\n")?.hash)
    }
}

/// The README's configuration table is the plain keys' declarations (`ConfigKeys`), row for row.
@Suite struct ConfigTableTests {
    @Test func theReadmeHoldsTheDeclaredRows() throws {
        let readme = String(decoding: try #require(FileManager.default.contents(atPath: Fixtures.packageRoot.appendingPathComponent("README.md").path)), as: UTF8.self)
        let rows = ConfigKeys.markdownRows()
        #expect(rows.split(separator: "\n").count == ConfigKeys.all.count)
        #expect(readme.contains("|---|---|---|\n" + rows), "README's configuration table differs from ConfigKeys; the rows should be:\n\(rows)")
    }
}
