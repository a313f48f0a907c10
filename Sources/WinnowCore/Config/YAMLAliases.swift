import Yams

/// Finds YAML aliases (`*name`) in a composed config. Yams resolves an alias to a copy of the anchored
/// node, mark included, so an alias is a second node of the same kind at the same line and column: no
/// two distinct nodes share both. Aliases are refused because a 160 KB file of 20,000 aliases to a
/// 100 KB scalar expands into gigabytes of settings to read and hash.
enum YAMLAliases {
    private struct Place: Hashable {
        let kind: Int
        let line: Int
        let column: Int
    }

    /// The first node that repeats an earlier one (an alias), if any. Stops there, so an alias bomb
    /// costs no more than its first repetition.
    static func firstAlias(in root: Node) -> Node? {
        var seen = Set<Place>()
        var stack = [root]
        while let node = stack.popLast() {
            if let mark = node.mark {
                let kind: Int
                switch node {
                case .scalar: kind = 0
                case .mapping: kind = 1
                case .sequence: kind = 2
                }
                if !seen.insert(Place(kind: kind, line: mark.line, column: mark.column)).inserted { return node }
            }
            switch node {
            case .mapping(let mapping):
                for (key, value) in mapping.reversed() {
                    stack.append(value)
                    stack.append(key)
                }
            case .sequence(let sequence): stack.append(contentsOf: sequence.reversed())
            default: break
            }
        }
        return nil
    }
}
