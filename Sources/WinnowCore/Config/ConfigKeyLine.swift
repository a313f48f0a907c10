import Yams

/// The line of a key path (`lines[2].regex`) in a composed config: errors found after reading, when
/// the rules are compiled or compared, still name the line the README promises.
enum ConfigKeyLine {
    static func line(of key: String, in root: Node) -> Int? {
        var node: Node? = root
        for component in key.split(separator: ".") {
            // "name" or "name[index]".
            let parts = component.split(separator: "[", maxSplits: 1)
            guard let name = parts.first, case .mapping(let mapping)? = node else { return nil }
            node = mapping.first { $0.key.scalar?.string == String(name) }?.value
            if parts.count == 2, let index = Int(parts[1].dropLast()) {
                guard case .sequence(let items)? = node, items.indices.contains(index) else { return nil }
                node = items[index]
            }
        }
        return node?.mark?.line
    }
}
