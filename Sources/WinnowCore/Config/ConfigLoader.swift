import Foundation
import Yams

/// Reads a YAML config into a validated `WinnowConfig`. Every key is checked: unknown keys, wrong
/// types, invalid regexes and selectors are `ConfigError`s that name the file, the key and the rule.
public enum ConfigLoader {
    /// The config used when none is given: the text of `Config/winnow.yml`, compiled in so a cron job
    /// gets the same rules whatever its working directory.
    public static func loadDefault() throws -> LoadedConfig {
        try load(yaml: DefaultConfig.yaml, file: "<built-in Config/winnow.yml>")
    }

    public static func load(path: String) throws -> LoadedConfig {
        guard let data = FileManager.default.contents(atPath: path) else {
            throw ConfigError(file: path, key: "", problem: "cannot read the file")
        }
        guard let text = String(data: data, encoding: .utf8) else {
            throw ConfigError(file: path, key: "", problem: "the file is not valid UTF-8")
        }
        return try load(yaml: text, file: path)
    }

    public static func load(yaml: String, file: String) throws -> LoadedConfig {
        let root: Node?
        do {
            root = try Yams.compose(yaml: yaml)
        } catch {
            throw ConfigError(file: file, key: "", problem: "not valid YAML: \(error)")
        }
        var config = WinnowConfig()
        let reader = NodeReader(file: file)
        // An empty file is a mistake (a truncated copy, the wrong path), not "no rules".
        guard let root else {
            throw ConfigError(file: file, key: "", problem: "the config is empty (or only comments); it needs at least 'version: 1' (without --config the built-in rules are used)")
        }
        if let alias = YAMLAliases.firstAlias(in: root) {
            throw reader.error("", "YAML aliases (*name) are not allowed in a config; write the value out", alias)
        }
        let top = try reader.mapping(root, at: "")
        try reader.checkKeys(top, allowed: ConfigKeys.keys(in: "").map(\.name) + ConfigKeys.sections + ["selectors", "lines", "filters"], at: "")
        guard top["version"] != nil else {
            throw reader.error("version", "missing; a config says which schema it is written for: 'version: 1'", root)
        }
        // The plain keys, each read and validated by its one declaration (ConfigKeys), which also hashes it.
        for key in ConfigKeys.keys(in: "") {
            if let node = top[key.name] { try key.read(reader, node, &config) }
        }
        for section in ConfigKeys.sections {
            if let node = top[section] { try readSection(section, node, reader, &config) }
        }
        if let node = top["selectors"] { config.selectorRules = try readSelectorRules(node, reader) }
        if let node = top["lines"] { config.lineRules = try readLineRules(node, reader) }
        if let node = top["filters"] { config.filters = try FilterConfigReader.read(node, reader) }
        let compiled: CompiledRules
        do {
            try checkUniqueNames(config, file: file)
            compiled = try CompiledRules(config: config, file: file)
        } catch let error as ConfigError where error.line == nil {
            throw ConfigError(file: error.file, key: error.key, problem: error.problem, line: ConfigKeyLine.line(of: error.key, in: root))
        }
        var loaded = LoadedConfig(config: config, rules: compiled, hash: ConfigHasher.hash(config), source: file)
        for (index, rule) in config.lineRules.enumerated() {
            guard let regex = rule.regex, NestedQuantifier.suspect(regex) else { continue }
            loaded.warnings.append("\(file): lines[\(index)].regex: rule '\(rule.name)': a repeated group with a repeat inside ('\(regex)') can take exponential time on a line that almost matches; limits.max_document_seconds stops it (budget.time)")
        }
        return loaded
    }

    /// One mapping of plain keys (and the mappings nested in it), each key read by its declaration.
    private static func readSection(_ section: String, _ node: Node, _ reader: NodeReader, _ config: inout WinnowConfig) throws {
        let map = try reader.mapping(node, at: section)
        let keys = ConfigKeys.keys(in: section)
        let nested = ConfigKeys.subsections(of: section)
        try reader.checkKeys(map, allowed: keys.map(\.name) + nested, at: section)
        for key in keys {
            if let value = map[key.name] { try key.read(reader, value, &config) }
        }
        for name in nested {
            if let value = map[name] { try readSection(section + "." + name, value, reader, &config) }
        }
    }

