import Foundation
import Synchronization
import Testing
@testable import WinnowCore

// Shared test state uses Locked, not Synchronization.Mutex, so Scripts/tsan.sh sees the hand-overs
// (see Sources/WinnowCore/Support/Locked.swift).
@Suite struct SchedulerTests {
    private static func result(_ index: Int) -> DocumentResult {
        DocumentResult(sequence: index, source: "doc-\(index)", outcome: .record(Array("\(index)\n".utf8)), bytesIn: index,
                       stageSeconds: [], ruleHits: [:])
    }

    /// Sleeps 0–`maxMicros` µs, deterministically per index.
    private static func jitter(_ index: Int, maxMicros: UInt32 = 2_000) {
        var generator = SplitMix(seed: UInt64(index))
        usleep(UInt32(generator.next() % UInt64(maxMicros)))
    }

    @Test(arguments: [1, 2, 4, 7])
    func resultsArriveInSequenceOrderExactlyOnce(workers: Int) {
        let delivered = Locked<[Int]>([])
        let calls = Locked<[Int: Int]>([:])
        let scheduler = Scheduler(workers: workers)
        let count = scheduler.run(count: 300, shouldStop: { false }, work: { index in
            calls.withLock { $0[index, default: 0] += 1 }
            Self.jitter(index)
            return Self.result(index)
        }, consume: { result in
            delivered.withLock { $0.append(result.sequence) }
        })
        #expect(count == 300)
        #expect(delivered.withLock { $0 } == Array(0..<300))
        #expect(calls.withLock { $0 }.count == 300)
        #expect(calls.withLock { $0 }.values.allSatisfy { $0 == 1 })
    }

    @Test func emptyRun() {
        let scheduler = Scheduler(workers: 3)
        #expect(scheduler.run(count: 0, shouldStop: { false }, work: { Self.result($0) }, consume: { _ in Issue.record("nothing to consume") }) == 0)
    }

    @Test func shouldStopStopsNewWorkButDeliversStartedWork() {
        let started = Locked<Set<Int>>([])
        let delivered = Locked<[Int]>([])
        let stop = Atomic<Bool>(false)
        let scheduler = Scheduler(workers: 4)
        let count = scheduler.run(count: 1_000, shouldStop: { stop.load(ordering: .sequentiallyConsistent) }, work: { index in
            let n = started.withLock { set -> Int in set.insert(index); return set.count }
            if n == 20 { stop.store(true, ordering: .sequentiallyConsistent) }
            Self.jitter(index, maxMicros: 5_000)
            return Self.result(index)
        }, consume: { result in
            delivered.withLock { $0.append(result.sequence) }
        })
        let startedSet = started.withLock { $0 }
        let deliveredList = delivered.withLock { $0 }
        #expect(startedSet.count >= 20)
        #expect(startedSet.count < 1_000)
        #expect(count == deliveredList.count)
        // Everything started was finished and delivered, in order, with no gaps.
        #expect(deliveredList == Array(0..<startedSet.count))
        #expect(Set(deliveredList) == startedSet)
    }

    @Test func inFlightDocumentsNeverExceedTheWindow() {
        let scheduler = Scheduler(workers: 4, window: 8)
        #expect(scheduler.window == 8)
        let inFlight = Locked<(current: Int, peak: Int)>((0, 0))
        let delivered = Locked<Int>(0)
        _ = scheduler.run(count: 200, shouldStop: { false }, work: { index in
            inFlight.withLock { state in
                state.current += 1
                state.peak = max(state.peak, state.current)
            }
            // Every tenth document is slow, so later ones pile up in the reorder buffer behind it.
            usleep(index % 10 == 0 ? 20_000 : 200)
            return Self.result(index)
        }, consume: { _ in
            inFlight.withLock { $0.current -= 1 }
            delivered.withLock { $0 += 1 }
        })
        let peak = inFlight.withLock { $0.peak }
        #expect(delivered.withLock { $0 } == 200)
        #expect(peak <= 8)
        #expect(peak > 4)  // the reorder window was actually used, so the bound was exercised
    }

    @Test func windowIsAtLeastTwicePerWorker() {
        #expect(Scheduler(workers: 4, window: 1).window == 8)
        #expect(Scheduler(workers: 0).workers == 1)
        #expect(Scheduler(workers: 2).window == 32)
    }
}
