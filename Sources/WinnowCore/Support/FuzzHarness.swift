import Foundation

/// One fuzz input through the same code a run uses, shared by the libFuzzer target (`winnow-fuzz`)
/// and the regression tests (`Tests/Fixtures/fuzz`), so a crasher replays exactly as it was found.
///
/// The first byte picks the target (modulo the number of targets, so every input is valid) and the
/// limits: `(byte / 6) % 2 == 1` runs the built-in rules with tight limits (`tightLimits`: 8 KiB,
/// 300 elements, depth 24) so small inputs reach the size, node and depth budgets too.
///
/// | byte 0 | target | what the rest of the input is |
/// |---:|---|---|
/// | 0 | `html` | byte 1 picks a transport charset (see `charsets`), the rest is an HTML page given as a payload |
/// | 1 | `text` | byte 1 picks a transport charset, the rest is a plain-text document given as a payload |
/// | 2 | `file` | a file named `input.html` read by the load stage (gzip sniffing, size cap, HTML/text sniffing) |
/// | 3 | `warc` | a `.warc` file read by `WARCReader` (plain, seekable), each document through the pipeline |
/// | 4 | `warcGzip` | a `.warc.gz` file (gzip members, resync after damage), each document through the pipeline |
/// | 5 | `jsonl` | a `.jsonl` file (field `text`), each document through the pipeline |
///
/// Every document must end in a record or a reject; `check` also verifies what a run relies on:
/// a record is one line of valid UTF-8 JSON, and a container yields a bounded number of documents.
public struct FuzzHarness: Sendable {
    public enum Target: UInt8, CaseIterable, Sendable {
        case html = 0, text, file, warc, warcGzip, jsonl

        public init(selector: UInt8) {
            self = Target(rawValue: selector % UInt8(Target.allCases.count)) ?? .html
        }

        /// Names used by Scripts/fuzz.sh and `WINNOW_FUZZ_TARGET`.
        public var name: String {
            switch self {
            case .html: return "html"
            case .text: return "text"
            case .file: return "file"
            case .warc: return "warc"
            case .warcGzip: return "warc-gz"
            case .jsonl: return "jsonl"
            }
        }

        public init?(name: String) {
            guard let target = Target.allCases.first(where: { $0.name == name }) else { return nil }
            self = target
        }

        /// File name the input is written to for the file-based targets.
        var fileName: String? {
            switch self {
            case .html, .text: return nil
            case .file: return "input.html"
            case .warc: return "input.warc"
            case .warcGzip: return "input.warc.gz"
            case .jsonl: return "input.jsonl"
            }
        }
    }

    /// Transport charsets for the payload targets (byte 1), as a WARC's HTTP header would name them.
    public static let charsets: [String?] = [
        nil, "utf-8", "windows-1252", "iso-8859-1", "windows-1251", "shift_jis", "euc-jp", "iso-2022-jp",
        "gb18030", "gbk", "big5", "euc-kr", "utf-16le", "utf-16be", "koi8-r", "x-unknown-charset",
    ]

    /// `limits` values of the tight variant.
    public static let tightLimits = (maxDocumentBytes: 8192, maxNodes: 300, maxDepth: 24)

    public struct Outcome: Sendable {
        public var target: Target
        public var tight: Bool
        public var results: [DocumentResult]
    }

    /// A pipeline and the document size cap its container readers use.
    public struct Variant: Sendable {
        public let pipeline: Pipeline
        public let maxDocumentBytes: Int

        public init(config: LoadedConfig) {
            pipeline = Pipeline(config: config, added: "2026-01-01T00:00:00Z")
            maxDocumentBytes = config.config.limits.maxDocumentBytes
        }
    }

    public let standard: Variant
    public let tight: Variant
    /// Directory for the file-based targets (one file per target, overwritten by every input).
    public let scratchDirectory: String

    /// `scratchDirectory` must exist and belong to this process (not shared with a parallel fuzzer).
    public init(config: LoadedConfig, tightConfig: LoadedConfig, scratchDirectory: String) {
        standard = Variant(config: config)
        tight = Variant(config: tightConfig)
        self.scratchDirectory = scratchDirectory
    }

