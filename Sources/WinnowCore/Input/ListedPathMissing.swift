/// The reject for a path in `--input-list` that does not exist when discovery looks for it.
enum ListedPathMissing {
    static let reject = (stage: "load", reason: "input.not_found", detail: "listed in --input-list but not found")
}
