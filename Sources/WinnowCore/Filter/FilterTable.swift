/// The README's filter table, from the filters' own declarations (`winnow filters list`).
public enum FilterTable {
    public static func markdown() -> String {
        var out = "| filter | key | default | meaning |\n| --- | --- | --- | --- |\n"
        for type in FilterRegistry.all {
            for (i, key) in type.keys.enumerated() {
                out += "| \(i == 0 ? "`\(type.name)`" : "") | `\(key.key)` | `\(key.defaultValue.canonical)` | \(key.help) |\n"
            }
        }
        out += "\n| filter | what it tests | reject reasons (`stage: filter`) |\n| --- | --- | --- |\n"
        for type in FilterRegistry.all {
            out += "| `\(type.name)` | \(type.summary) | " + type.checks.map { "`filter.\(type.reasonName).\($0)`" }.joined(separator: ", ") + " |\n"
        }
        return out
    }
}
