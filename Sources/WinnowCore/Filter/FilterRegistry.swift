/// Every quality filter Winnow has, by config name. Adding a filter: its file and one line here.
public enum FilterRegistry {
    public static let all: [any QualityFilter.Type] = [
        LanguageQualityFilter.self,
        GopherRepetitionFilter.self,
        GopherQualityFilter.self,
        C4QualityFilter.self,
        FineWebQualityFilter.self,
    ]

    public static func named(_ name: String) -> (any QualityFilter.Type)? { all.first { $0.name == name } }
}

/// The configured filters in order, built once per run and shared by the workers.
public struct FilterChain: Sendable {
    struct Entry: Sendable {
        let name: String
        let reasonName: String
        let filter: any QualityFilter
    }

    /// What one filter measured and whether it dropped the document.
    public struct Result: Sendable {
        public var filter: String
        public var checks: FilterChecks
    }

    let entries: [Entry]
    public var isEmpty: Bool { entries.isEmpty }

    public init(_ specs: [FilterSpec]) {
        entries = specs.compactMap { spec in
            FilterRegistry.named(spec.name).map { type in
                Entry(name: type.name, reasonName: type.reasonName, filter: type.init(FilterSettings(spec.settings)))
            }
        }
        // The tokenizer's tables are built here, with the rest of the config, rather than in the
        // first document's filter time (the word filters all use them).
        if entries.contains(where: { !($0.filter is LanguageQualityFilter) }) { _ = EnglishTokenizer.shared }
    }

    /// Runs the filters until one drops the document: (reason, detail) of the drop, or nil.
    public func run(_ document: inout FilterDocument) -> (reason: String, detail: String)? {
        for entry in entries {
            var checks = FilterChecks()
            entry.filter.apply(&document, &checks)
            if let failure = checks.failure {
                return ("filter.\(entry.reasonName).\(failure.check)", FilterChecks.detail(failure, filter: entry.name))
            }
        }
        return nil
    }

    /// Every filter's every measured value (`inspect`); filters after a drop still measure.
    public func measure(_ document: inout FilterDocument) -> [Result] {
        entries.map { entry in
            var checks = FilterChecks(all: true)
            entry.filter.apply(&document, &checks)
            return Result(filter: entry.name, checks: checks)
        }
    }
}
