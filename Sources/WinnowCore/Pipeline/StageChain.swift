/// The stages in order and the one loop that runs a document through them. `winnow run`, `bench`,
/// `inspect`, `features`, `rules diff` and the tests all go through `run`, so every one of them applies
/// the CPU budget the same way; what a tool adds (timings, explanations, a stage's intermediate
/// result) it does in a `StageObserver`. Tools find a stage by its type (`stage(ExtractStage.self)`),
/// never by position or name, so adding a stage is its file plus one line where the chain is built.
public struct StageChain: Sendable {
    public let stages: [any Stage]
    /// CPU seconds a document may take through the whole chain (`limits.max_document_seconds`).
    public let maxDocumentSeconds: Double

    public init(_ stages: [any Stage], maxDocumentSeconds: Double) {
        self.stages = stages
        self.maxDocumentSeconds = maxDocumentSeconds
    }

    /// A stage dropped the document.
    public struct Drop: Sendable, Equatable {
        public var stage: String
        public var reason: String
        public var detail: String
    }

    public var names: [String] { stages.map(\.name) }

    /// The first stage of type `type`, if the chain has one.
    public func stage<S: Stage>(_ type: S.Type) -> S? {
        for stage in stages { if let found = stage as? S { return found } }
        return nil
    }

    /// The stages before the first one of type `type` (all of them when there is none).
    public func upTo<S: Stage>(_ type: S.Type) -> StageChain {
        StageChain(Array(stages.prefix { !($0 is S) }), maxDocumentSeconds: maxDocumentSeconds)
    }

    /// The stages after the first one of type `type` (none when there is none).
    public func after<S: Stage>(_ type: S.Type) -> StageChain {
        let start = stages.firstIndex { $0 is S }.map { $0 + 1 } ?? stages.count
        return StageChain(Array(stages[start...]), maxDocumentSeconds: maxDocumentSeconds)
    }

    /// The stages up to and including the first one of type `type`.
    public func through<S: Stage>(_ type: S.Type) -> StageChain {
        let end = stages.firstIndex { $0 is S }.map { $0 + 1 } ?? stages.count
        return StageChain(Array(stages[..<end]), maxDocumentSeconds: maxDocumentSeconds)
    }

    /// Runs `document` through the stages until one drops it. The budget starts now: stages check
    /// `document.deadline` inside their long loops, and a stage that returns past it drops the document
    /// as `budget.time`.
    @discardableResult
    public func run<Observer: StageObserver>(_ document: inout WorkingDocument, observer: inout Observer) -> Drop? {
        document.deadline = CPUClock.thread() + maxDocumentSeconds
        for (index, stage) in stages.enumerated() {
            observer.willRun(stage, at: index, document)
            var outcome = stage.run(&document)
            // Stages check the budget inside their long loops; this catches the rest between stages.
            if outcome == .keep && CPUClock.thread() > document.deadline {
                outcome = .drop(reason: "budget.time", detail: "more than \(maxDocumentSeconds) CPU seconds (limits.max_document_seconds), over in \(stage.name)")
            }
            observer.didRun(stage, at: index, document, outcome)
            if case .drop(let reason, let detail) = outcome { return Drop(stage: stage.name, reason: reason, detail: detail) }
        }
        return nil
    }

    /// `run` with nothing watching.
    @discardableResult
    public func run(_ document: inout WorkingDocument) -> Drop? {
        var none = NoStageObserver()
        return run(&document, observer: &none)
    }
}

/// What a tool sees of a document's way through a `StageChain`: each stage before it runs and after,
/// with the document as it then is and the stage's outcome (budget included). `index` is the stage's
/// position in the chain that runs, for per-stage tables.
public protocol StageObserver {
    mutating func willRun(_ stage: any Stage, at index: Int, _ document: WorkingDocument)
    mutating func didRun(_ stage: any Stage, at index: Int, _ document: WorkingDocument, _ outcome: StageOutcome)
}

extension StageObserver {
    public mutating func willRun(_ stage: any Stage, at index: Int, _ document: WorkingDocument) {}
    public mutating func didRun(_ stage: any Stage, at index: Int, _ document: WorkingDocument, _ outcome: StageOutcome) {}
}

public struct NoStageObserver: StageObserver {
    public init() {}
}

/// Time per stage by a clock the caller picks (wall time for the report, thread CPU for `bench`).
public struct StageTimer: StageObserver {
    public private(set) var seconds: [Double]
    let clock: @Sendable () -> Double
    private var start = 0.0

    public init(stages: Int, clock: @escaping @Sendable () -> Double) {
        seconds = [Double](repeating: 0, count: stages)
        self.clock = clock
    }

    public mutating func willRun(_ stage: any Stage, at index: Int, _ document: WorkingDocument) { start = clock() }
    public mutating func didRun(_ stage: any Stage, at index: Int, _ document: WorkingDocument, _ outcome: StageOutcome) {
        seconds[index] += clock() - start
    }
}
