import Testing
@testable import WinnowCore

/// Markdown from the tree, every block of a small page kept (the extraction's choice is not tested
/// here): the structure, the escaping, code and tables.
@Suite struct MarkdownRenderingTests {
    static func markdown(_ body: String, head: String = "", links: Bool = false, images: Bool = false, url: String? = nil, title: String? = nil) throws -> String {
        let tree = try HTMLTestSupport.parse("<html><head>\(head)</head><body>\(body)</body></html>")
        let blocks = BlockSegmenter().segment(tree)
        var builder = MarkdownBlockBuilder(tree: tree, settings: OutputSettings(format: .markdown, links: links, images: images), pageURL: url)
        return MarkdownDocument(title: MarkdownBlockBuilder.title(title), blocks: builder.build(blocks)).rendered.utf8String
    }

    @Test func headingsAndParagraphs() throws {
        #expect(try Self.markdown("<h2>Setup</h2><p>One.</p><h3>More</h3><p>Two.</p>", title: "The Page")
            == "# The Page\n\n## Setup\n\nOne.\n\n### More\n\nTwo.")
        // An h1 in the content: no title line.
        #expect(try Self.markdown("<h1>Own</h1><p>Text.</p>", title: "The Page") == "# Own\n\nText.")
        // A heading cut by <br> stays one heading.
        #expect(try Self.markdown("<h3>by Ann<br>Monday</h3><p>Text.</p>") == "### by Ann Monday\n\nText.")
    }

    @Test func wordsJoinedAcrossElementsAreApartAsInThePlainText() throws {
        #expect(try Self.markdown("<p><b>Acme</b><span>Trail Shoes</span> and W<b>ord</b></p>") == "**Acme** Trail Shoes and W**ord**")
        #expect(try Self.markdown("<p><code>run</code>Fast</p>") == "`run` Fast")
        // Inside and at the start of code nothing is added, in both formats.
        #expect(try Self.markdown("<p>Use<code>get<mark>Element</mark>ById</code> here</p>") == "Use`getElementById` here")
        // Back-to-back bold elements are one span (no `**` between them for a renderer to mis-pair).
        #expect(try Self.markdown("<ul><li><strong>Synthetics (CoolMax</strong><strong><sup>®</sup></strong><strong>):</strong> wicking</li></ul>") == "- **Synthetics (CoolMax®):** wicking")
        #expect(try Self.markdown("<p><em>one</em><em>two</em> and <b>a</b> <b>b</b></p>") == "*onetwo* and **a** **b**")
        // Not across an element that began after the first span (its emphasis is lost, the words stay).
        #expect(try Self.markdown("<p>x <b>a</b><i><b>c</b></i> y</p>") == "x **a**c y")
        // A drop cap stays one word with the rest.
        #expect(try Self.markdown("<p><b>T</b>HE city</p>") == "**T**HE city")
    }

    @Test func nestedAndOrderedLists() throws {
        #expect(try Self.markdown("<ul><li>a<ul><li>b</li><li>c<ol><li>d</li></ol></li></ul></li><li>e</li></ul>")
            == "- a\n  - b\n  - c\n    1. d\n- e")
        #expect(try Self.markdown("<ol start=\"9\"><li>nine</li><li>ten<ul><li>x</li></ul></li></ol>") == "9. nine\n10. ten\n    - x")
        // A list right after another list is not a lazy continuation of its last item.
        #expect(try Self.markdown("<ul><li>a</li></ul><ol start=\"3\"><li>b</li></ol>") == "- a\n\n3. b")
        // Paragraphs inside an item stay inside it.
        #expect(try Self.markdown("<ul><li><p>one</p><p>two</p></li><li>three</li></ul>") == "- one\n\n  two\n- three")
    }

    @Test func definitionListsAndQuotes() throws {
        #expect(try Self.markdown("<dl><dt>Term</dt><dd>Meaning.</dd></dl>") == "**Term**\n\nMeaning.")
        #expect(try Self.markdown("<blockquote><p>a</p><p>b</p></blockquote><p>c</p>") == "> a\n>\n> b\n\nc")
    }

    @Test func inlineMarkup() throws {
        #expect(try Self.markdown("<p>An <em>odd</em> and <strong>bold</strong> <b>Note:</b> word.</p>") == "An *odd* and **bold** **Note:** word.")
        // Emphasis that CommonMark would not read as emphasis is dropped, not left as stray stars.
        #expect(try Self.markdown("<p><strong>Note:</strong>x and <em> </em>y</p>") == "Note:x and y")
        #expect(try Self.markdown("<p>a <strong>week.\u{202F}</strong> b</p>") == "a week.\u{202F} b")
        #expect(try Self.markdown("<p>Run <code>a `b` c</code> or <code>`x`</code> or <code>ls -l</code>.</p>") == "Run ``a `b` c`` or `` `x` `` or `ls -l`.")
        #expect(try Self.markdown("<p><code>U+00DF</code><code>0x C3</code></p>") == "`U+00DF` `0x C3`")
        // Words never merge or split across inline elements.
        #expect(try Self.markdown("<p>foo<em> bar </em>baz<code> q </code>z</p>") == "foo *bar* baz `q` z")
    }

    @Test func escaping() throws {
        #expect(try Self.markdown("<p># not a heading</p>") == "\\# not a heading")
        #expect(try Self.markdown("<p>- not a list</p><p>+ nor this</p><p>1986. A year</p><p>2) two</p><p>> no quote</p><p>=</p>")
            == "\\- not a list\n\n\\+ nor this\n\n1986\\. A year\n\n2\\) two\n\n\\> no quote\n\n\\=")
        #expect(try Self.markdown("<p>*a* _b_ snake_case [c](d) `e` &lt;f&gt; ~g~ a\\b &amp;amp; AT&amp;T C#</p>")
            == "\\*a\\* \\_b\\_ snake_case \\[c\\](d) \\`e\\` \\<f> \\~g\\~ a\\\\b \\&amp; AT\\&T C\\#")
        #expect(try Self.markdown("<h2>Closing #</h2>") == "## Closing \\#")
    }

    @Test func codeBlocksKeepTheirText() throws {
        let html = "<pre class=\"language-python\"><code>def f(x):\n    return <span class=\"k\">x</span> &lt; 3\n\n\tpass</code></pre>"
        #expect(try Self.markdown(html) == "```python\ndef f(x):\n    return x < 3\n\n\tpass\n```")
        #expect(try Self.markdown("<div class=\"highlight-source-js\"><pre>a ``` b</pre></div>") == "````js\na ``` b\n````")
        #expect(try Self.markdown("<pre>line one<br>line two</pre>") == "```\nline one\nline two\n```")
        #expect(try Self.markdown("<pre>voil\u{E0}\u{A0}x</pre>") == "```\nvoil\u{E0} x\n```")
        #expect(try Self.markdown("<ul><li>run:<pre>make\n  all</pre></li></ul>") == "- run:\n\n  ```\n  make\n    all\n  ```")
    }

    /// A highlighter that writes one `<div>` per line (CodeMirror, Sandpack): the empty lines
    /// (`<div><br></div>`), the spaces that end a line and lines without `<br>` come back as the page shows them.
    @Test func codeLinesAsThePageShowsThem() throws {
        let html = "<pre><code><div class=\"cm-line\">f() {<br></div><div class=\"cm-line\"><br></div>"
            + "<div class=\"cm-line\">  <span>a</span> <br></div><div class=\"cm-line\">  b</div><div class=\"cm-line\">}</div></code></pre>"
        #expect(try Self.markdown(html) == "```\nf() {\n\n  a \n  b\n}\n```")
        #expect(try Self.markdown("<pre>\n\n  x<br><br>y  \n\n</pre>") == "```\n  x\n\ny\n```")
    }

    /// When a line between two kept lines of a `pre` is dropped, the two are simply apart.
    @Test func codeLinesAroundADroppedLine() throws {
        let tree = try HTMLTestSupport.parse("<html><body><pre><div>one</div><div>two</div><div>three</div></pre></body></html>")
        let blocks = BlockSegmenter().segment(tree)
        #expect(blocks.map(\.text.utf8String) == ["one", "two", "three"])
        var builder = MarkdownBlockBuilder(tree: tree, settings: OutputSettings(format: .markdown), pageURL: nil)
        #expect(MarkdownDocument(title: nil, blocks: builder.build([blocks[0], blocks[2]])).rendered.utf8String == "```\none\nthree\n```")
        var document = MarkdownDocument(title: nil, blocks: builder.build(blocks))
        document.keep([0, 2])
        #expect(document.rendered.utf8String == "```\none\nthree\n```")
    }

    @Test func dataTables() throws {
        let html = "<table><tr><th>Name</th><th>A | B</th><th>C</th></tr><tr><td colspan=\"2\">wide</td><td>x</td></tr><tr><td>1</td><td><code>a|b</code></td><td>z<br>w</td></tr></table>"
        #expect(try Self.markdown(html) == "| Name | A \\| B | C |\n| --- | --- | --- |\n| wide |  | x |\n| 1 | `a\\|b` | z w |")
    }

    @Test func layoutTablesAreBlocks() throws {
        #expect(try Self.markdown("<table><tr><td><p>Left</p></td></tr><tr><td>Below</td></tr></table>") == "Left\n\nBelow")
        #expect(try Self.markdown("<table><tr><td><h2>Menu</h2></td><td>Body</td></tr></table>") == "## Menu\n\nBody")
        #expect(try Self.markdown("<table role=\"presentation\"><tr><td>a</td><td>b</td></tr></table>") == "a\n\nb")
    }

    @Test func linksAndImagesOnlyWhenAsked() throws {
        let body = "<p>See <a href=\"/docs/a b\">the docs</a> <img src=\"i.png\" alt=\"a [pic]\"> now <a href=\"javascript:x()\">here</a>.</p>"
        #expect(try Self.markdown(body, url: "https://example.org/x/") == "See the docs now here.")
        #expect(try Self.markdown(body, links: true, images: true, url: "https://example.org/x/y.html")
            == "See [the docs](https://example.org/docs/a%20b) ![a \\[pic\\]](https://example.org/x/i.png) now here.")
        #expect(try Self.markdown(body, head: "<base href=\"https://cdn.example.net/base/\">", links: true, url: "https://example.org/")
            == "See [the docs](https://cdn.example.net/docs/a%20b) now here.")
    }
}
