import Testing
@testable import WinnowCore

/// The one loop over the stages: lookup by type, the sub-chains tools run, the observer's view, and
/// the CPU budget every caller gets.
@Suite struct StageChainTests {
    /// Adds its mark to the document's rule hits (so the order the stages ran in shows).
    struct Mark: Stage {
        let name: String
        func run(_ document: inout WorkingDocument) -> StageOutcome {
            document.hit(name)
            return .keep
        }
    }

    /// Burns thread CPU time until the document's deadline has passed, then keeps it.
    struct Slow: Stage {
        let name = "slow"
        func run(_ document: inout WorkingDocument) -> StageOutcome {
            var x = 0
            while CPUClock.thread() <= document.deadline { x &+= 1 }
            return x >= 0 ? .keep : .drop(reason: "never", detail: "")
        }
    }

    struct Recorder: StageObserver {
        var events: [String] = []
        mutating func willRun(_ stage: any Stage, at index: Int, _ document: WorkingDocument) { events.append("will \(index) \(stage.name)") }
        mutating func didRun(_ stage: any Stage, at index: Int, _ document: WorkingDocument, _ outcome: StageOutcome) {
            events.append("did \(index) \(stage.name) \(outcome == .keep ? "keep" : "drop") hits=\(document.ruleHits.count)")
        }
    }

    static func document() -> WorkingDocument {
        WorkingDocument(input: InputItem(path: "/nonexistent/a.txt", source: "a.txt", kind: .text, gzipped: false, size: 0))
    }

    static let chain = StageChain([Mark(name: "a"), LoadStage(maxBytes: 10), Mark(name: "b"), DecodeStage(), Mark(name: "c")], maxDocumentSeconds: 10)

    @Test func stagesAreFoundByType() {
        #expect(Self.chain.stage(LoadStage.self)?.maxBytes == 10)
        #expect(Self.chain.stage(DecodeStage.self) != nil)
        #expect(Self.chain.stage(FilterStage.self) == nil)
        #expect(Self.chain.upTo(LoadStage.self).names == ["a"])
        #expect(Self.chain.after(LoadStage.self).names == ["b", "decode", "c"])
        #expect(Self.chain.through(LoadStage.self).names == ["a", "load"])
        #expect(Self.chain.after(LoadStage.self).through(DecodeStage.self).names == ["b", "decode"])
        #expect(Self.chain.upTo(FilterStage.self).names == Self.chain.names)
        #expect(Self.chain.after(FilterStage.self).names.isEmpty)
    }

    @Test func theObserverSeesEveryStageUntilTheDrop() {
        var document = Self.document()
        var recorder = Recorder()
        let drop = Self.chain.run(&document, observer: &recorder)
        // The file does not exist: the load stage drops it, and nothing after it runs.
        #expect(drop?.stage == "load")
        #expect(drop?.reason.hasPrefix("input.") == true)
        #expect(recorder.events == ["will 0 a", "did 0 a keep hits=1", "will 1 load", "did 1 load drop hits=1"])
        #expect(document.ruleHits == ["a": 1])
    }

    @Test func everyRunAppliesTheBudget() {
        let chain = StageChain([Mark(name: "a"), Slow(), Mark(name: "b")], maxDocumentSeconds: 0.01)
        var document = Self.document()
        var timer = StageTimer(stages: chain.stages.count) { CPUClock.thread() }
        let drop = chain.run(&document, observer: &timer)
        #expect(drop == StageChain.Drop(stage: "slow", reason: "budget.time",
                                        detail: "more than 0.01 CPU seconds (limits.max_document_seconds), over in slow"))
        #expect(document.ruleHits == ["a": 1])
        #expect(timer.seconds[1] >= 0.005)
        #expect(timer.seconds[2] == 0)
        // The same chain without an observer drops the same way.
        var again = Self.document()
        #expect(chain.run(&again)?.reason == "budget.time")
    }

    @Test func thePipelineRunsItsStagesInOrder() throws {
        let pipeline = Pipeline(config: try ConfigLoader.loadDefault(), added: "")
        #expect(pipeline.stageNames == Pipeline.standardStageNames)
        #expect(pipeline.chain.stage(ExtractStage.self) != nil)
        #expect(pipeline.chain.after(ExtractStage.self).names == ["filter"])
    }
}
