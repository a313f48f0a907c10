import Foundation

/// `winnow filters eval`: each configured filter on its own over the same documents (JSON lines with
/// `text`, as `winnow run` writes them), so its decisions compare one to one with datatrove's classes
/// run the same way (Scripts/compare-datatrove-filters.sh). Times only the filter calls.
public struct FilterEvaluation: Sendable {
    public struct Document: Sendable {
        public var id: String
        public var text: [UInt8]
        public var language: String?
        public var languageConfidence: Double?
    }

    let specs: [FilterSpec]

    public init(config: LoadedConfig) { specs = config.config.filters }

    /// Records of a JSONL file: `id`, `text`, `metadata.language`, `metadata.language_confidence`.
    public static func read(jsonl path: String) throws -> [Document] {
        guard let data = FileManager.default.contents(atPath: path) else { throw CocoaError(.fileReadNoSuchFile) }
        var out: [Document] = []
        for line in data.split(separator: 0x0A) where !line.isEmpty {
            guard let object = try? JSONSerialization.jsonObject(with: Data(line)) as? [String: Any], let text = object["text"] as? String else { continue }
            let metadata = object["metadata"] as? [String: Any]
            out.append(Document(id: object["id"] as? String ?? String(out.count), text: Array(text.utf8),
                                language: metadata?["language"] as? String, languageConfidence: metadata?["language_confidence"] as? Double))
        }
        return out
    }

    /// One JSON line per document: each filter's decision ("keep" or its check) and measured values;
    /// and the CPU seconds the filters took (decisions only, as `winnow run` makes them).
    public func run(_ documents: [Document], words: Bool = false) -> (lines: [UInt8], cpuSeconds: Double) {
        let chains = specs.map { FilterChain([$0]) }
        var decisions = [[String]](repeating: [], count: documents.count)
        let start = CPUClock.process()
        for (i, document) in documents.enumerated() {
            // The words once per document, as in a chain (datatrove caches them per text too).
            var shared = FilterDocument(text: document.text, language: document.language, languageConfidence: document.languageConfidence)
            _ = shared.words()
            for chain in chains {
                var filtered = shared
                decisions[i].append(chain.run(&filtered)?.reason ?? "keep")
            }
        }
        let seconds = CPUClock.process() - start
        var json = JSONBuffer()
        for (i, document) in documents.enumerated() {
            json.beginObject()
            json.key("id"); json.string(document.id)
            json.key("decisions")
            json.beginObject()
            for (k, spec) in specs.enumerated() { json.key(spec.name); json.string(decisions[i][k]) }
            json.endObject()
            json.key("measured")
            json.beginObject()
            for chain in chains {
                var filtered = FilterDocument(text: document.text, language: document.language, languageConfidence: document.languageConfidence)
                for result in chain.measure(&filtered) {
                    for m in result.checks.measured {
                        json.key(result.filter + "." + m.check)
                        if m.value.isFinite { json.double(m.value, decimals: 6) } else { json.null() }
                    }
                }
            }
            json.endObject()
            if words {
                var filtered = FilterDocument(text: document.text)
                json.key("words"); json.stringArray(filtered.words().map { String(decoding: document.text[$0], as: UTF8.self) })
            }
            json.endObject()
            json.newline()
        }
        return (json.bytes, seconds)
    }
}
