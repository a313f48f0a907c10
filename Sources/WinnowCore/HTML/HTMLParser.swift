import CLibXML2

/// The only code that calls libxml2's parser: a SAX parse of UTF-8 HTML into a `DocumentTree`.
/// libxml2 builds no xmlNode tree here; its events go straight into Winnow's arena.
public struct HTMLParser: Sendable {
    public enum Failure: Error, Equatable, Sendable {
        case tooDeep(limit: Int)
        case tooManyNodes(limit: Int)
        case overTime
        case libxml2Failed
    }

    public let attributeNames: AttributeNames
    public let maxDepth: Int
    public let maxNodes: Int

    public init(attributeNames: AttributeNames, maxDepth: Int, maxNodes: Int) {
        self.attributeNames = attributeNames
        self.maxDepth = maxDepth
        self.maxNodes = maxNodes
    }

    /// Call once per process before parsing on several threads (libxml2's global init is not thread-safe).
    public static func initializeLibrary() { xmlInitParser() }

    private static let options: Int32 = Int32(
        HTML_PARSE_RECOVER.rawValue | HTML_PARSE_NOERROR.rawValue | HTML_PARSE_NOWARNING.rawValue
            | HTML_PARSE_NONET.rawValue | HTML_PARSE_COMPACT.rawValue | HTML_PARSE_IGNORE_ENC.rawValue
            | XML_PARSE_HUGE.rawValue)

    /// Parses `utf8`, which must already be valid UTF-8 (the decode stage guarantees it); the page's own
    /// charset declarations are ignored because the bytes were transcoded before.
    /// `deadline`: thread CPU time (`CPUClock.thread()`) after which the parse stops with `.overTime`.
    public func parse(_ page: [UInt8], deadline: Double = .infinity) -> Result<DocumentTree, Failure> {
        parse(page, sideAttributes: SideAttributes(), deadline: deadline)
    }

    /// Parses markup from `MarkupSkipper`, whose markers stand for the attributes in `stripped.attributes`.
    public func parse(_ stripped: MarkupSkipper.Stripped, deadline: Double = .infinity) -> Result<DocumentTree, Failure> {
        parse(stripped.markup, sideAttributes: stripped.attributes, deadline: deadline)
    }

    private func parse(_ page: [UInt8], sideAttributes: SideAttributes, deadline: Double) -> Result<DocumentTree, Failure> {
        // An internal DTD subset would otherwise end up as the page's first paragraph (DoctypeSubset).
        let utf8 = DoctypeSubset.blanked(page) ?? page
        let builder = TreeBuilder(attributeNames: attributeNames, side: sideAttributes, maxDepth: maxDepth, maxNodes: maxNodes,
                                  expectedBytes: utf8.count)
        builder.deadline = deadline
        guard !utf8.isEmpty else { return .success(builder.tree) }
        let parsed: Bool = utf8.withUnsafeBufferPointer { buffer -> Bool in
            guard let base = buffer.baseAddress, buffer.count <= Int(Int32.max) else { return false }
            let raw = UnsafeRawPointer(base).assumingMemoryBound(to: CChar.self)
            guard let context = htmlCreateMemoryParserCtxt(raw, Int32(buffer.count)) else { return false }
            defer {
                context.pointee.userData = nil
                if let document = context.pointee.myDoc { xmlFreeDoc(document); context.pointee.myDoc = nil }
                htmlFreeParserCtxt(context)
            }
            _ = htmlCtxtUseOptions(context, HTMLParser.options)
            _ = xmlSwitchEncoding(context, XML_CHAR_ENCODING_UTF8)
            guard let sax = context.pointee.sax else { return false }
            sax.pointee = HTMLParser.makeHandler()
            builder.context = context
            context.pointee.userData = Unmanaged.passUnretained(builder).toOpaque()
            _ = htmlParseDocument(context)
            builder.context = nil
            return true
        }
        guard parsed else { return .failure(.libxml2Failed) }
        switch builder.failure {
        case .tooDeep?: return .failure(.tooDeep(limit: maxDepth))
        case .tooManyNodes?: return .failure(.tooManyNodes(limit: maxNodes))
        case .overTime?: return .failure(.overTime)
        case nil: return .success(builder.tree)
        }
    }

    /// Built per parse: a C struct of function pointers cannot be a shared Swift global under strict concurrency.
    private static func makeHandler() -> htmlSAXHandler {
        var sax = htmlSAXHandler()
        sax.startElement = { context, name, attributes in
            guard let context, let name else { return }
            Unmanaged<TreeBuilder>.fromOpaque(context).takeUnretainedValue().startElement(name, attributes)
        }
        sax.endElement = { context, _ in
            guard let context else { return }
            Unmanaged<TreeBuilder>.fromOpaque(context).takeUnretainedValue().endElement()
        }
        let characters: charactersSAXFunc = { context, bytes, count in
            guard let context, let bytes else { return }
            Unmanaged<TreeBuilder>.fromOpaque(context).takeUnretainedValue().characters(bytes, count)
        }
        sax.characters = characters
        sax.ignorableWhitespace = characters
        sax.cdataBlock = characters
        sax.initialized = 1
        return sax
    }
}
