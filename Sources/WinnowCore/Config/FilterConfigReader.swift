import Yams

/// Reads the config's `filters:` list: each entry names a filter of `FilterRegistry` and may set any of
/// its declared keys; what it leaves out keeps datatrove's default. Order is the order they run in.
enum FilterConfigReader {
    static func read(_ node: Node, _ reader: NodeReader) throws -> [FilterSpec] {
        guard case .sequence(let items) = node else { throw reader.error("filters", "must be a list of filters", node) }
        var seen = Set<String>()
        return try items.enumerated().map { index, item in
            let at = "filters[\(index)]"
            let map = try reader.mapping(item, at: at)
            guard let nameNode = map["name"] else { throw reader.error(at, "every filter needs a 'name'", item) }
            let name = try reader.string(nameNode, at: "\(at).name")
            guard let type = FilterRegistry.named(name) else {
                throw reader.error("\(at).name", "unknown filter '\(name)' (known: \(FilterRegistry.all.map { $0.name }.joined(separator: ", ")))", nameNode)
            }
            guard seen.insert(name).inserted else { throw reader.error("\(at).name", "filter '\(name)' is listed twice", nameNode) }
            try reader.checkKeys(map, allowed: ["name"] + type.keys.map(\.key), at: at, rule: name)
            var settings: [String: FilterValue] = [:]
            for key in type.keys {
                let path = "\(at).\(key.key)"
                guard let value = map[key.key] else { settings[key.key] = key.defaultValue; continue }
                settings[key.key] = try readValue(value, like: key.defaultValue, at: path, reader)
            }
            return FilterSpec(name: name, settings: settings)
        }
    }

    private static func readValue(_ node: Node, like example: FilterValue, at path: String, _ reader: NodeReader) throws -> FilterValue {
        switch example {
        case .number: return .number(try reader.double(node, at: path))
        case .flag: return .flag(try reader.bool(node, at: path))
        case .words:
            if case .scalar(let s) = node, s.string == "all" { return .words([]) }
            return .words(try reader.stringList(node, at: path))
        case .ngrams:
            let map = try reader.mapping(node, at: path)
            var out: [NGramThreshold] = []
            for (key, value) in map.values {
                guard let n = Int(key), n > 0 else { throw reader.error(path, "keys must be n-gram sizes (positive integers), not '\(key)'", map.keys[key]) }
                out.append(NGramThreshold(n, try reader.double(value, at: "\(path).\(key)")))
            }
            return .ngrams(out.sorted { $0.n < $1.n })
        }
    }
}
