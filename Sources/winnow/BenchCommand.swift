import ArgumentParser
import Foundation
import WinnowCore

struct BenchCommand: ParsableCommand {
    static let configuration = CommandConfiguration(
        commandName: "bench",
        abstract: "Measure CPU time per document on one thread, inputs pre-loaded (for comparisons with other extractors)."
    )

    @OptionGroup var rules: RulesOption

    @OptionGroup var output: FormatOptions

    @Flag(name: .long, help: "Decode and parse only (libxml2 SAX into Winnow's tree), no cleaning or extraction.")
    var parseOnly = false

    @Option(name: .customLong("repeat"), help: "Process the inputs this many times.")
    var repeat_: Int = 1


    @Flag(name: .long, help: "Also print the CPU time per document of each stage.")
    var stages = false

    @Argument(help: "Files or directories, as for `winnow run`.")
    var inputs: [String]

    func validate() throws {
        if repeat_ < 1 { throw ValidationError("--repeat must be at least 1") }
        if inputs.isEmpty { throw ValidationError("give at least one INPUT") }
    }

    func run() throws {
        let loaded = output.apply(to: try rules.load())
        let found = try NoInput.discover(inputs)
        let result = Benchmark(config: loaded).run(inputs: found.items, parseOnly: parseOnly, repeats: repeat_, timeStages: stages)
        print(result.line)
        if stages { result.stageLines.forEach { print($0) } }
    }
}
