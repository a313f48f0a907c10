import Yams

/// One setting of the config's plain sections (`version`, `name`, `limits`, `html`, `text`, `extract`,
/// `output`, `dedup`): its key, how it is read and validated, how its effective value enters the config hash,
/// and its row of the README's configuration table. ConfigLoader, ConfigHasher and `ConfigKeys.markdown`
/// all walk `ConfigKeys.all`, so no key can be read without being hashed and documented (issue 14:
/// deleting keys from a hand-written hasher left every test green).
struct ConfigKey: Sendable {
    /// How the value enters the hash. The grouped and "unless default" forms keep the rules_version of
    /// corpora made before a key existed (their hash text is what the hand-written hasher produced).
    enum Hash: Sendable {
        /// A line `path=value`.
        case line
        /// A line `path=value`, left out while the value is the default (keys added later).
        case lineUnlessDefault
        /// One comma-separated value of a line `group=v1,v2,…` shared by the group's keys, in table order.
        case group(String)
        /// Like `group`, but the line is left out while every key of the group has its default.
        case groupUnlessDefault(String)
        /// `label` + value, one comma-separated value of the line `dedup=…`, which is there only while
        /// dedup is on and is also the dedup index's parameters (`DedupSettings.canonical`).
        case dedup(label: String)
    }

    /// "limits.max_depth", "dedup.normalize.numbers"; top-level keys have no dot.
    let path: String
    let hash: Hash
    /// What the key does: the README table's "meaning" column.
    let help: String
    /// Reads, validates and stores the value (errors name `path` and the node's line).
    let read: @Sendable (NodeReader, Node, inout WinnowConfig) throws -> Void
    /// The effective value, canonically rendered for the hash.
    let value: @Sendable (WinnowConfig) -> String
    /// The README's "default" column when the hash rendering is not how a person writes it.
    var shownDefault: String?

    /// "limits" for "limits.max_depth", "dedup.normalize" for "dedup.normalize.numbers", "" for a top-level key.
    var section: String { path.split(separator: ".").dropLast().joined(separator: ".") }
    /// The key inside its section.
    var name: String { String(path.split(separator: ".").last ?? "") }
}

/// Declarations by the kind of value: a key path into `WinnowConfig`, the bounds, the help text.
extension ConfigKey {
    /// An integer of at least `minimum` (1: "greater than 0", 0: "not negative") and, if given, at most
    /// `maximum` (`why` says where the bound comes from).
    static func integer(_ path: String, _ field: WritableKeyPath<WinnowConfig, Int> & Sendable, hash: Hash = .line, minimum: Int = 1,
                        maximum: (value: Int, why: String)? = nil, help: String) -> ConfigKey {
        ConfigKey(path: path, hash: hash, help: help, read: { r, n, c in
            let value = minimum == 0 ? try r.nonNegativeInt(n, at: path) : try r.positiveInt(n, at: path)
            if let maximum, value > maximum.value { throw r.error(path, "must be at most \(maximum.value) (\(maximum.why))", n) }
            c[keyPath: field] = value
        }, value: { "\($0[keyPath: field])" })
    }

    /// A number for which `valid` holds (`rule` says what that is, for the error).
    static func number(_ path: String, _ field: WritableKeyPath<WinnowConfig, Double> & Sendable, hash: Hash = .line,
                       _ rule: String, valid: @escaping @Sendable (Double) -> Bool, help: String) -> ConfigKey {
        ConfigKey(path: path, hash: hash, help: help, read: { r, n, c in
            let value = try r.double(n, at: path)
            guard valid(value) else { throw r.error(path, "must be \(rule)", n) }
            c[keyPath: field] = value
        }, value: { "\($0[keyPath: field])" })
    }

    /// An integer in `range` ("must be between …").
    static func bounded<T: FixedWidthInteger & Sendable>(_ path: String, _ field: WritableKeyPath<WinnowConfig, T> & Sendable, _ range: ClosedRange<Int>,
                                                        hash: Hash = .line, help: String) -> ConfigKey {
        ConfigKey(path: path, hash: hash, help: help, read: { r, n, c in
            let value = try r.int(n, at: path)
            guard range.contains(value) else { throw r.error(path, "must be between \(range.lowerBound) and \(range.upperBound)", n) }
            c[keyPath: field] = T(value)
        }, value: { "\($0[keyPath: field])" })
    }

    static func flag(_ path: String, _ field: WritableKeyPath<WinnowConfig, Bool> & Sendable, hash: Hash = .line, help: String) -> ConfigKey {
        ConfigKey(path: path, hash: hash, help: help, read: { r, n, c in c[keyPath: field] = try r.bool(n, at: path) }, value: { "\($0[keyPath: field])" })
    }

    static func text(_ path: String, _ field: WritableKeyPath<WinnowConfig, String> & Sendable, hash: Hash = .line, help: String) -> ConfigKey {
        ConfigKey(path: path, hash: hash, help: help, read: { r, n, c in c[keyPath: field] = try r.string(n, at: path) }, value: { $0[keyPath: field] })
    }