    private static func readSelectorRules(_ node: Node, _ reader: NodeReader) throws -> [SelectorRuleSpec] {
        guard case .sequence(let items) = node else { throw reader.error("selectors", "must be a list of rules", node) }
        return try items.enumerated().map { index, item in
            let at = "selectors[\(index)]"
            let map = try reader.mapping(item, at: at)
            let name = try reader.ruleName(map, at: at, item)
            try reader.checkKeys(map, allowed: ["name", "description", "selector"], at: at, rule: name)
            return SelectorRuleSpec(
                name: name,
                description: try map["description"].map { try reader.string($0, at: "\(at).description") } ?? "",
                selector: try reader.required(map, "selector", at: at, rule: name, item) { try reader.string($0, at: "\(at).selector") }
            )
        }
    }

    private static func readLineRules(_ node: Node, _ reader: NodeReader) throws -> [LineRuleSpec] {
        guard case .sequence(let items) = node else { throw reader.error("lines", "must be a list of rules", node) }
        return try items.enumerated().map { index, item in
            let at = "lines[\(index)]"
            let map = try reader.mapping(item, at: at)
            let name = try reader.ruleName(map, at: at, item)
            try reader.checkKeys(map, allowed: ["name", "description", "exact", "contains", "regex", "case_insensitive", "max_chars", "drop_following", "drop_rest"],
                                 at: at, rule: name)
            let exact = try map["exact"].map { try reader.stringList($0, at: "\(at).exact") } ?? []
            let contains = try map["contains"].map { try reader.stringList($0, at: "\(at).contains") } ?? []
            let regex = try map["regex"].map { try reader.string($0, at: "\(at).regex") }
            if exact.isEmpty && contains.isEmpty && regex == nil {
                throw reader.error("\(at)", "rule '\(name)' needs 'exact', 'contains' or 'regex'", item)
            }
            if let empty = contains.firstIndex(where: { $0.trimmingCharacters(in: .whitespaces).isEmpty }) {
                throw reader.error("\(at).contains[\(empty)]", "rule '\(name)': an empty phrase would match every line", item)
            }
            return LineRuleSpec(
                name: name,
                description: try map["description"].map { try reader.string($0, at: "\(at).description") } ?? "",
                exact: exact,
                contains: contains,
                regex: regex,
                caseInsensitive: try map["case_insensitive"].map { try reader.bool($0, at: "\(at).case_insensitive") } ?? false,
                maxChars: try map["max_chars"].map { try reader.positiveInt($0, at: "\(at).max_chars") },
                dropFollowing: try map["drop_following"].map { try reader.nonNegativeInt($0, at: "\(at).drop_following") } ?? 0,
                dropRest: try map["drop_rest"].map { try reader.bool($0, at: "\(at).drop_rest") } ?? false
            )
        }
    }

    private static func checkUniqueNames(_ config: WinnowConfig, file: String) throws {
        var seen = Set<String>()
        for (i, rule) in config.selectorRules.enumerated() where !seen.insert("selector." + rule.name).inserted {
            throw ConfigError(file: file, key: "selectors[\(i)].name", problem: "rule name '\(rule.name)' is used twice")
        }
        for (i, rule) in config.lineRules.enumerated() where !seen.insert("line." + rule.name).inserted {
            throw ConfigError(file: file, key: "lines[\(i)].name", problem: "rule name '\(rule.name)' is used twice")
        }
    }
}

/// A validated config with its rules compiled and its hash computed once per run.
public struct LoadedConfig: Sendable {
    public let config: WinnowConfig
    public let rules: CompiledRules
    /// Hex digest of the canonical config: `metadata.rules_version`.
    public let hash: String
    /// Where the config came from, for the report.
    public let source: String
    /// Things that load but may hurt (a line regex with nested repeats), for the operator.
    public var warnings: [String] = []

    /// The same rules with another `output:` section (the command-line flags), hashed anew.
    public func with(output: OutputSettings) -> LoadedConfig {
        var changed = config
        changed.output = output
        return LoadedConfig(config: changed, rules: rules, hash: ConfigHasher.hash(changed), source: source)
    }
}

