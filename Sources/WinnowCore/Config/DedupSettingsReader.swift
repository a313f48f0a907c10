import Yams

/// Reads the `dedup:` mapping of a config (see `DedupSettings`).
enum DedupSettingsReader {
    static func read(_ node: Node, _ reader: NodeReader) throws -> DedupSettings {
        var dedup = DedupSettings()
        let map = try reader.mapping(node, at: "dedup")
        try reader.checkKeys(map, allowed: ["exact", "near", "shingle_words", "bands", "rows", "seed", "normalize"], at: "dedup")
        if let n = map["exact"] { dedup.exact = try reader.bool(n, at: "dedup.exact") }
        if let n = map["near"] { dedup.near = try reader.bool(n, at: "dedup.near") }
        if let n = map["shingle_words"] { dedup.shingleWords = try bounded(n, "dedup.shingle_words", 1...64, reader) }
        if let n = map["bands"] { dedup.bands = try bounded(n, "dedup.bands", 1...256, reader) }
        if let n = map["rows"] { dedup.rows = try bounded(n, "dedup.rows", 1...64, reader) }
        if let n = map["seed"] { dedup.seed = UInt64(try reader.nonNegativeInt(n, at: "dedup.seed")) }
        if let n = map["normalize"] {
            let norm = try reader.mapping(n, at: "dedup.normalize")
            try reader.checkKeys(norm, allowed: ["lowercase", "punctuation", "numbers", "diacritics"], at: "dedup.normalize")
            if let v = norm["lowercase"] { dedup.normalize.lowercase = try reader.bool(v, at: "dedup.normalize.lowercase") }
            if let v = norm["punctuation"] { dedup.normalize.punctuation = try reader.bool(v, at: "dedup.normalize.punctuation") }
            if let v = norm["numbers"] { dedup.normalize.numbers = try reader.bool(v, at: "dedup.normalize.numbers") }
            if let v = norm["diacritics"] { dedup.normalize.diacritics = try reader.bool(v, at: "dedup.normalize.diacritics") }
        }
        return dedup
    }

    private static func bounded(_ node: Node, _ key: String, _ range: ClosedRange<Int>, _ reader: NodeReader) throws -> Int {
        let value = try reader.int(node, at: key)
        guard range.contains(value) else { throw reader.error(key, "must be between \(range.lowerBound) and \(range.upperBound)", node) }
        return value
    }
}
