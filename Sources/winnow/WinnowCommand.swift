import ArgumentParser
import Foundation
import Logging
import WinnowCore

@main
struct Winnow: ParsableCommand {
    static let configuration = CommandConfiguration(
        commandName: "winnow",
        abstract: "Batch corpus processor: raw HTML and text dumps in, clean sharded JSONL out.",
        version: WinnowVersion.current,
        subcommands: [RunCommand.self, InspectCommand.self, BenchCommand.self, FeaturesCommand.self, StatusCommand.self, ReportCommand.self, DedupCommand.self, RulesCommand.self, FiltersCommand.self],
        defaultSubcommand: RunCommand.self
    )

    static func main() {
        // A stderr or stdout pipe whose reader has gone (`| head`) must not kill the run: writes then
        // fail with EPIPE, which StandardStream ignores.
        signal(SIGPIPE, SIG_IGN)
        // Started with stdin, stdout or stderr closed (`2>&-`), the next open() would get that number,
        // and a progress line would land in a shard or the lock file: hold them with /dev/null.
        for fd in [STDIN_FILENO, STDOUT_FILENO, STDERR_FILENO] where fcntl(fd, F_GETFD) == -1 && errno == EBADF {
            let null = open("/dev/null", O_RDWR)
            if null >= 0 && null != fd {
                _ = dup2(null, fd)
                close(null)
            }
        }
        LoggingSystem.bootstrap { _ in PlainLogHandler() }
        main(nil)
    }
}

/// What several subcommands do on bad input: say why on stderr and exit 66 (EX_NOINPUT).
enum NoInput {
    static func exit(_ message: String) -> ArgumentParser.ExitCode {
        StandardStream.error("winnow: \(message)\n")
        return ArgumentParser.ExitCode(WinnowCore.ExitCode.noInput.rawValue)
    }

    /// The inputs under `roots`, or exit 66 naming the one that cannot be read.
    static func discover(_ roots: [String]) throws -> InputDiscovery.Result {
        do {
            return try InputDiscovery().discover(roots: roots)
        } catch {
            throw exit("\(error)")
        }
    }
}
