import Logging
import WinnowCore

/// Log lines in the shape of the other stderr lines, `winnow: error: message`: swift-log's stream
/// handler wrote `… error winnow: [winnow] message`, the name twice. Written with `StandardStream`,
/// so a closed or full stderr never ends the run.
struct PlainLogHandler: LogHandler {
    var logLevel: Logger.Level = .info
    var metadata: Logger.Metadata = [:]

    subscript(metadataKey key: String) -> Logger.Metadata.Value? {
        get { metadata[key] }
        set { metadata[key] = newValue }
    }

    func log(event: LogEvent) {
        StandardStream.error("winnow: \(event.level): \(event.message)\n")
    }
}
