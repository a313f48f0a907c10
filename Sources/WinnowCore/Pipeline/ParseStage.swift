/// HTML to Winnow's document tree through libxml2's SAX interface (text inputs pass through).
public struct ParseStage: Stage {
    public let name = "parse"
    let parser: HTMLParser
    let skipper: MarkupSkipper
    let rescue: NoscriptRescue?

    public init(parser: HTMLParser, dropTags: Set<HTMLTag>, keptAttributes: AttributeNames) {
        self.parser = parser
        skipper = MarkupSkipper(dropTags: dropTags, keptAttributes: keptAttributes)
        rescue = NoscriptRescue(dropTags: dropTags, keptAttributes: keptAttributes)
    }

    public func run(_ document: inout WorkingDocument) -> StageOutcome {
        guard document.contentType == .html else { return .keep }
        switch parser.parse(skipper.strip(document.utf8), deadline: document.deadline) {
        case .success(let tree):
            document.tree = tree
            if let rescue, NoscriptRescue.worthTrying(tree, source: document.utf8),
               case .success(let second) = parser.parse(rescue.skipper.strip(document.utf8), deadline: document.deadline),
               NoscriptRescue.bodyTextBytes(second) > NoscriptRescue.bodyTextBytes(tree) {
                document.tree = second
                document.hit("parse.noscript_rescue")
            }
            return .keep
        case .failure(.tooDeep(let limit)):
            return .drop(reason: "budget.depth", detail: "elements nested more than \(limit) deep (limits.max_depth)")
        case .failure(.tooManyNodes(let limit)):
            return .drop(reason: "budget.nodes", detail: "more than \(limit) elements (limits.max_nodes)")
        case .failure(.overTime):
            return .drop(reason: "budget.time", detail: "parsing took longer than the per-document budget (limits.max_document_seconds)")
        case .failure(.libxml2Failed):
            return .drop(reason: "parse.failed", detail: "libxml2 could not create a parser for this input")
        }
    }
}
