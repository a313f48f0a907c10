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
