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
        subcommands: [RunCommand.self, InspectCommand.self, BenchCommand.self, FeaturesCommand.self, StatusCommand.self, ReportCommand.self, RulesCommand.self, FiltersCommand.self],
        defaultSubcommand: RunCommand.self
    )
}

/// What several subcommands do on bad input: say why on stderr and exit 66 (EX_NOINPUT).
enum NoInput {
    static func exit(_ message: String) -> ArgumentParser.ExitCode {
        FileHandle.standardError.write(Data("winnow: \(message)\n".utf8))
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
