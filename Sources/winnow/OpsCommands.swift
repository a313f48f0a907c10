import ArgumentParser
import Foundation
import WinnowCore

struct StatusCommand: ParsableCommand {
    static let configuration = CommandConfiguration(
        commandName: "status",
        abstract: "Show the state of every task (rank) of an output directory: done, running, incomplete, failed, missing.",
        discussion: "Exit 0 when every task is done, 3 otherwise (also when OUTPUT mixes ranked runs of different --tasks, or ranked and unranked runs; 66 when OUTPUT has no Winnow output)."
    )

    @Option(name: .long, help: ArgumentHelp("The number of tasks the output should have (finds missing ranks that never started).", valueName: "N"))
    var tasks: Int?

    @Flag(name: .long, help: "Print JSON instead of a table.")
    var json = false

    @Argument(help: "The output directory.")
    var output: String

    func run() throws {
        guard FileManager.default.fileExists(atPath: output) else {
            throw NoInput.exit("no such output directory: \(output)")
        }
        let status = OutputStatus.read(output: output, tasks: tasks)
        if status.tasks.isEmpty {
            throw NoInput.exit("\(output) holds no Winnow output")
        }
        StandardStream.write(json ? try status.json() : Array(status.text().utf8), to: STDOUT_FILENO)
        if !status.allDone { throw ArgumentParser.ExitCode(3) }
    }
}

struct ReportCommand: ParsableCommand {
    static let configuration = CommandConfiguration(
        commandName: "report",
        abstract: "Merge the reports of all tasks of an output directory: JSON on stdout, a summary on stderr.",
        discussion: "Exit 0 when the merged status is complete; 3 otherwise: a task failed, was stopped, is running or missing (as `status` says), or OUTPUT mixes ranked runs of different --tasks, or ranked and unranked runs (status \"mixed\")."
    )

    @Argument(help: "The output directory.")
    var output: String

    func run() throws {
        guard let merged = MergedReport.read(output: output) else {
            throw NoInput.exit("no report found in \(output)")
        }
        StandardStream.write(try merged.json(), to: STDOUT_FILENO)
        StandardStream.error(merged.summary())
        // A mix of layouts is not one corpus, and a failed or stopped task leaves it short: scripts that
        // check the exit code must notice (the same as `status`).
        if !merged.complete { throw ArgumentParser.ExitCode(3) }
    }
}

struct RulesCommand: ParsableCommand {
    static let configuration = CommandConfiguration(
        commandName: "rules",
        abstract: "Work with rule sets.",
        subcommands: [RulesDiffCommand.self]
    )
}

struct RulesDiffCommand: ParsableCommand {
    static let configuration = CommandConfiguration(
        commandName: "diff",
        abstract: "Run two rule sets over the same inputs and show what the change does (no output is written)."
    )

    @Option(name: .long, help: ArgumentHelp("Worker threads. Default: the number of CPU cores.", valueName: "N"))
    var workers: Int?

    @Option(name: .long, help: ArgumentHelp("Documents to show with their changed lines.", valueName: "N"))
    var samples = 5

    @Flag(name: .long, help: "Print JSON instead of text.")
    var json = false

    @OptionGroup var output: FormatOptions

    @Argument(help: "The current rules file (YAML).")
    var old: String

    @Argument(help: "The changed rules file (YAML).")
    var new: String

    @Argument(help: "Files or directories, as for `winnow run`.")
    var inputs: [String]

    func validate() throws {
        if inputs.isEmpty { throw ValidationError("give at least one INPUT") }
        if samples < 0 { throw ValidationError("--samples must be 0 or more") }
        if let workers, workers < 1 || workers > 1024 { throw ValidationError("--workers must be between 1 and 1024") }
    }

    func run() throws {
        let oldConfig = output.apply(to: try ConfigOption.load(old))
        let newConfig = output.apply(to: try ConfigOption.load(new))
        let found = try NoInput.discover(inputs)
        let result = RulesDiff(old: oldConfig, new: newConfig, workers: workers ?? ProcessInfo.processInfo.activeProcessorCount)
            .run(entries: found.entries, samples: samples)
        StandardStream.write(json ? result.json() : Array(result.text().utf8), to: STDOUT_FILENO)
    }
}
