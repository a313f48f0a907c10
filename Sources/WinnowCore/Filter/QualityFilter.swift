import Foundation

/// A corpus quality filter (FineWeb's chain: language, gopher_repetition, gopher_quality, c4,
/// fineweb_quality). Each is one file: its name, its settings (defaults = datatrove 0.10.1's) and its
/// checks. `FilterRegistry` lists them; the config, the README table and the config hash read the
/// declarations, so adding a filter is that file plus one registry line.
public protocol QualityFilter: Sendable {
    /// The name in the config's `filters:` list.
    static var name: String { get }
    /// The `<name>` of its reject reasons `filter.<name>.<check>`.
    static var reasonName: String { get }
    /// One line for the README.
    static var summary: String { get }
    static var keys: [FilterKey] { get }
    /// The check codes it can drop for, in the order it tests them (README).
    static var checks: [String] { get }
    init(_ settings: FilterSettings)
    /// Tests `document` in datatrove's order; a failed check drops it (unless `checks.all`, which
    /// measures the rest too, for `inspect`).
    func apply(_ document: inout FilterDocument, _ checks: inout FilterChecks)
}

extension QualityFilter {
    public static var reasonName: String { name }
}

/// One config key of a filter.
public struct FilterKey: Sendable {
    public let key: String
    public let defaultValue: FilterValue
    public let help: String
    public init(_ key: String, _ defaultValue: FilterValue, _ help: String) {
        self.key = key
        self.defaultValue = defaultValue
        self.help = help
    }
}

/// A filter setting's value. A number 0 turns a check off, as `None`/0 does in datatrove.
public enum FilterValue: Sendable, Equatable {
    case number(Double)
    case flag(Bool)
    case words([String])
    /// n → fraction (gopher_repetition's n-gram thresholds), in order.
    case ngrams([NGramThreshold])

    /// Canonical text for the config hash and the README.
    public var canonical: String {
        switch self {
        case .number(let x): return x == x.rounded() && abs(x) < 1e15 ? String(Int(x)) : String(x)
        case .flag(let b): return String(b)
        case .words(let w): return w.isEmpty ? "all" : "[" + w.joined(separator: ", ") + "]"
        case .ngrams(let n): return "{" + n.map { "\($0.n): \(FilterValue.number($0.fraction).canonical)" }.joined(separator: ", ") + "}"
        }
    }
}

public struct NGramThreshold: Sendable, Equatable {
    public var n: Int
    public var fraction: Double
    public init(_ n: Int, _ fraction: Double) {
        self.n = n
        self.fraction = fraction
    }
}

/// A filter as configured: its name and every setting (defaults filled in).
public struct FilterSpec: Sendable, Equatable {
    public var name: String
    public var settings: [String: FilterValue]
    public init(name: String, settings: [String: FilterValue]) {
        self.name = name
        self.settings = settings
    }
}

/// Typed reads of a `FilterSpec`'s settings, validated by the loader against the declared keys.
public struct FilterSettings: Sendable {
    let values: [String: FilterValue]
    public init(_ values: [String: FilterValue]) { self.values = values }

    public func number(_ key: String) -> Double {
        if case .number(let x)? = values[key] { return x }
        return 0
    }
    public func flag(_ key: String) -> Bool {
        if case .flag(let b)? = values[key] { return b }
        return false
    }
    public func words(_ key: String) -> [String] {
        if case .words(let w)? = values[key] { return w }
        return []
    }
    public func ngrams(_ key: String) -> [NGramThreshold] {
        if case .ngrams(let n)? = values[key] { return n }
        return []
    }
}

/// The checks one filter ran: the first failure decides; `all` measures every check (inspect).
public struct FilterChecks: Sendable {
    public enum Drop: Sendable { case below, above, atMost, present }

    public struct Measurement: Sendable, Equatable {
        public var check: String
        public var value: Double
        public var threshold: Double
        /// Why it fails: "<" (value below threshold), ">", "<=", or "found".
        public var rule: String
        public var failed: Bool
        /// Said instead of the numbers when they do not tell it (a language not in the list).
        public var note: String?
    }

    public let all: Bool
    public var measured: [Measurement] = []
    public private(set) var failure: Measurement?

    public init(all: Bool = false) { self.all = all }

    /// Records one check; true when the filter should stop here (it failed and not measuring all).
    @discardableResult
    public mutating func check(_ name: String, _ value: Double, drop: Drop, _ threshold: Double, note: String? = nil) -> Bool {
        let failed: Bool
        let rule: String
        switch drop {
        case .below: failed = value < threshold; rule = "<"
        case .above: failed = value > threshold; rule = ">"
        case .atMost: failed = value <= threshold; rule = "<="
        case .present: failed = value > 0; rule = "found"
        }
        let measurement = Measurement(check: name, value: value, threshold: threshold, rule: rule, failed: failed, note: note)
        if all { measured.append(measurement) }
        if failed && failure == nil { failure = measurement }
        return failed && !all
    }

    /// The reject detail: measured value against the threshold and the key that sets it.
    public static func detail(_ m: Measurement, filter: String) -> String {
        func show(_ x: Double) -> String { x == x.rounded() && abs(x) < 1e15 ? String(Int(x)) : String(format: "%.4f", x) }
        if let note = m.note { return "\(note) (filters.\(filter))" }
        if m.rule == "found" { return "\(m.check) found (filters.\(filter))" }
        return "\(m.check) \(show(m.value)) \(m.rule) \(show(m.threshold)) (filters.\(filter))"
    }
}
