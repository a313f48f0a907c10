import ArgumentParser
import WinnowCore

/// `--format`, `--links`, `--images`: override the config's `output:` section (and so rules_version).
struct FormatOptions: ParsableArguments {
    @Option(name: .long, help: ArgumentHelp("Record text as text (plain) or markdown (GitHub-flavoured). Default: the config's output.format (text).", valueName: "FORMAT"))
    var format: String?

    @Flag(name: .long, help: "Markdown: write links as [text](absolute URL) (config output.links).")
    var links = false

    @Flag(name: .long, help: "Markdown: write images as ![alt](absolute URL) (config output.images).")
    var images = false

    func validate() throws {
        if let format, OutputFormat(rawValue: format) == nil { throw ValidationError("--format must be text or markdown, not '\(format)'") }
    }

    /// `loaded` with the flags given applied; unchanged (same rules_version) when none is.
    func apply(to loaded: LoadedConfig) -> LoadedConfig {
        guard format != nil || links || images else { return loaded }
        var output = loaded.config.output
        if let format, let value = OutputFormat(rawValue: format) { output.format = value }
        if links { output.links = true }
        if images { output.images = true }
        return loaded.with(output: output)
    }
}
