import Foundation

/// CPU time clocks: per-document budgets use the calling thread's CPU time (other work on the machine
/// does not eat into a document's budget); benchmarks use the whole process's.
public enum CPUClock {
    public static func thread() -> Double { read(CLOCK_THREAD_CPUTIME_ID) }
    public static func process() -> Double { read(CLOCK_PROCESS_CPUTIME_ID) }

    private static func read(_ clock: clockid_t) -> Double {
        var spec = timespec()
        clock_gettime(clock, &spec)
        return Double(spec.tv_sec) + Double(spec.tv_nsec) / 1e9
    }
}
