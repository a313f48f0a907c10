import ArgumentParser
import Foundation
import Logging
import WinnowCore

struct InspectCommand: ParsableCommand {
    static let configuration = CommandConfiguration(
        commandName: "inspect",
        abstract: "Explain what happens to one input: removals by rule, every block with its signal, the final text."
    )

    @Option(name: .long, help: ArgumentHelp("Rules file (YAML). Default: the built-in Config/winnow.yml or $WINNOW_CONFIG.", valueName: "FILE"))
    var config: String?

    @Option(name: .long, help: "Characters of each block to show.")
    var width = 100

    @Flag(name: .long, help: "Also print the element outline of the cleaned tree.")
    var outline = false

    @Argument(help: "One .html/.htm/.xhtml/.txt file, optionally .gz.")
    var file: String

    func run() throws {
        let loaded = try ConfigOption.load(config)
        HTMLParser.initializeLibrary()
        FileHandle.standardOutput.write(Data(PageInspector(config: loaded).inspect(path: file, width: width, outline: outline).utf8))
    }
}

/// `--config` handling shared by the subcommands: explicit file, then $WINNOW_CONFIG, then built-in.
enum ConfigOption {
    static func load(_ path: String?) throws -> LoadedConfig {
        do {
            if let path = path ?? ProcessInfo.processInfo.environment["WINNOW_CONFIG"] { return try ConfigLoader.load(path: path) }
            return try ConfigLoader.loadDefault()
        } catch let error as ConfigError {
            Logger(label: "winnow").error("invalid config: \(error.description)")
            throw ArgumentParser.ExitCode(WinnowCore.ExitCode.usage.rawValue)
        }
    }
}