    /// The built-in rules, as shipped and with tight limits.
    public static func builtIn(scratchDirectory: String) throws -> FuzzHarness {
        FuzzHarness(config: try ConfigLoader.loadDefault(), tightConfig: try tightConfig(), scratchDirectory: scratchDirectory)
    }

    /// The built-in rules with `tightLimits`.
    public static func tightConfig() throws -> LoadedConfig {
        var yaml = DefaultConfig.yaml
        for (key, value) in [("max_document_bytes", tightLimits.maxDocumentBytes), ("max_nodes", tightLimits.maxNodes), ("max_depth", tightLimits.maxDepth)] {
            yaml = yaml.replacingOccurrences(of: key + ": *[0-9]+", with: key + ": " + String(value), options: .regularExpression)
        }
        return try ConfigLoader.load(yaml: yaml, file: "<built-in rules, fuzz limits>")
    }

    /// Runs one fuzz input. Returns nil only when the scratch file cannot be written (an environment
    /// problem, not a finding).
    public func run(_ data: [UInt8]) -> Outcome? {
        guard let selector = data.first else { return Outcome(target: .html, tight: false, results: []) }
        let target = Target(selector: selector)
        let isTight = (selector / UInt8(Target.allCases.count)) % 2 == 1
        let variant = isTight ? tight : standard
        let pipeline = variant.pipeline
        switch target {
        case .html, .text:
            let charsetIndex = data.count > 1 ? Int(data[1]) % Self.charsets.count : 0
            let payload = Array(data.dropFirst(min(2, data.count)))
            var item = InputItem(path: "fuzz", source: "fuzz." + (target == .html ? "html" : "txt"),
                                 kind: target == .html ? .html : .text, gzipped: false, size: payload.count)
            item.payload = payload
            item.declaredCharset = Self.charsets[charsetIndex]
            return Outcome(target: target, tight: isTight, results: [pipeline.process(item, sequence: 0)])
        case .file, .warc, .warcGzip, .jsonl:
            guard let name = target.fileName else { return nil }
            let path = scratchDirectory + "/" + name
            let body = Data(data.dropFirst())
            guard FileManager.default.createFile(atPath: path, contents: body) else { return nil }
            let entry: InputEntry
            if let format = ContainerFormat.classify(name) {
                entry = .container(ContainerFile(path: path, source: name, format: format, size: body.count))
            } else {
                guard let (kind, gzipped) = InputItem.classify(name) else { return nil }
                entry = .document(InputItem(path: path, source: name, kind: kind, gzipped: gzipped, size: body.count))
            }
            let source = ContainerSource(entries: [entry], settings: ContainerSource.Settings(maxDocumentBytes: variant.maxDocumentBytes))
            var results: [DocumentResult] = []
            // A reader that never ends is a finding: no container can hold more documents than bytes.
            let cap = body.count + 2
            while let item = source.next() {
                results.append(pipeline.process(item, sequence: results.count))
                if results.count > cap { break }
            }
            return Outcome(target: target, tight: isTight, results: results)
        }
    }

    /// What must hold for every input; nil when it does, else what went wrong.
    public func check(_ outcome: Outcome, inputCount: Int) -> String? {
        if outcome.results.count > inputCount + 2 {
            return "\(outcome.target.name): \(outcome.results.count) documents from \(inputCount) bytes (the reader does not end)"
        }
        for result in outcome.results {
            switch result.outcome {
            case .reject(let stage, let reason, _):
                if stage.isEmpty || reason.isEmpty { return "\(outcome.target.name): reject without stage or reason" }
            case .record(let line):
                guard !line.isEmpty, UTF8Validation.isValid(line) else { return "\(outcome.target.name): record is not valid UTF-8" }
                var body = line[...]
                if body.last == 0x0A { body = body.dropLast() }
                if body.contains(0x0A) { return "\(outcome.target.name): record spans more than one line" }
                let parsed = try? JSONSerialization.jsonObject(with: Data(body))
                guard let object = parsed as? [String: Any] else { return "\(outcome.target.name): record is not a JSON object" }
                guard let text = object["text"] as? String, !text.isEmpty else { return "\(outcome.target.name): record without text" }
            }
        }
        return nil
    }
}
