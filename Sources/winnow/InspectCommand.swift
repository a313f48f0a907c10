import ArgumentParser
import Foundation
import Logging
import WinnowCore

struct InspectCommand: ParsableCommand {
    static let configuration = CommandConfiguration(
        commandName: "inspect",
        abstract: "Explain what happens to one input: removals by rule, every block with its signal, the final text."
    )

    @OptionGroup var rules: RulesOption

    @OptionGroup var format: FormatOptions

    @Option(name: .long, help: "Characters of each block to show.")
    var width = 100

    @Flag(name: .long, help: "Also print the element outline of the cleaned tree.")
    var outline = false

    @Option(name: .long, help: ArgumentHelp("A Winnow output made with dedup on: say whether the page is a copy of one of its documents, and which cluster.", valueName: "DIR"))
    var output: String?

    @Argument(help: "One .html/.htm/.xhtml/.txt file, optionally .gz.")
    var file: String

    func run() throws {
        // A report on nothing must not look like a success to a script.
        guard FileManager.default.fileExists(atPath: file) else { throw NoInput.exit("input not found: \(file)") }
        guard InputItem.classify(file) != nil else {
            StandardStream.error("winnow: inspect reads one .html, .htm, .xhtml or .txt file (optionally .gz), not \(file); for a WARC or JSONL file run it and read the output\n")
            throw ArgumentParser.ExitCode(WinnowCore.ExitCode.usage.rawValue)
        }
        let loaded = format.apply(to: try rules.load())
        HTMLParser.initializeLibrary()
        StandardStream.output(PageInspector(config: loaded).inspect(path: file, width: width, outline: outline, dedupOutput: output))
    }
}

/// `--config`, shared by the subcommands: explicit file, then $WINNOW_CONFIG, then the built-in rules.
struct RulesOption: ParsableArguments {
    @Option(name: .long, help: ArgumentHelp("Rules file (YAML). Default: $WINNOW_CONFIG, else the built-in copy of Config/winnow.yml.", valueName: "FILE"))
    var config: String?

    func load() throws -> LoadedConfig {
        do {
            guard let path = config ?? ProcessInfo.processInfo.environment["WINNOW_CONFIG"] else { return try ConfigLoader.loadDefault() }
            let loaded = try ConfigLoader.load(path: path)
            for warning in loaded.warnings { Logger(label: "winnow").warning("\(warning)") }
            return loaded
        } catch let error as ConfigError {
            Logger(label: "winnow").error("invalid config: \(error.description)")
            throw ArgumentParser.ExitCode(WinnowCore.ExitCode.usage.rawValue)
        }
    }
}

/// For commands that declare `--config` themselves.
enum ConfigOption {
    static func load(_ path: String?) throws -> LoadedConfig {
        var option = RulesOption()
        option.config = path
        return try option.load()
    }
}