    /// One of an enumeration's raw values (`OutputFormat`).
    static func choice<T: RawRepresentable & CaseIterable & Sendable>(_ path: String, _ field: WritableKeyPath<WinnowConfig, T> & Sendable,
                                                                     hash: Hash = .line, help: String) -> ConfigKey where T.RawValue == String {
        ConfigKey(path: path, hash: hash, help: help, read: { r, n, c in
            let name = try r.string(n, at: path)
            guard let value = T(rawValue: name) else {
                throw r.error(path, "must be \(T.allCases.map(\.rawValue).joined(separator: " or ")), not '\(name)'", n)
            }
            c[keyPath: field] = value
        }, value: { $0[keyPath: field].rawValue })
    }
}

enum ConfigKeys {
    /// Every plain key, in hash order. A new key goes here and nowhere else.
    static let all: [ConfigKey] = [
        ConfigKey(path: "version", hash: .line, help: "Schema version of the file; this Winnow reads 1.", read: { r, n, c in
            c.schemaVersion = try r.int(n, at: "version")
            guard c.schemaVersion == 1 else { throw r.error("version", "unsupported schema version \(c.schemaVersion) (this Winnow reads version 1)", n) }
        }, value: { "\($0.schemaVersion)" }),
        .text("name", \.name, help: "Free text; part of the hash."),

        .integer("limits.max_document_bytes", \.limits.maxDocumentBytes, hash: .group("limits"),
                 // The tree stores offsets in 32 bits: a document must stay well below 2 GiB.
                 maximum: (1 << 30, "1 GiB"),
                 help: "Inputs larger than this (after gunzip) are rejected `input.too_large`. At most 1 GiB (the tree keeps 32-bit offsets)."),
        .integer("limits.max_nodes", \.limits.maxNodes, hash: .group("limits"), help: "More elements than this: `budget.nodes`."),
        .integer("limits.max_depth", \.limits.maxDepth, hash: .group("limits"), help: "Elements nested deeper than this: `budget.depth`."),
        .number("limits.max_document_seconds", \.limits.maxDocumentSeconds, hash: .group("limits"), "greater than 0", valid: { $0 > 0 },
                help: "CPU seconds one document may take, load to record: `budget.time`."),
        .integer("limits.max_container_rejects_per_reason", \.limits.maxContainerRejectsPerReason, hash: .lineUnlessDefault,
                 help: "Reject lines one WARC or JSONL file writes per reason; the rest are only counted (`inputs.rejects_over_cap`). Hashed into `rules_version` when not the default."),

        ConfigKey(path: "html.drop_tags", hash: .line, help: "Elements removed with their subtree before any rule runs (`clean.drop_tags`).", read: { r, n, c in
            c.html.dropTags = try r.stringList(n, at: "html.drop_tags").map { $0.lowercased() }
            for (i, tag) in c.html.dropTags.enumerated() where !tag.utf8.allSatisfy({ CSSSelectorParser.isNameByte($0) }) || tag.isEmpty {
                throw r.error("html.drop_tags[\(i)]", "'\(tag)' is not a tag name", n)
            }
        }, value: { $0.html.dropTags.joined(separator: ",") }, shownDefault: WinnowConfig().html.dropTags.joined(separator: ", ")),
        .flag("html.drop_hidden", \.html.dropHidden,
              help: "Remove elements with `hidden`, inline `display:none` / `visibility:hidden`, or `aria-hidden=\"true\"` (except on a link, span or paragraph with words: its text stays on screen; and never a disclosure panel outside a dialog or a React streamed segment, see the clean stage) (`clean.hidden`)."),
        .number("html.max_removal_share", \.html.maxRemovalShare, "greater than 0 and at most 1", valid: { $0 > 0 && $0 <= 1 },
                help: "No rule (drop tags, hidden elements, selectors) removes `html`, `body`, `main`, `article`, or an element holding more than this share of the page's text, and no selector rule removes four or more alike elements (same `class`) holding more than half of it together (counted as `clean.guarded`); `script`, `style` and `template` always go."),

        .integer("text.title_max_chars", \.text.titleMaxChars, help: "A text input's first line is its title if at most this long and not ending like a sentence."),

        .integer("extract.min_text_chars", \.extract.minTextChars, hash: .group("extract"), help: "Documents with less extracted text are rejected `extract.too_short`."),
        .number("extract.max_link_density", \.extract.maxLinkDensity, hash: .group("extract"), "between 0 and 1", valid: { (0...1).contains($0) },
                help: "Blocks with a larger share of their characters inside links are navigation."),
        .integer("extract.min_block_chars", \.extract.minBlockChars, hash: .group("extract"), minimum: 0,
                 help: "Shorter blocks are kept only when they are headings, list items, quotes, cells or end like a sentence."),

        .choice("output.format", \.output.format, hash: .groupUnlessDefault("output"),
                help: "How `text` is written: `text` or `markdown` (`--format`). Hashed into `rules_version` when not the default, with `links` and `images`."),
        .flag("output.links", \.output.links, hash: .groupUnlessDefault("output"), help: "Markdown: links as `[text](absolute URL)` (`--links`); else their text only."),
        .flag("output.images", \.output.images, hash: .groupUnlessDefault("output"), help: "Markdown: images inside kept text as `![alt](absolute URL)` (`--images`); else dropped."),

        .flag("dedup.exact", \.dedup.exact, hash: .dedup(label: ""), help: "Remove documents whose normalised text equals a kept document's (`dedup.exact`)."),
        .flag("dedup.near", \.dedup.near, hash: .dedup(label: ""), help: "Remove MinHash near-duplicates of kept documents (`dedup.near`)."),
        .bounded("dedup.shingle_words", \.dedup.shingleWords, 1...64, hash: .dedup(label: "n="), help: "Words per shingle (1–64)."),
        .bounded("dedup.bands", \.dedup.bands, 1...256, hash: .dedup(label: "b="), help: "LSH bands (1–256)."),
        .bounded("dedup.rows", \.dedup.rows, 1...64, hash: .dedup(label: "r="), help: "MinHash values per band (1–64); `bands × rows` hash functions in all."),
        ConfigKey(path: "dedup.seed", hash: .dedup(label: "seed="), help: "Seeds the hash functions (0 or more).", read: { r, n, c in
            c.dedup.seed = UInt64(try r.nonNegativeInt(n, at: "dedup.seed"))
        }, value: { "\($0.dedup.seed)" }),
        .flag("dedup.normalize.lowercase", \.dedup.normalize.lowercase, hash: .dedup(label: "norm="),
              help: "Lowercase the text before hashing (datatrove's `simplify_text`, as the next three)."),
        .flag("dedup.normalize.punctuation", \.dedup.normalize.punctuation, hash: .dedup(label: ""),
              help: "Punctuation (datatrove's list) becomes a word break."),
        .flag("dedup.normalize.numbers", \.dedup.normalize.numbers, hash: .dedup(label: ""), help: "A number (`42`, `3.14`, `1,5`) becomes `0`."),
        .flag("dedup.normalize.diacritics", \.dedup.normalize.diacritics, hash: .dedup(label: ""),
              help: "Combining marks are dropped after canonical decomposition (`é` → `e`)."),
    ]

