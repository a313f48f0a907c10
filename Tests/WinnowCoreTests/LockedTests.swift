import Dispatch
import Testing
@testable import WinnowCore

@Suite struct LockedTests {
    @Test func exclusiveAccessFromManyThreads() {
        let counter = Locked((count: 0, log: [Int]()))
        DispatchQueue.concurrentPerform(iterations: 8) { worker in
            for i in 0..<2_000 {
                counter.withLock { state in
                    state.count += 1
                    state.log.append(worker * 10_000 + i)
                }
            }
        }
        let (count, log) = counter.withLock { $0 }
        #expect(count == 16_000)
        #expect(Set(log).count == 16_000)
    }

    @Test func returnsAndRethrows() throws {
        struct Boom: Error {}
        let value = Locked(41)
        #expect(value.withLock { $0 += 1; return $0 } == 42)
        #expect(throws: Boom.self) { try value.withLock { _ in throw Boom() } }
        #expect(value.withLock { $0 } == 42)
    }
}
