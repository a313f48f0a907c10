/// The config's identity: a SHA-256 over a canonical rendering of the *effective* settings, so comments,
/// key order and defaults spelled out or left implicit do not change it, and any rule change does.
enum ConfigHasher {
    static func hash(_ config: WinnowConfig) -> String {
        var lines: [String] = []
        // Every plain key (version, name, limits, html, text, extract, output), from its declaration.
        lines += ConfigKeys.hashLines(config)
        for rule in config.selectorRules { lines.append("selector=\(quoted(rule.name))\(quoted(rule.selector))") }
        for rule in config.lineRules {
            let exact = rule.exact.map(quoted).joined(separator: ",")
            let contains = rule.contains.map(quoted).joined(separator: ",")
            lines.append("line=\(quoted(rule.name))[\(exact)][\(contains)]\(quoted(rule.regex ?? ""))\(rule.caseInsensitive),\(rule.maxChars ?? 0),\(rule.dropFollowing),\(rule.dropRest)")
        }
        // Every setting of every filter, defaults included: a changed threshold is a rule change.
        for filter in config.filters {
            let settings = filter.settings.keys.sorted().map { "\($0)=\(filter.settings[$0]?.canonical ?? "")" }
            lines.append("filter=\(filter.name)[\(settings.joined(separator: ";"))]")
        }
        // The compiled-in models decide what is kept as much as the rules do: a retrained model is a
        // rule change (an incremental run reprocesses everything).
        lines.append("models=\(modelsDigest)")
        // Only when on: configs without dedup keep the rules_version they had.
        if config.dedup.enabled { lines.append(config.dedup.canonical) }
        return String(SHA256.hex(lines.joined(separator: "\n")).prefix(16))
    }

    static let modelsDigest = SHA256.hex(BlockModel.text + "\n" + PageTypeModel.text + "\n"
        + BlockModel.pageTypeThresholds.sorted { $0.key < $1.key }.map { "\($0.key) \($0.value)" }.joined(separator: "\n"))

    private static func quoted(_ s: String) -> String { "\"" + s.replacingOccurrences(of: "\\", with: "\\\\").replacingOccurrences(of: "\"", with: "\\\"") + "\"" }
}