/// Typed access to YAML nodes that turns every mismatch into a `ConfigError` with a key path.
struct NodeReader {
    let file: String

    func error(_ key: String, _ problem: String, _ node: Node?) -> ConfigError {
        ConfigError(file: file, key: key, problem: problem, line: node?.mark.map { $0.line })
    }

    /// A YAML mapping's values by key, and the key nodes themselves (for error lines).
    struct Mapping {
        var values: [String: Node] = [:]
        var keys: [String: Node] = [:]
        subscript(_ name: String) -> Node? { values[name] }
    }

    func mapping(_ node: Node, at key: String) throws -> Mapping {
        guard case .mapping(let mapping) = node else {
            throw error(key.isEmpty ? "(top level)" : key, "must be a mapping of keys to values", node)
        }
        var result = Mapping()
        for (k, v) in mapping {
            guard let name = k.scalar?.string else { throw error(key, "keys must be plain strings", k) }
            // YAML takes the last of two equal keys silently; one of them is a mistake.
            if result.keys[name] != nil {
                throw error(key.isEmpty ? name : "\(key).\(name)", "duplicate key (also at line \(result.keys[name]?.mark?.line ?? 0))", k)
            }
            result.values[name] = v
            result.keys[name] = k
        }
        return result
    }

    /// Unknown keys are errors at the key's own line; inside a rule the message names the rule.
    func checkKeys(_ map: Mapping, allowed: [String], at key: String, rule: String? = nil) throws {
        for name in map.values.keys.sorted() where !allowed.contains(name) {
            let path = key.isEmpty ? name : "\(key).\(name)"
            let owner = rule.map { "rule '\($0)': " } ?? ""
            throw error(path, "\(owner)unknown key (allowed here: \(allowed.joined(separator: ", ")))", map.keys[name])
        }
    }

    func string(_ node: Node, at key: String) throws -> String {
        guard case .scalar(let scalar) = node else { throw error(key, "must be a string", node) }
        return scalar.string
    }

    func stringList(_ node: Node, at key: String) throws -> [String] {
        guard case .sequence(let items) = node else { throw error(key, "must be a list of strings", node) }
        return try items.enumerated().map { try string($1, at: "\(key)[\($0)]") }
    }

    func int(_ node: Node, at key: String) throws -> Int {
        guard case .scalar(let scalar) = node, let value = Int(scalar.string.replacingOccurrences(of: "_", with: "")) else {
            throw error(key, "must be an integer", node)
        }
        return value
    }

    func positiveInt(_ node: Node, at key: String) throws -> Int {
        let value = try int(node, at: key)
        guard value > 0 else { throw error(key, "must be greater than 0", node) }
        return value
    }

    func nonNegativeInt(_ node: Node, at key: String) throws -> Int {
        let value = try int(node, at: key)
        guard value >= 0 else { throw error(key, "must not be negative", node) }
        return value
    }

    func double(_ node: Node, at key: String) throws -> Double {
        guard case .scalar(let scalar) = node, let value = Double(scalar.string) else {
            throw error(key, "must be a number", node)
        }
        return value
    }

    func bool(_ node: Node, at key: String) throws -> Bool {
        guard case .scalar(let scalar) = node else { throw error(key, "must be true or false", node) }
        switch scalar.string.lowercased() {
        case "true", "yes", "on": return true
        case "false", "no", "off": return false
        default: throw error(key, "must be true or false", node)
        }
    }

    func ruleName(_ map: Mapping, at key: String, _ node: Node) throws -> String {
        guard let nameNode = map["name"] else { throw error(key, "every rule needs a 'name'", node) }
        let name = try string(nameNode, at: "\(key).name")
        guard !name.isEmpty, name.utf8.allSatisfy({ CSSSelectorParser.isNameByte($0) || $0 == UInt8(ascii: ".") }) else {
            throw error("\(key).name", "'\(name)' is not a valid rule name (letters, digits, '-', '_', '.')", nameNode)
        }
        return name
    }

    func required<T>(_ map: Mapping, _ name: String, at key: String, rule: String, _ node: Node, _ read: (Node) throws -> T) throws -> T {
        guard let value = map[name] else { throw error(key, "rule '\(rule)' needs '\(name)'", node) }
        return try read(value)
    }
}
