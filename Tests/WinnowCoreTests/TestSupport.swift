import Foundation
import Testing
@testable import WinnowCore

/// Shared helpers: fixture lookup, temporary directories, external tools (gzip, iconv), parsing.
enum Fixtures {
    static let directory = URL(fileURLWithPath: #filePath)
        .deletingLastPathComponent().deletingLastPathComponent().appendingPathComponent("Fixtures")

    static func path(_ relative: String) -> String { directory.appendingPathComponent(relative).path }

    static func bytes(_ relative: String) throws -> [UInt8] {
        guard let data = FileManager.default.contents(atPath: path(relative)) else {
            throw TestFailure("missing fixture \(relative)")
        }
        return [UInt8](data)
    }

    static func string(_ relative: String) throws -> String { String(decoding: try bytes(relative), as: UTF8.self) }

    /// The package root (for Config/winnow.yml).
    static let packageRoot = directory.deletingLastPathComponent().deletingLastPathComponent()
}

struct TestFailure: Error, CustomStringConvertible {
    let description: String
    init(_ description: String) { self.description = description }
}

/// A fresh directory under the system temp dir, removed by `remove()`.
struct TempDir {
    let path: String

    init(_ label: String = "winnow-test") throws {
        let base = NSTemporaryDirectory() + "\(label)-\(UUID().uuidString)"
        try FileManager.default.createDirectory(atPath: base, withIntermediateDirectories: true)
        path = base
    }

    func file(_ name: String) -> String { path + "/" + name }

    @discardableResult
    func write(_ name: String, _ bytes: [UInt8]) throws -> String {
        let full = file(name)
        try FileManager.default.createDirectory(atPath: (full as NSString).deletingLastPathComponent, withIntermediateDirectories: true)
        guard FileManager.default.createFile(atPath: full, contents: Data(bytes)) else { throw TestFailure("cannot write \(full)") }
        return full
    }

    @discardableResult
    func write(_ name: String, _ text: String) throws -> String { try write(name, Array(text.utf8)) }

    func read(_ name: String) -> [UInt8]? { FileManager.default.contents(atPath: file(name)).map { [UInt8]($0) } }

    func exists(_ name: String) -> Bool { FileManager.default.fileExists(atPath: file(name)) }

    func list(_ sub: String = "") -> [String] {
        ((try? FileManager.default.contentsOfDirectory(atPath: sub.isEmpty ? path : file(sub))) ?? []).sorted()
    }

    func remove() { try? FileManager.default.removeItem(atPath: path) }
}

/// Runs an external program, feeding `input` on stdin; returns exit status, stdout and stderr.
struct ProcessResult {
    let status: Int32
    let stdout: [UInt8]
    let stderr: [UInt8]
    var stdoutString: String { String(decoding: stdout, as: UTF8.self) }
    var stderrString: String { String(decoding: stderr, as: UTF8.self) }
}

enum Tool {
    static func run(_ executable: String, _ arguments: [String], input: [UInt8]? = nil, environment: [String: String]? = nil) throws -> ProcessResult {
        let process = Process()
        process.executableURL = URL(fileURLWithPath: executable)
        process.arguments = arguments
        if let environment { process.environment = environment }
        let outPipe = Pipe(), errPipe = Pipe()
        process.standardOutput = outPipe
        process.standardError = errPipe
        let inPipe = Pipe()
        process.standardInput = input == nil ? FileHandle.nullDevice : inPipe
        try process.run()
        // Read both pipes on their own threads so a full pipe never blocks the child.
        let group = DispatchGroup()
        nonisolated(unsafe) var out = Data(), err = Data()
        DispatchQueue.global().async(group: group) { out = outPipe.fileHandleForReading.readDataToEndOfFile() }
        DispatchQueue.global().async(group: group) { err = errPipe.fileHandleForReading.readDataToEndOfFile() }
        if let input {
            inPipe.fileHandleForWriting.write(Data(input))
            try inPipe.fileHandleForWriting.close()
        }
        process.waitUntilExit()
        group.wait()
        return ProcessResult(status: process.terminationStatus, stdout: [UInt8](out), stderr: [UInt8](err))
    }

    /// gzip-compressed bytes made by /usr/bin/gzip.
    static func gzip(_ bytes: [UInt8]) throws -> [UInt8] {
        let result = try run("/usr/bin/gzip", ["-c", "-n"], input: bytes)
        guard result.status == 0 else { throw TestFailure("gzip failed: \(result.stderrString)") }
        return result.stdout
    }