    /// The top-level sections made of plain keys (a mapping each), in the order they are read.
    static let sections = ["limits", "html", "text", "extract", "output", "dedup"]

    static func keys(in section: String) -> [ConfigKey] { all.filter { $0.section == section } }

    /// The mappings nested in `section` ("normalize" in "dedup"), in declaration order.
    static func subsections(of section: String) -> [String] {
        var names: [String] = []
        for key in all where key.section.hasPrefix(section + ".") {
            let rest = key.section.dropFirst(section.count + 1)
            let name = String(rest.split(separator: ".")[0])
            if !names.contains(name) { names.append(name) }
        }
        return names
    }

    /// The `dedup=` line of the hash: the dedup keys' values in declaration order, each after its label.
    static func dedupLine(_ settings: DedupSettings) -> String {
        var config = WinnowConfig()
        config.dedup = settings
        return "dedup=" + all.compactMap { key in
            guard case .dedup(let label) = key.hash else { return nil }
            return label + key.value(config)
        }.joined(separator: ",")
    }

    /// The hash lines of the plain keys (see `ConfigKey.Hash`), in table order.
    static func hashLines(_ config: WinnowConfig) -> [String] {
        let defaults = WinnowConfig()
        // A group's line sits where its first key is; nil marks a left-out line.
        var lines: [(name: String, values: [String], changed: Bool, always: Bool)?] = []
        var groupAt: [String: Int] = [:]
        for key in all {
            let value = key.value(config)
            let changed = value != key.value(defaults)
            switch key.hash {
            case .dedup:
                continue  // its own line, after the rules (ConfigHasher)
            case .line:
                lines.append((key.path, [value], changed, true))
            case .lineUnlessDefault:
                lines.append((key.path, [value], changed, false))
            case .group(let group), .groupUnlessDefault(let group):
                var always = true
                if case .groupUnlessDefault = key.hash { always = false }
                if let index = groupAt[group], let line = lines[index] {
                    lines[index] = (line.name, line.values + [value], line.changed || changed, line.always)
                } else {
                    groupAt[group] = lines.count
                    lines.append((group, [value], changed, always))
                }
            }
        }
        return lines.compactMap { line in
            guard let line, line.always || line.changed else { return nil }
            return line.name + "=" + line.values.joined(separator: ",")
        }
    }
}

extension ConfigKeys {
    /// The README's rows for the plain keys (`ConfigTableTests` checks the README holds them).
    static func markdownRows() -> String {
        let defaults = WinnowConfig()
        return all.map { key in
            var shown = key.shownDefault ?? "`" + key.value(defaults) + "`"
            if key.shownDefault == nil && shown.hasSuffix(".0`") { shown = String(shown.dropLast(3)) + "`" }  // 10.0 → 10
            return "| `\(key.path)` | \(shown) | \(key.help) |\n"
        }.joined()
    }
}
