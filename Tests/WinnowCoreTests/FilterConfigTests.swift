import Foundation
import Testing
@testable import WinnowCore

/// The `filters:` section: parsing, defaults, errors, the preset, and the config hash.
@Suite struct FilterConfigTests {
    static func load(_ yaml: String) throws -> LoadedConfig { try ConfigLoader.load(yaml: yaml, file: "test.yml") }

    @Test func defaultConfigHasNoFilters() throws {
        #expect(try ConfigLoader.loadDefault().config.filters.isEmpty)
    }

    @Test func omittedKeysTakeDatatrovesDefaults() throws {
        let loaded = try Self.load("version: 1\nfilters:\n  - name: c4\n    filter_no_terminal_punct: false\n  - name: gopher_repetition\n")
        #expect(loaded.config.filters.map(\.name) == ["c4", "gopher_repetition"])
        let c4 = loaded.config.filters[0].settings
        #expect(c4["filter_no_terminal_punct"] == .flag(false))
        #expect(c4["min_num_sentences"] == .number(5))
        #expect(loaded.config.filters[1].settings["top_n_grams"] == .ngrams([.init(2, 0.2), .init(3, 0.18), .init(4, 0.16)]))
    }

    @Test func ngramsAndLanguagesParse() throws {
        let loaded = try Self.load("""
            version: 1
            filters:
              - name: gopher_repetition
                dup_n_grams: {7: 0.5, 5: 0.25}
              - name: language
                languages: all
            """)
        #expect(loaded.config.filters[0].settings["dup_n_grams"] == .ngrams([.init(5, 0.25), .init(7, 0.5)]))
        #expect(loaded.config.filters[1].settings["languages"] == .words([]))
    }

    @Test(arguments: [
        ("version: 1\nfilters:\n  - name: nope\n", "unknown filter 'nope'"),
        ("version: 1\nfilters:\n  - name: c4\n    min_sentences: 3\n", "unknown key"),
        ("version: 1\nfilters:\n  - name: c4\n  - name: c4\n", "listed twice"),
        ("version: 1\nfilters:\n  - name: c4\n    filter_policy: maybe\n", "true or false"),
        ("version: 1\nfilters:\n  - name: gopher_quality\n    min_doc_words: many\n", "must be a number"),
        ("version: 1\nfilters:\n  - name: gopher_repetition\n    top_n_grams: {two: 0.2}\n", "n-gram sizes"),
        ("version: 1\nfilters:\n  - min_doc_words: 3\n", "needs a 'name'"),
    ])
    func invalidFilterConfigIsAnError(_ yaml: String, _ message: String) {
        do {
            _ = try Self.load(yaml)
            Issue.record("expected an error for \(yaml)")
        } catch let error as ConfigError {
            #expect(error.description.contains(message), "\(error.description)")
        } catch {
            Issue.record("unexpected \(error)")
        }
    }

    /// `--incremental` reprocesses when rules_version changes: every key of every filter is in it.
    @Test func everyFilterKeyChangesTheHash() throws {
        var config = WinnowConfig()
        config.filters = FilterRegistry.all.map { type in
            FilterSpec(name: type.name, settings: Dictionary(uniqueKeysWithValues: type.keys.map { ($0.key, $0.defaultValue) }))
        }
        let base = ConfigHasher.hash(config)
        #expect(base != ConfigHasher.hash(WinnowConfig()))
        var seen: Set<String> = [base]
        for (f, type) in FilterRegistry.all.enumerated() {
            for key in type.keys {
                var changed = config
                let value: FilterValue
                switch key.defaultValue {
                case .number(let x): value = .number(x + 1)
                case .flag(let b): value = .flag(!b)
                case .words(let w): value = .words(w + ["xx"])
                case .ngrams(let n): value = .ngrams(n + [.init(11, 0.5)])
                }
                changed.filters[f].settings[key.key] = value
                let hash = ConfigHasher.hash(changed)
                #expect(seen.insert(hash).inserted, "\(type.name).\(key.key) does not change rules_version")
            }
        }
        var reordered = config
        reordered.filters.swapAt(0, 1)
        #expect(ConfigHasher.hash(reordered) != base, "filter order is part of the hash")
    }

    @Test func fineWebPresetIsTheDefaultRulesPlusFineWebsChain() throws {
        let preset = try ConfigLoader.load(path: Fixtures.packageRoot.appendingPathComponent("Config/fineweb.yml").path)
        let defaults = try ConfigLoader.loadDefault()
        #expect(preset.config.filters.map(\.name) == ["language", "gopher_repetition", "gopher_quality", "c4", "fineweb_quality"])
        #expect(preset.config.filters[0].settings["languages"] == .words(["en"]))
        #expect(preset.config.filters[3].settings["filter_no_terminal_punct"] == .flag(false))
        #expect(preset.config.selectorRules == defaults.config.selectorRules)
        #expect(preset.config.lineRules == defaults.config.lineRules)
    }

    @Test func readmeTableListsEveryKeyAndReason() throws {
        let readme = String(decoding: try #require(FileManager.default.contents(atPath: Fixtures.packageRoot.appendingPathComponent("README.md").path)), as: UTF8.self)
        #expect(readme.contains(FilterTable.markdown()), "README's filter table differs from `winnow filters list`")
    }
}
