import Foundation

/// A run's inputs: the discovered list and this task's share of it (`layout.partition`). The list stays
/// on disk (InputTable) and is read back in order by the carry plan, the source and the writer, each
/// through its own cursor: holding it in memory made the run's memory grow with the corpus (~0.8 KB
/// per input).
struct RunInputs {
    let table: InputTable
    let layout: TaskLayout
    let summary: InputTable.Summary

    /// Discovers the inputs; throws `.noInput` when there is nothing to do (before any output exists).
    init(options: RunOptions) throws(RunError) {
        do {
            table = try InputDiscovery().discoverTable(roots: options.inputs, listPath: options.inputList)
        } catch let failure as InputDiscovery.Failure {
            switch failure {
            case .missing, .unreadableList: throw RunError(.noInput, failure.description)
            case .sourceCollision: throw RunError(.usage, failure.description)
            case .storage: throw RunError(.ioError, failure.description)
            }
        } catch {
            throw RunError(.noInput, "\(error)")
        }
        guard table.count > 0 else {
            let skipped = table.skipped.values.reduce(0, +)
            throw RunError(.noInput, "no input documents found (.html .htm .xhtml .txt, optionally .gz; .warc .warc.gz .jsonl .jsonl.gz .jsonl.zst)"
                           + (skipped > 0 ? "; \(skipped) other files skipped" : "")
                           + (table.unreadableDirectories.message.map { "; " + $0 } ?? ""))
        }
        layout = options.layout
        do { summary = try table.summary(layout: layout) } catch { throw RunError(.ioError, "cannot read the list of inputs: \(error)") }
    }

    /// This task's entries, from the first, through a cursor of their own.
    func entries() throws(RunError) -> InputTable.Cursor {
        do { return try table.cursor(layout: layout) } catch { throw RunError(.ioError, "cannot read the list of inputs: \(error)") }
    }
}
