import Yams

/// One setting of the config's plain sections (`version`, `name`, `limits`, `html`, `text`, `extract`,
/// `output`): its key, how it is read and validated, and how its effective value enters the config
/// hash. ConfigLoader and ConfigHasher both walk `ConfigKeys.all`, so no key can be read without
/// being hashed (issue 14: deleting keys from a hand-written hasher left every test green).
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
    }

    /// "limits.max_depth"; top-level keys have no dot.
    let path: String
    let hash: Hash
    /// Reads, validates and stores the value (errors name `path` and the node's line).
    let read: @Sendable (NodeReader, Node, inout WinnowConfig) throws -> Void
    /// The effective value, canonically rendered for the hash.
    let value: @Sendable (WinnowConfig) -> String

    /// "limits" for "limits.max_depth", "" for a top-level key.
    var section: String { path.split(separator: ".", maxSplits: 1).count == 2 ? String(path.split(separator: ".")[0]) : "" }
    /// The key inside its section.
    var name: String { String(path.split(separator: ".").last ?? "") }
}

enum ConfigKeys {
    /// Every plain key, in hash order. A new key goes here and nowhere else.
    static let all: [ConfigKey] = [
        ConfigKey(path: "version", hash: .line, read: { r, n, c in
            c.schemaVersion = try r.int(n, at: "version")
            guard c.schemaVersion == 1 else { throw r.error("version", "unsupported schema version \(c.schemaVersion) (this Winnow reads version 1)", n) }
        }, value: { "\($0.schemaVersion)" }),
        ConfigKey(path: "name", hash: .line, read: { r, n, c in c.name = try r.string(n, at: "name") }, value: { $0.name }),

        ConfigKey(path: "limits.max_document_bytes", hash: .group("limits"), read: { r, n, c in
            c.limits.maxDocumentBytes = try r.positiveInt(n, at: "limits.max_document_bytes")
            // The tree stores offsets in 32 bits: a document must stay well below 2 GiB.
            guard c.limits.maxDocumentBytes <= 1 << 30 else { throw r.error("limits.max_document_bytes", "must be at most 1073741824 (1 GiB)", n) }
        }, value: { "\($0.limits.maxDocumentBytes)" }),
        ConfigKey(path: "limits.max_nodes", hash: .group("limits"), read: { r, n, c in
            c.limits.maxNodes = try r.positiveInt(n, at: "limits.max_nodes")
        }, value: { "\($0.limits.maxNodes)" }),
        ConfigKey(path: "limits.max_depth", hash: .group("limits"), read: { r, n, c in
            c.limits.maxDepth = try r.positiveInt(n, at: "limits.max_depth")
        }, value: { "\($0.limits.maxDepth)" }),
        ConfigKey(path: "limits.max_document_seconds", hash: .group("limits"), read: { r, n, c in
            c.limits.maxDocumentSeconds = try r.double(n, at: "limits.max_document_seconds")
            guard c.limits.maxDocumentSeconds > 0 else { throw r.error("limits.max_document_seconds", "must be greater than 0", n) }
        }, value: { "\($0.limits.maxDocumentSeconds)" }),
        ConfigKey(path: "limits.max_container_rejects_per_reason", hash: .lineUnlessDefault, read: { r, n, c in
            c.limits.maxContainerRejectsPerReason = try r.positiveInt(n, at: "limits.max_container_rejects_per_reason")
        }, value: { "\($0.limits.maxContainerRejectsPerReason)" }),

        ConfigKey(path: "html.drop_tags", hash: .line, read: { r, n, c in
            c.html.dropTags = try r.stringList(n, at: "html.drop_tags").map { $0.lowercased() }
            for (i, tag) in c.html.dropTags.enumerated() where !tag.utf8.allSatisfy({ CSSSelectorParser.isNameByte($0) }) || tag.isEmpty {
                throw r.error("html.drop_tags[\(i)]", "'\(tag)' is not a tag name", n)
            }
        }, value: { $0.html.dropTags.joined(separator: ",") }),
        ConfigKey(path: "html.drop_hidden", hash: .line, read: { r, n, c in
            c.html.dropHidden = try r.bool(n, at: "html.drop_hidden")
        }, value: { "\($0.html.dropHidden)" }),
        ConfigKey(path: "html.max_removal_share", hash: .line, read: { r, n, c in
            c.html.maxRemovalShare = try r.double(n, at: "html.max_removal_share")
            guard c.html.maxRemovalShare > 0 && c.html.maxRemovalShare <= 1 else {
                throw r.error("html.max_removal_share", "must be greater than 0 and at most 1", n)
            }
        }, value: { "\($0.html.maxRemovalShare)" }),

        ConfigKey(path: "text.title_max_chars", hash: .line, read: { r, n, c in
            c.text.titleMaxChars = try r.positiveInt(n, at: "text.title_max_chars")
        }, value: { "\($0.text.titleMaxChars)" }),

        ConfigKey(path: "extract.min_text_chars", hash: .group("extract"), read: { r, n, c in
            c.extract.minTextChars = try r.positiveInt(n, at: "extract.min_text_chars")
        }, value: { "\($0.extract.minTextChars)" }),
        ConfigKey(path: "extract.max_link_density", hash: .group("extract"), read: { r, n, c in
            c.extract.maxLinkDensity = try r.double(n, at: "extract.max_link_density")
            guard (0...1).contains(c.extract.maxLinkDensity) else { throw r.error("extract.max_link_density", "must be between 0 and 1", n) }
        }, value: { "\($0.extract.maxLinkDensity)" }),
        ConfigKey(path: "extract.min_block_chars", hash: .group("extract"), read: { r, n, c in
            c.extract.minBlockChars = try r.nonNegativeInt(n, at: "extract.min_block_chars")
        }, value: { "\($0.extract.minBlockChars)" }),

        ConfigKey(path: "output.format", hash: .groupUnlessDefault("output"), read: { r, n, c in
            let name = try r.string(n, at: "output.format")
            guard let format = OutputFormat(rawValue: name) else { throw r.error("output.format", "must be text or markdown, not '\(name)'", n) }
            c.output.format = format
        }, value: { $0.output.format.rawValue }),
        ConfigKey(path: "output.links", hash: .groupUnlessDefault("output"), read: { r, n, c in
            c.output.links = try r.bool(n, at: "output.links")
        }, value: { "\($0.output.links)" }),
        ConfigKey(path: "output.images", hash: .groupUnlessDefault("output"), read: { r, n, c in
            c.output.images = try r.bool(n, at: "output.images")
        }, value: { "\($0.output.images)" }),
    ]

    /// The sections made of plain keys (a mapping each), in the order they are read.
    static let sections = ["limits", "html", "text", "extract", "output"]

    static func keys(in section: String) -> [ConfigKey] { all.filter { $0.section == section } }

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
