import Foundation

/// A task's claim on the output directory for one run: admitted (ranks of another `--tasks`, or ranked
/// and unranked runs, in one directory are not one corpus), locked, recovered (an interrupted commit
/// is rolled forward, an unfinished staging directory removed) and given a fresh staging directory,
/// where the new generation is built while the previous one stays untouched (see Generation).
final class StagedOutput {
    let output: String
    let layout: TaskLayout
    let staging: String
    private let lock: OutputLock

    init(output: String, layout: TaskLayout) throws(RunError) {
        try OutputHoldings.read(output: output).admit(layout, output: output)
        try OutputDirectory.prepare(output)
        let lock = try OutputLock(path: output + "/" + layout.lockPath)
        do {
            try OutputHoldings.record(layout, output: output)
            try Generation.recover(output: output, layout: layout)
            unlink(output + "/" + layout.completionPath)
            staging = try Generation.makeStaging(output: output, layout: layout)
        } catch {
            lock.release()
            throw RunError(.cannotCreateOutput, "cannot prepare \(output)/\(layout.stagingPath): \(error)")
        }
        self.output = output
        self.layout = layout
        self.lock = lock
    }

    /// Call once the run is over (committed, parked or failed).
    func release() { lock.release() }
}
