import Foundation
import Testing
@testable import WinnowCore

@Suite struct ConfigLoaderTests {
    /// `yaml` with `version: 1` added at the end when it has no top-level `version` (a config needs
    /// one; these tests are about the other keys, and adding it last keeps their line numbers).
    private func load(_ yaml: String, file: String = "test.yml") throws -> LoadedConfig {
        let needsVersion = !yaml.hasPrefix("- ") && !yaml.split(separator: "\n").contains { $0.hasPrefix("version:") }
        let versioned = needsVersion ? yaml + "\nversion: 1\n" : yaml
        return try ConfigLoader.load(yaml: versioned, file: file)
    }

    /// The ConfigError thrown for `yaml`, or a recorded issue.
    private func configError(_ yaml: String, file: String = "test.yml") -> ConfigError? {
        do {
            _ = try load(yaml, file: file)
            Issue.record("expected a ConfigError for:\n\(yaml)")
        } catch let error as ConfigError {
            return error
        } catch {
            Issue.record("expected a ConfigError, got \(error)")
        }
        return nil
    }

    @Test func defaultConfigLoads() throws {
        let loaded = try ConfigLoader.loadDefault()
        #expect(loaded.config.schemaVersion == 1)
        #expect(loaded.config.selectorRules.map(\.name).contains("navigation"))
        #expect(loaded.config.lineRules.map(\.name).contains("image-caption"))
        #expect(loaded.rules.selectorRules.count == loaded.config.selectorRules.count)
        #expect(loaded.rules.lineRules.rules.count == loaded.config.lineRules.count)
        #expect(loaded.hash.count == 16)
        #expect(loaded.hash.allSatisfy { $0.isHexDigit })
        #expect(loaded.rules.dropTags.contains(.script))
    }

    /// Issue 14 item 13: an empty or comment-only file, a missing version and duplicate keys are errors.
    @Test func emptyFileMissingVersionAndDuplicateKeysAreErrors() throws {
        for empty in ["", "# nothing but a comment\n", "\n\n"] {
            #expect(throws: ConfigError.self) { try ConfigLoader.load(yaml: empty, file: "t.yml") }
        }
        do {
            _ = try ConfigLoader.load(yaml: "name: x\nlimits:\n  max_depth: 5\n", file: "t.yml")
            Issue.record("a config without version was accepted")
        } catch let error as ConfigError {
            #expect(error.key == "version")
            #expect(error.problem.contains("missing"))
        }
        let duplicate = try #require(configError("limits:\n  max_depth: 5\n  max_depth: 6\n"))
        #expect(duplicate.key == "limits.max_depth")
        #expect(duplicate.line == 3)
        #expect(duplicate.problem.contains("duplicate key (also at line 2)"))
        let top = try #require(configError("version: 1\nname: a\nname: b\n"))
        #expect(top.key == "name")
    }

    /// Issue 14 item 15: errors found when compiling the rules name the line too.
    @Test func regexSelectorAndNameErrorsHaveTheirLine() throws {
        let regex = try #require(configError("version: 1\nlines:\n  - name: a\n    exact: [x]\n  - name: b\n    regex: '(unclosed'\n"))
        #expect(regex.key == "lines[1].regex")
        #expect(regex.line == 6)
        #expect(regex.description.hasPrefix("test.yml:6: lines[1].regex"))
        let selector = try #require(configError("version: 1\nselectors:\n  - name: a\n    selector: 'div['\n"))
        #expect(selector.line == 4)
        let twice = try #require(configError("version: 1\nselectors:\n  - name: a\n    selector: nav\n  - name: a\n    selector: aside\n"))
        #expect(twice.key == "selectors[1].name")
        #expect(twice.line == 5)
    }

    /// Issue 14 item 7: aliases are refused before anything expands them.
    @Test func yamlAliasesAreConfigErrors() throws {
        let aliased = try #require(configError("html:\n  drop_tags: [&t script, *t]\n"))
        #expect(aliased.problem.contains("aliases"))
        #expect(aliased.line == 2)
        // The bomb from the issue: a 100 KB anchored scalar and 20,000 aliases to it.
        var bomb = "version: 1\nname: &n '" + String(repeating: "x", count: 100_000) + "'\nhtml:\n  drop_tags:\n"
        for _ in 0..<20_000 { bomb += "    - *n\n" }
        let started = Date()
        #expect(throws: ConfigError.self) { try ConfigLoader.load(yaml: bomb, file: "bomb.yml") }
        #expect(Date().timeIntervalSince(started) < 10)
        // An anchor nobody refers to expands nothing and stays allowed.
        #expect(try load("name: &n plain\n").config.name == "plain")
    }

