/// datatrove's LanguageFilter, on the language the extract stage already detected with CLD2 (datatrove
/// uses fastText's lid.176): keep a document in one of `languages` (all when empty) whose detection is
/// more confident than `min_confidence`.
public struct LanguageQualityFilter: QualityFilter {
    public static let name = "language"
    public static let summary = "the detected language (CLD2) is one of `languages` and its confidence is above `min_confidence`"
    public static let keys = [
        FilterKey("languages", .words([]), "languages to keep (primary subtags: en, de, zh…); `all` or [] keeps every language"),
        FilterKey("min_confidence", .number(0.65), "drop when the detector's confidence is at most this (datatrove's language_threshold)"),
    ]
    public static let checks = ["not_allowed", "low_confidence"]

    let languages: Set<String>
    let minConfidence: Double

    public init(_ settings: FilterSettings) {
        languages = Set(settings.words("languages").map { $0.lowercased() })
        minConfidence = settings.number("min_confidence")
    }

    public func apply(_ document: inout FilterDocument, _ checks: inout FilterChecks) {
        let code = document.language ?? "un"
        let primary = code.split(separator: "-").first.map { $0.lowercased() } ?? code
        if !languages.isEmpty {
            let allowed = languages.contains(primary) || languages.contains(code.lowercased())
            if checks.check("not_allowed", allowed ? 0 : 1, drop: .present, 0,
                            note: allowed ? nil : "language \(code) not in [\(languages.sorted().joined(separator: ", "))]") { return }
        }
        checks.check("low_confidence", document.languageConfidence ?? 0, drop: .atMost, minConfidence)
    }
}
