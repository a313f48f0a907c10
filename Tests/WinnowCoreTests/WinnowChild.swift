import Foundation
import Testing

/// A running `winnow`: stdout discarded, stderr to `stderr` (nil: a pipe read to the end).
final class WinnowChild: @unchecked Sendable {
    let process = Process()
    private let errPipe = Pipe()
    private nonisolated(unsafe) var err = Data()
    private let group = DispatchGroup()

    init(_ arguments: [String], stderr: FileHandle? = nil, closeStderrReader: Bool = false) throws {
        let binary = try #require(CLITests.binary, "the winnow binary was not found next to the test bundle")
        process.executableURL = URL(fileURLWithPath: binary)
        process.arguments = arguments
        var environment = ProcessInfo.processInfo.environment
        for key in ["WINNOW_CONFIG", "SLURM_ARRAY_TASK_ID", "SLURM_ARRAY_TASK_COUNT", "SLURM_ARRAY_TASK_MAX", "JOB_COMPLETION_INDEX"] { environment.removeValue(forKey: key) }
        process.environment = environment
        process.standardInput = FileHandle.nullDevice
        process.standardOutput = FileHandle.nullDevice
        process.standardError = stderr ?? errPipe
        try process.run()
        if closeStderrReader {
            // The reader goes away: every write to stderr is EPIPE (SIGPIPE unless ignored).
            try errPipe.fileHandleForReading.close()
        } else if stderr == nil {
            let pipe = errPipe
            DispatchQueue.global().async(group: group) { [self] in err = pipe.fileHandleForReading.readDataToEndOfFile() }
        }
    }

    var pid: Int32 { process.processIdentifier }

    /// User + system CPU seconds of the child so far (/proc/PID/stat fields 14 and 15).
    var cpuSeconds: Double {
        guard let stat = try? String(contentsOfFile: "/proc/\(pid)/stat", encoding: .utf8),
              let close = stat.lastIndex(of: ")") else { return 0 }
        let fields = stat[stat.index(after: close)...].split(separator: " ")
        guard fields.count > 13, let user = Double(fields[11]), let system = Double(fields[12]) else { return 0 }
        return (user + system) / Double(sysconf(Int32(_SC_CLK_TCK)))
    }

    /// Waits up to `seconds`; on timeout kills the child and returns nil.
    func wait(_ seconds: Double) -> (status: Int32, signalled: Bool, stderr: String)? {
        let deadline = Date().addingTimeInterval(seconds)
        while process.isRunning && Date() < deadline { usleep(10_000) }
        if process.isRunning {
            kill(pid, SIGKILL)
            process.waitUntilExit()
            return nil
        }
        process.waitUntilExit()
        group.wait()
        return (process.terminationStatus, process.terminationReason == .uncaughtSignal, String(decoding: err, as: UTF8.self))
    }
}
