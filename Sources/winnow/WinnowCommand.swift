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
        subcommands: [RunCommand.self, InspectCommand.self, BenchCommand.self, StatusCommand.self, ReportCommand.self, RulesCommand.self],
        defaultSubcommand: RunCommand.self
    )
}
