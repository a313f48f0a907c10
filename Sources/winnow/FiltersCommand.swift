import ArgumentParser
import Foundation
import WinnowCore

struct FiltersCommand: ParsableCommand {
    static let configuration = CommandConfiguration(
        commandName: "filters",
        abstract: "The quality filters: their table (name, checks, keys, defaults) or each one's decisions over records.",
        subcommands: [FiltersList.self, FiltersEval.self]
    )
}

struct FiltersList: ParsableCommand {
    static let configuration = CommandConfiguration(commandName: "list", abstract: "Print the filter table (Markdown), as in the README.")
    func run() throws { FileHandle.standardOutput.write(Data(FilterTable.markdown().utf8)) }
}

struct FiltersEval: ParsableCommand {
    static let configuration = CommandConfiguration(
        commandName: "eval",
        abstract: "Run each filter of --config on its own over the records of a JSONL file (winnow's output); one JSON line per record with each filter's decision and measured values. CPU seconds of the filter calls on stderr."
    )

    @OptionGroup var rules: RulesOption

    @Flag(name: .long, help: "Also print each record's words (datatrove's English tokenizer, as Winnow reproduces it).")
    var words = false

    @Argument(help: "A JSONL file of records with `text`.")
    var file: String

    func run() throws {
        let loaded = try rules.load()
        let documents: [FilterEvaluation.Document]
        do { documents = try FilterEvaluation.read(jsonl: file) } catch { throw NoInput.exit("cannot read \(file)") }
        let (lines, seconds) = FilterEvaluation(config: loaded).run(documents, words: words)
        FileHandle.standardOutput.write(Data(lines))
        FileHandle.standardError.write(Data(String(format: "winnow filters: %d documents, %.4f cpu_s, %.0f docs/cpu_s\n", documents.count, seconds, seconds > 0 ? Double(documents.count) / seconds : 0).utf8))
    }
}
