import ArgumentParser
import Foundation
import WinnowCore

struct FeaturesCommand: ParsableCommand {
    static let configuration = CommandConfiguration(
        commandName: "features",
        abstract: "Write every block of each HTML input (every line of each text input) with the numbers the block (line) classifier reads, as JSON lines, for training it."
    )

    @OptionGroup var rules: RulesOption

    @Argument(help: "Files or directories, as for `winnow run`.")
    var inputs: [String]

    func validate() throws {
        if inputs.isEmpty { throw ValidationError("give at least one INPUT") }
    }

    func run() throws {
        let loaded = try rules.load()
        HTMLParser.initializeLibrary()
        let found = try NoInput.discover(inputs)
        let dump = FeatureDump(config: loaded)
        var first = true
        for item in found.items {
            guard let line = dump.line(for: item, withNames: first) else { continue }
            first = false
            StandardStream.write(line, to: STDOUT_FILENO)
        }
    }
}
