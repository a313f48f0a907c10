import Foundation

/// How JSONL inputs are read: which field holds the document, and whether it is HTML or text.
public struct JSONLOptions: Sendable, Equatable {
    /// Field with the document (dotted path for nested objects). Default `text`.
    public var field: String
    /// `html` or `text`; nil = by the field name (a name containing "html" means HTML).
    public var kind: InputItem.Kind?
    /// Field whose value becomes the record's `id` (a string or number); missing = hash of `source`.
    public var idField: String
    /// Field whose value becomes `metadata.url`.
    public var urlField: String

    public init(field: String = "text", kind: InputItem.Kind? = nil, idField: String = "id", urlField: String = "metadata.url") {
        self.field = field
        self.kind = kind
        self.idField = idField
        self.urlField = urlField
    }

    public var effectiveKind: InputItem.Kind {
        if let kind { return kind }
        let last = field.split(separator: ".").last.map(String.init) ?? field
        return last.lowercased().contains("html") ? .html : .text
    }
}

/// Reads one document per line of a JSONL file (plain, gzip or zstd). Blank lines are skipped and
/// counted; a line that is not a JSON object, or lacks the document field, becomes a reject.
final class JSONLReader: ContainerReader {
    private let file: ContainerFile
    private let stream: DecodedStream
    private let options: JSONLOptions
    private let maxBytes: Int
    private let tally: SkipTally
    private var lineNumber = 0
    private var finished = false

    init(file: ContainerFile, stream: DecodedStream, options: JSONLOptions, maxBytes: Int, tally: SkipTally) {
        self.file = file
        self.stream = stream
        self.options = options
        self.maxBytes = maxBytes
        self.tally = tally
    }

    /// A line may be longer than the document it carries (JSON escapes): up to twice the cap is read.
    private var lineLimit: Int { maxBytes > Int.max / 4 ? maxBytes : maxBytes * 2 + 1024 }

    func next() -> InputItem? {
        while !finished {
            let line: [UInt8]
            switch stream.readLine(limit: lineLimit, within: nil) {
            case .line(let bytes):
                lineNumber += 1
                line = bytes
            case .tooLong:
                lineNumber += 1
                let number = lineNumber
                if !stream.skipLine() { finish() }
                return reject(number, stage: "load", reason: "input.too_large", detail: "line longer than \(lineLimit) bytes (limits.max_document_bytes × 2)")
            case .end(let bytes):
                if let failure = stream.failure {
                    lineNumber += 1
                    finish()
                    return reject(lineNumber, stage: "load", reason: failureReason(failure), detail: failure.description)
                }
                finish()
                guard !bytes.isEmpty else { return nil }
                lineNumber += 1
                line = bytes
            }
            if line.allSatisfy(ByteText.isSpace) {
                tally.add("jsonl.blank_line")
                skipBlankLines()
                continue
            }
            return item(line, number: lineNumber)
        }
        return nil
    }

    private func finish() { finished = true }

    /// The blank lines after a blank line, counted where they lie (a file can hold a billion).
    private func skipBlankLines() {
        let blank = stream.skipBlankLines()
        guard blank > 0 else { return }
        lineNumber += blank
        tally.add("jsonl.blank_line", count: blank)
    }

    private func failureReason(_ failure: StreamFailure) -> String {
        let codec = file.format.compression == .zstd ? "zstd" : "gzip"
        switch failure {
        case .truncated: return "input.\(codec)_truncated"
        case .corrupt: return "input.\(codec)_corrupt"
        case .unreadable: return "input.unreadable"
        }
    }

    private func item(_ line: [UInt8], number: Int) -> InputItem {
        guard UTF8Validation.isValid(line) else {
            return reject(number, stage: "input", reason: "jsonl.invalid_json", detail: "not valid UTF-8")
        }
        let parsed: JSONLine
        do {
            parsed = try JSONLine.parse(line, wanted: [options.field, options.idField, options.urlField])
        } catch {
            let detail: String
            switch error {
            case .invalid(let what): detail = "not valid JSON: " + what
            case .notObject: detail = "not a JSON object"
            }
            return reject(number, stage: "input", reason: "jsonl.invalid_json", detail: detail)
        }
        guard case .string(let document) = parsed.value(options.field) else {
            return reject(number, stage: "input", reason: "jsonl.missing_field",
                          detail: "no string field '\(options.field)' (choose one with --jsonl-field)")
        }
        let payload = Array(document.utf8)
        var item = InputItem(path: file.path, source: source(number), kind: options.effectiveKind, gzipped: false, size: payload.count)
        item.payload = payload
        // The text came out of a JSON string: it is Unicode already.
        item.declaredCharset = "utf-8"
        if case .string(let url) = parsed.value(options.urlField) { item.url = url }
        switch parsed.value(options.idField) {
        case .string(let id) where !id.isEmpty:
            // An id is a key for joins and dedup: one with a NUL, newline or escape is not repaired.
            if ControlCharacters.contains(id) {
                return reject(number, stage: "input", reason: "jsonl.bad_id", detail: "the id field '\(options.idField)' holds control characters")
            }
            item.idOverride = id
        case .number(let text): item.idOverride = Self.idText(number: text)
        default: break
        }
        return item
    }

    /// A numeric id as a number's shortest text (`42`, `1.5`, `1e3` → `1000`); one too large for a
    /// Double as written.
    static func idText(number text: String) -> String {
        if let integer = Int(text) { return String(integer) }
        guard let double = Double(text), double.isFinite else { return text }
        if double == double.rounded(), abs(double) < 1e15 { return String(Int(double)) }
        return String(double)
    }

    private func source(_ number: Int) -> String { file.source + "#" + String(number) }

    private func reject(_ number: Int, stage: String, reason: String, detail: String) -> InputItem {
        var item = InputItem(path: file.path, source: source(number), kind: options.effectiveKind, gzipped: false, size: 0)
        item.preRejected = (stage, reason, detail)
        return item
    }
}