    @Test func fileOnDisk() throws {
        let loaded = try ConfigLoader.load(path: Fixtures.path("config/small-limits.yml"))
        #expect(loaded.config.limits.maxDocumentBytes == 4096)
        #expect(loaded.config.name == "small-limits")
        #expect(loaded.source == Fixtures.path("config/small-limits.yml"))
        #expect(throws: ConfigError.self) { try ConfigLoader.load(path: "/nonexistent/winnow.yml") }
    }

    @Test func unknownTopLevelKey() throws {
        let path = Fixtures.path("config/unknown-key.yml")
        do {
            _ = try ConfigLoader.load(path: path)
            Issue.record("unknown key accepted")
        } catch let error as ConfigError {
            #expect(error.key == "selector")
            #expect(error.description.contains(path))
            #expect(error.description.contains("selector: unknown key"))
        }
    }

    @Test
    func unknownKeyLineIsTheKeysLine() throws {
        do {
            _ = try ConfigLoader.load(path: Fixtures.path("config/unknown-key.yml"))
            Issue.record("unknown key accepted")
        } catch let error as ConfigError {
            // `selector:` is on line 4; its list value starts on line 5.
            #expect(error.line == 4)
            #expect(error.description.contains("unknown-key.yml:4:"))
        }
    }

    @Test func unknownKeyInsideARuleNamesKeyPath() throws {
        let error = try #require(configError("""
            selectors:
              - name: sidebars
                selector: aside
                colour: red
            """))
        #expect(error.description.contains("test.yml"))
        #expect(error.description.contains("selectors[0].colour"))
        do {
            _ = try ConfigLoader.load(path: Fixtures.path("config/unknown-rule-key.yml"))
            Issue.record("unknown rule key accepted")
        } catch let error as ConfigError {
            #expect(error.key == "selectors[1].selektor")
            #expect(error.description.contains("unknown-rule-key.yml"))
        }
    }

    @Test
    func unknownKeyInsideARuleNamesTheRule() throws {
        let error = try #require(configError("""
            lines:
              - name: first
                exact: [a]
              - name: photo-credits
                regex: 'Photo: .*'
                max_char: 40
            """))
        #expect(error.description.contains("lines[1].max_char"))
        #expect(error.description.contains("photo-credits"))
    }

    @Test func unknownKeyInsideSections() throws {
        let error = try #require(configError("limits:\n  max_dept: 5\n"))
        #expect(error.key == "limits.max_dept")
        #expect(error.description.contains("max_depth"))  // the allowed keys are listed
    }

    @Test func invalidRegexNamesTheRule() throws {
        let error = try #require(configError("""
            lines:
              - name: broken-regex
                regex: '(unclosed'
            """))
        #expect(error.key == "lines[0].regex")
        #expect(error.description.contains("broken-regex"))
        #expect(error.description.contains("(unclosed"))
    }

    @Test func invalidSelectorNamesTheRule() throws {
        let error = try #require(configError("""
            selectors:
              - name: ok
                selector: nav
              - name: broken-selector
                selector: 'div >'
            """))
        #expect(error.key == "selectors[1].selector")
        #expect(error.description.contains("broken-selector"))
        #expect(error.description.contains("div >"))
    }

    @Test func duplicateRuleNames() throws {
        let error = try #require(configError("""
            selectors:
              - name: same
                selector: nav
              - name: same
                selector: footer
            """))
        #expect(error.key == "selectors[1].name")
        #expect(error.description.contains("'same' is used twice"))
        let lines = try #require(configError("""
            lines:
              - name: twice
                exact: [a]
              - name: twice
                exact: [b]
            """))
        #expect(lines.key == "lines[1].name")
        // A selector rule and a line rule may share a name.
        _ = try load("selectors:\n  - name: ads\n    selector: .ad\nlines:\n  - name: ads\n    exact: [Advertisement]\n")
    }

    @Test(arguments: [
        ("limits:\n  max_depth: deep\n", "limits.max_depth", "integer"),
        ("limits:\n  max_nodes: 0\n", "limits.max_nodes", "greater than 0"),
        ("html:\n  drop_hidden: maybe\n", "html.drop_hidden", "true or false"),
        ("html:\n  drop_tags: script\n", "html.drop_tags", "list"),
        ("html:\n  drop_tags: ['no space']\n", "html.drop_tags[0]", "not a tag name"),
        ("html:\n  max_removal_share: 1.5\n", "html.max_removal_share", "at most 1"),
        ("extract:\n  max_link_density: lots\n", "extract.max_link_density", "number"),
        ("selectors:\n  name: x\n", "selectors", "list"),
        ("selectors:\n  - selector: nav\n", "selectors[0]", "name"),
        ("selectors:\n  - name: x\n", "selectors[0]", "needs 'selector'"),
        ("selectors:\n  - name: 'bad name'\n    selector: nav\n", "selectors[0].name", "not a valid rule name"),
        ("lines:\n  - name: x\n    case_insensitive: true\n", "lines[0]", "needs 'exact', 'contains' or 'regex'"),
        ("lines:\n  - name: x\n    exact: [a]\n    drop_following: -1\n", "lines[0].drop_following", "negative"),
        ("lines:\n  - name: x\n    exact: [a]\n    drop_rest: sometimes\n", "lines[0].drop_rest", "true or false"),
        ("name: [a, b]\n", "name", "string"),
        ("version: 2\n", "version", "unsupported schema version"),
        ("- just\n- a list\n", "(top level)", "mapping"),
    ])
    func wrongTypes(yaml: String, key: String, problem: String) throws {
        let error = try #require(configError(yaml))
        #expect(error.key == key, "\(yaml)")
        #expect(error.description.contains(problem), "\(error.description)")
        #expect(error.description.hasPrefix("test.yml"))
    }

    @Test func invalidYAML() throws {
        let error = try #require(configError("selectors: [unclosed\n"))
        #expect(error.description.contains("not valid YAML"))
    }

    private let base = """
        version: 1
        name: hash-test
        limits:
          max_depth: 500
          max_nodes: 1000
        selectors:
          - name: navigation
            selector: nav
          - name: footer
            selector: footer
        lines:
          - name: ads
            regex: 'advert(isement)?'
            case_insensitive: true
        """

    @Test func hashIgnoresCommentsKeyOrderAndDescriptions() throws {
        let reordered = """
            # Same rules, different layout.
            name: hash-test     # trailing comment
            lines:
              - case_insensitive: true
                regex: 'advert(isement)?'
                name: ads
                description: 'descriptions are documentation'
            limits:
              max_nodes: 1000
              max_depth: 500
            selectors:
              - selector: nav
                name: navigation
              - name: footer
                selector: footer
            version: 1
            """
        #expect(try load(base).hash == load(reordered).hash)
        // Spelling out a default changes nothing either.
        #expect(try load(base).hash == load(base + "\nhtml:\n  drop_hidden: true\n").hash)
    }

    @Test func hashChangesWhenARuleChanges() throws {
        let original = try load(base).hash
        let variants = [
            base.replacingOccurrences(of: "selector: nav", with: "selector: 'nav, header'"),
            base.replacingOccurrences(of: "advert(isement)?", with: "advert"),
            base.replacingOccurrences(of: "case_insensitive: true", with: "case_insensitive: false"),
            base.replacingOccurrences(of: "max_depth: 500", with: "max_depth: 501"),
            base.replacingOccurrences(of: "name: footer", with: "name: page-footer"),
            base + "\n  - name: extra\n    exact: [Read more]\n",
            base + "\n    drop_rest: true\n",
        ]
        var seen: Set<String> = [original]
        for variant in variants {
            let hash = try load(variant).hash
            #expect(hash != original, "\(variant)")
            seen.insert(hash)
        }
        #expect(seen.count == variants.count + 1)
        // Rule order is part of the identity: the first matching rule wins.
        let swapped = base.replacingOccurrences(of: "name: navigation\n    selector: nav\n  - name: footer\n    selector: footer",
                                                with: "name: footer\n    selector: footer\n  - name: navigation\n    selector: nav")
        #expect(swapped != base)
        #expect(try load(swapped).hash != original)
    }

    @Test func selectorAttributesAreKeptByTheParser() throws {
        let loaded = try load("selectors:\n  - name: ad-slots\n    selector: '[data-ad-slot]'\n")
        #expect(loaded.rules.attributeNames.id(of: "data-ad-slot") != nil)
        #expect(loaded.rules.selectorRules.map(\.name) == ["rule.selector.ad-slots"])
    }
}
