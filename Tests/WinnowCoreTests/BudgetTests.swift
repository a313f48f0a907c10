import Foundation
import Testing
@testable import WinnowCore

@Suite struct BudgetTests {
    @Test func parserStopsAtTheDeadline() throws {
        _ = LibXML.ready
        let html = "<html><body>" + String(repeating: "<p>x</p>", count: 5_000) + "</body></html>"
        let parser = HTMLParser(attributeNames: AttributeNames(), maxDepth: 100, maxNodes: 1_000_000)
        guard case .failure(let failure) = parser.parse(Array(html.utf8), deadline: 0) else { Issue.record("parsed past the deadline"); return }
        #expect(failure == .overTime)
        #expect((try? parser.parse(Array(html.utf8), deadline: .infinity).get()) != nil)
    }

    @Test func cleanerStopsAtTheDeadline() throws {
        var tree = try HTMLTestSupport.parse("<body>" + String(repeating: "<div class=a><span>t</span></div>", count: 5_000) + "</body>")
        let rule = try #require(try ConfigLoader.load(yaml: "version: 1\nselectors:\n  - name: spans\n    selector: span\n", file: "t.yml").rules.selectorRules.first)
        let hits = TreeCleaner(rules: [SelectorRule(rule)]).clean(&tree, deadline: 0)
        #expect((hits["rule.selector.spans"] ?? 0) < 5_000)
    }

    @Test func aDocumentOverItsBudgetIsRejectedWithTheReason() throws {
        _ = LibXML.ready
        let dir = try TempDir("budget")
        defer { dir.remove() }
        let page = try dir.write("page.html", "<html><body><article><p>" + String(repeating: "Words in a paragraph, ", count: 200) + "</p></article></body></html>")
        let config = try ConfigLoader.load(yaml: "version: 1\nlimits:\n  max_document_seconds: 0.000000001\n", file: "t.yml")
        let pipeline = Pipeline(config: config, added: "2026-01-01T00:00:00Z")
        let size = (try FileManager.default.attributesOfItem(atPath: page)[.size] as? Int) ?? 0
        let result = pipeline.process(InputItem(path: page, source: "page.html", kind: .html, gzipped: false, size: size), sequence: 0)
        guard case .reject(_, let reason, let detail) = result.outcome else { Issue.record("not rejected"); return }
        #expect(reason == "budget.time")
        #expect(detail.contains("limits.max_document_seconds"))
    }

    @Test func documentSizeLimitIsCappedBelowTheTreesOffsets() {
        #expect(throws: ConfigError.self) { try ConfigLoader.load(yaml: "version: 1\nlimits:\n  max_document_bytes: 3000000000\n", file: "t.yml") }
        #expect((try? ConfigLoader.load(yaml: "version: 1\nlimits:\n  max_document_bytes: 104857600\n", file: "t.yml")) != nil)
    }
}

/// Issue 14 item 8: a catastrophic line regex is stopped at the document's budget, inside the match.
@Suite struct RegexBudgetTests {
    @Test func aCatastrophicLineRegexStopsAtTheBudget() throws {
        // `(a+)+` against 26 a's and a '!': about 2 CPU seconds of backtracking in ICU before it fails.
        let yaml = "version: 1\nname: slow\nlines:\n  - name: slow\n    regex: '(a+)+'\n"
        let loaded = try ConfigLoader.load(yaml: yaml, file: "slow.yml")
        #expect(loaded.warnings.count == 1)
        #expect(loaded.warnings.first?.contains("lines[0].regex") == true)
        let line = Array((String(repeating: "a", count: 26) + "!").utf8)
        let started = CPUClock.thread()
        #expect(loaded.rules.lineRules.firstMatch(line, deadline: started + 0.05) == nil)
        let spent = CPUClock.thread() - started
        #expect(spent < 0.4, "the regex ran \(spent) CPU seconds past a 0.05 s deadline")
        // Without a deadline it runs to the end (and a plain line still matches with one).
        #expect(loaded.rules.lineRules.firstMatch(Array("aaaa".utf8), deadline: CPUClock.thread() + 1) == 0)
    }

    @Test func nestedQuantifiersAreSuspected() throws {
        for pattern in ["(\\w+\\s?)+:", "(a*)*", "((ab)+c)+", "(x+){2,}"] { #expect(NestedQuantifier.suspect(pattern), "\(pattern)") }
        // The default rules and bounded repeats are fine.
        for pattern in ["(\\d+\\.\\s+)?\\S+(\\s+\\S+){0,2}\\s+says:", "(article\\s+)?(ad|ads)(\\s+(box|slot))?", "([a+]b)+", "(\\d{2}-)+", "\\(a+\\)+"] {
            #expect(!NestedQuantifier.suspect(pattern), "\(pattern)")
        }
        #expect(try ConfigLoader.loadDefault().warnings.isEmpty)
    }
}
