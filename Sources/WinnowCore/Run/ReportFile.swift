import Foundation

/// `report.json` (and a failed or parked run's copy of it) as read back by `status`, `report` and
/// `winnow dedup apply`: the fields they use, typed. Written by `RunReport.json()` (fixed key order and
/// decimals per field, which JSONEncoder does not keep); every field is optional, read leniently.
struct ReportFile: Decodable, Equatable {
    struct Inputs: Decodable, Equatable {
        var documents: Int?
        var processed: Int?
        var skippedByExtension: [String: Int]?
        var duplicates: Int?
        var skippedOutputDirs: Int?
        var skippedRecords: [String: Int]?
        var rejectsOverCap: [String: Int]?

        enum CodingKeys: String, CodingKey {
            case documents, processed, duplicates
            case skippedByExtension = "skipped_by_extension", skippedOutputDirs = "skipped_output_dirs"
            case skippedRecords = "skipped_records", rejectsOverCap = "rejects_over_cap"
        }

        init(from decoder: any Decoder) throws {
            let values = try decoder.container(keyedBy: CodingKeys.self)
            documents = values.lenient(Int.self, .documents)
            processed = values.lenient(Int.self, .processed)
            skippedByExtension = values.lenient([String: Int].self, .skippedByExtension)
            duplicates = values.lenient(Int.self, .duplicates)
            skippedOutputDirs = values.lenient(Int.self, .skippedOutputDirs)
            skippedRecords = values.lenient([String: Int].self, .skippedRecords)
            rejectsOverCap = values.lenient([String: Int].self, .rejectsOverCap)
        }
    }

    var status: String?
    var message: String?
    var config: String?
    var inputs: Inputs?

    enum CodingKeys: String, CodingKey { case status, message, config, inputs }

    init(from decoder: any Decoder) throws {
        let values = try decoder.container(keyedBy: CodingKeys.self)
        status = values.lenient(String.self, .status)
        message = values.lenient(String.self, .message)
        config = values.lenient(String.self, .config)
        inputs = values.lenient(Inputs.self, .inputs)
    }

    /// Nil when the file is missing or not a JSON object.
    static func read(path: String) -> ReportFile? {
        guard let data = FileManager.default.contents(atPath: path) else { return nil }
        return try? JSONDecoder().decode(ReportFile.self, from: data)
    }
}