    /// `text` encoded in a legacy charset by /usr/bin/iconv.
    static func iconv(_ text: String, to encoding: String) throws -> [UInt8] {
        let result = try run("/usr/bin/iconv", ["-f", "UTF-8", "-t", encoding], input: Array(text.utf8))
        guard result.status == 0 else { throw TestFailure("iconv failed: \(result.stderrString)") }
        return result.stdout
    }
}

/// libxml2's global initialisation is not thread-safe and tests run in parallel: every test that
/// parses (directly or through a runner) touches this first, so the first call happens exactly once.
enum LibXML {
    static let ready: Void = HTMLParser.initializeLibrary()
}

enum HTMLTestSupport {
    /// Parses `html` with the built-in attribute names plus `extra`; fails the test on a parse failure.
    static func parse(_ html: String, extra: [String] = [], maxDepth: Int = 1_000, maxNodes: Int = 1_000_000) throws -> DocumentTree {
        _ = LibXML.ready
        let parser = HTMLParser(attributeNames: AttributeNames(extra: extra), maxDepth: maxDepth, maxNodes: maxNodes)
        switch parser.parse(Array(html.utf8)) {
        case .success(let tree): return tree
        case .failure(let failure): throw TestFailure("parse failed: \(failure)")
        }
    }

    /// Element nodes of `tree` in document order.
    static func elements(_ tree: DocumentTree, includeRemoved: Bool = true) -> [Int32] {
        var result: [Int32] = []
        tree.forEachDescendant(of: DocumentTree.root, includeRemoved: includeRemoved) { node in
            if tree.nodes[Int(node)].tag != .text { result.append(node) }
        }
        return result
    }

    /// The first element whose `id` attribute is `id`.
    static func element(id: String, in tree: DocumentTree) -> Int32? {
        elements(tree).first { tree.attributeString(AttributeNames.id, of: $0) == id }
    }

    /// The first element named `name`.
    static func element(tag name: String, in tree: DocumentTree) -> Int32? {
        elements(tree).first { tree.tagName(tree.nodes[Int($0)].tag) == name }
    }

    static func text(_ node: Int32, in tree: DocumentTree) -> String {
        String(decoding: ByteText.normalizeWhitespace(tree.textContent(of: node)), as: UTF8.self)
    }
}

extension Array where Element == UInt8 {
    var utf8String: String { String(decoding: self, as: UTF8.self) }
}

/// Splits JSONL bytes into parsed objects.
func jsonLines(_ bytes: [UInt8]) throws -> [[String: Any]] {
    try bytes.split(separator: UInt8(ascii: "\n")).map { line in
        guard let object = try JSONSerialization.jsonObject(with: Data(line)) as? [String: Any] else {
            throw TestFailure("not a JSON object: \(String(decoding: line, as: UTF8.self))")
        }
        return object
    }
}

/// Keys of the JSON objects at nesting `depth` (1 = top level) in `line`, in byte order.
func jsonKeys(_ line: [UInt8], depth wanted: Int = 1) -> [String] {
    var keys: [String] = []
    var depth = 0
    var i = 0
    var inString = false
    var stringStart = 0
    while i < line.count {
        let b = line[i]
        if inString {
            if b == UInt8(ascii: "\\") { i += 2; continue }
            if b == UInt8(ascii: "\"") {
                inString = false
                // A key is a string at depth 1 followed by ':'.
                if depth == wanted, i + 1 < line.count, line[i + 1] == UInt8(ascii: ":") {
                    keys.append(String(decoding: line[stringStart..<i], as: UTF8.self))
                }
            }
        } else if b == UInt8(ascii: "\"") {
            inString = true
            stringStart = i + 1
        } else if b == UInt8(ascii: "{") || b == UInt8(ascii: "[") {
            depth += 1
        } else if b == UInt8(ascii: "}") || b == UInt8(ascii: "]") {
            depth -= 1
        }
        i += 1
    }
    return keys
}

/// The JSON object in the file at `path`.
func jsonObject(atPath path: String) throws -> [String: Any] {
    guard let data = FileManager.default.contents(atPath: path) else { throw TestFailure("cannot read \(path)") }
    guard let object = try JSONSerialization.jsonObject(with: data) as? [String: Any] else { throw TestFailure("\(path) is not a JSON object") }
    return object
}

/// A tiny deterministic PRNG for test data.
struct SplitMix: RandomNumberGenerator {
    var state: UInt64
    init(seed: UInt64) { state = seed &+ 0x9E37_79B9_7F4A_7C15 }
    mutating func next() -> UInt64 {
        state &+= 0x9E37_79B9_7F4A_7C15
        var z = state
        z = (z ^ (z >> 30)) &* 0xBF58_476D_1CE4_E5B9
        z = (z ^ (z >> 27)) &* 0x94D0_49BB_1331_11EB
        return z ^ (z >> 31)
    }
}
