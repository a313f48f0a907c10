import Testing
@testable import WinnowCore

@Suite struct MetadataExtractorTests {
    private func metadata(_ html: String) throws -> PageMetadata {
        MetadataExtractor().extract(try HTMLTestSupport.parse(html))
    }

    @Test func articleFixture() throws {
        let meta = try metadata(try Fixtures.string("pages/article.html"))
        #expect(meta.title == "Harbour plan approved after long debate")
        #expect(meta.url == "https://gazette.example/news/harbour-plan")
        #expect(meta.language == "en-GB")
        #expect(meta.description == "Councillors voted to rebuild the old harbour wall.")
        #expect(meta.sitename == "The Example Gazette")
        #expect(meta.published == "2022-01-28T09:30:00Z")
    }

    @Test func jsonLDFixture() throws {
        let meta = try metadata(try Fixtures.string("pages/metadata-jsonld.html"))
        #expect(meta.title == "JSON-LD headline")
        #expect(meta.authors == ["Ada Lovelace", "Charles Babbage"])
        #expect(meta.published == "2021-05-06T07:08:09+02:00")
        #expect(meta.sitename == "Example Publisher")
        #expect(meta.url == "https://example.org/og-url")
        #expect(meta.language == "fr-FR")
    }

    @Test func titleSources() throws {
        #expect(try metadata(#"<head><meta property="og:title" content="OG title"><title>Tag title</title></head><body><h1>H1 title</h1></body>"#).title == "OG title")
        #expect(try metadata(#"<head><title>Tag title</title></head><body><h1>H1  <i>title</i></h1></body>"#).title == "H1 title")
        #expect(try metadata("<head><title>Council approves new harbour plan | The Daily Example</title></head>").title == "Council approves new harbour plan")
        #expect(try metadata("<head><title>Weather - Daily</title></head>").title == "Weather - Daily")  // no part is long enough
        #expect(try metadata("<head><title>A much longer headline than the site — Site</title></head>").title == "A much longer headline than the site")
        #expect(try metadata("<body><p>No title anywhere</p></body>").title == nil)
    }

    @Test func canonicalAndLanguage() throws {
        let meta = try metadata(#"<html lang="pt_BR"><head><link rel="stylesheet" href="/s.css"><link rel="alternate canonical" href="https://x.example/a"></head></html>"#)
        #expect(meta.url == "https://x.example/a")
        #expect(meta.language == "pt-BR")
        #expect(try metadata(#"<head><meta http-equiv="content-language" content="nl"></head>"#).language == "nl")
    }

    @Test func descriptionSources() throws {
        #expect(try metadata(#"<meta name="description" content=" Plain description "><meta property="og:description" content="OG">"#).description == "Plain description")
        #expect(try metadata(#"<meta property="og:description" content="OG description">"#).description == "OG description")
    }

    @Test func authorsFromMetaAndJSONLD() throws {
        #expect(try metadata(#"<meta name="author" content="Jane Doe">"#).authors == ["Jane Doe"])
        // A profile URL is not a name.
        #expect(try metadata(#"<meta property="article:author" content="https://facebook.com/jane">"#).authors.isEmpty)
        let ld = """
            <script type="application/ld+json">{"@type":"Article","author":{"@type":"Person","name":"Solo Writer"}}</script>
            <meta name="author" content="Meta Name">
            """
        #expect(try metadata(ld).authors == ["Solo Writer"])
        let list = #"<script type="application/ld+json">[{"@type":"BlogPosting","author":["First Person",{"name":"Second Person"}]}]</script>"#
        #expect(try metadata(list).authors == ["First Person", "Second Person"])
        #expect(try metadata(#"<body><span itemprop="author">Markup Author</span></body>"#).authors == ["Markup Author"])
    }

    @Test func authorsAreDeduplicated() throws {
        let list = #"<script type="application/ld+json">{"@type":"BlogPosting","author":["First Person","Second Person","First Person"]}</script>"#
        #expect(try metadata(list).authors == ["First Person", "Second Person"])
        let byline = #"<body><p>By <span itemprop="author">Jane Doe</span></p><p>Text</p><p>Written by <span itemprop="author">Jane Doe</span></p></body>"#
        #expect(try metadata(byline).authors == ["Jane Doe"])
    }

    @Test func publishedDates() throws {
        #expect(try metadata(#"<meta property="article:published_time" content="2022-01-28T10:00:00Z">"#).published == "2022-01-28T10:00:00Z")
        #expect(try metadata(#"<script type="application/ld+json">{"@type":"NewsArticle","datePublished":"2021-05-06"}</script>"#).published == "2021-05-06")
        #expect(try metadata(#"<body><p>Posted <time datetime="2020-02-03">3 Feb</time></p></body>"#).published == "2020-02-03")
        #expect(try metadata(#"<meta name="date" content="2019-07-01 12:30:00">"#).published == "2019-07-01T12:30:00")
        // Not a date: ignored, the next candidate is used.
        #expect(try metadata(#"<meta property="article:published_time" content="soon"><time datetime="2020-01-05T08:00">x</time>"#).published == "2020-01-05T08:00")
        // JSON-LD comes first, then the metas, then <time>.
        #expect(try metadata(#"<script type="application/ld+json">{"@type":"NewsArticle","datePublished":"2021-05-06"}</script><meta property="article:published_time" content="2022-01-28"><time datetime="2020-02-03">x</time>"#).published == "2021-05-06")
        #expect(try metadata(#"<meta property="article:published_time" content="2022-01-28"><body><time datetime="2020-02-03">x</time></body>"#).published == "2022-01-28")
        #expect(try metadata("<p>no date</p>").published == nil)
    }

    @Test func dateWithSpaceBeforeTheZone() throws {
        let published = try #require(try metadata(#"<meta name="sailthru.date" content="2019-07-01 12:30:00 -0400">"#).published)
        #expect(published.hasPrefix("2019-07-01T12:30:00"))
        #expect(published.filter { $0 == "T" }.count == 1)
    }

    @Test(arguments: [
        ("2019-11-19", "2019-11-19"), ("2019-11-19T09:02:00+01:00", "2019-11-19T09:02:00+01:00"),
        ("2019-11-19 09:02", "2019-11-19T09:02"), ("2019/11/19", "2019-11-19"), ("20191119", "2019-11-19"),
        ("19.11.2019", "2019-11-19"), ("November 19, 2019", "2019-11-19"), ("19 Nov 2019", "2019-11-19"),
        ("Nov. 19, 2019 9:02 AM", "2019-11-19"),
    ])
    func dateFormats(raw: String, expected: String) throws {
        #expect(try metadata("<meta name=\"date\" content=\"\(raw)\">").published == expected)
    }

    @Test(arguments: ["yesterday", "2019-13-45", "31/31/2019", "", "12:30"])
    func notDates(raw: String) throws {
        #expect(try metadata("<meta name=\"date\" content=\"\(raw)\">").published == nil)
    }

    @Test func dateFromTheURL() throws {
        #expect(try metadata(#"<link rel="canonical" href="https://news.example/2018/03/07/story-slug/">"#).published == "2018-03-07")
    }

    @Test func removedHeadingIsNotTheTitle() throws {
        var tree = try HTMLTestSupport.parse("<body><h1 id=promo>Subscribe now</h1><article><h1>Real headline</h1><p>Text.</p></article></body>")
        let promo = try #require(HTMLTestSupport.element(id: "promo", in: tree))
        tree.remove(promo, reason: tree.reasonIndex("test"))
        #expect(MetadataExtractor().extract(tree).title == "Real headline")
    }

    @Test
    func headingInsideRemovedSubtreeIsNotTheTitle() throws {
        var tree = try HTMLTestSupport.parse("""
            <body><div id=banner class="cookie-notice"><h1>We value your privacy</h1><p>Accept cookies?</p></div>
            <article><h1>Real headline</h1><p>Text.</p></article></body>
            """)
        let banner = try #require(HTMLTestSupport.element(id: "banner", in: tree))
        tree.remove(banner, reason: tree.reasonIndex("rule.selector.cookie-consent"))
        #expect(MetadataExtractor().extract(tree).title == "Real headline")
    }

    @Test func brokenJSONLDIsIgnored() throws {
        let meta = try metadata(#"<script type="application/ld+json">{"@type":"NewsArticle", "headline": </script><title>Tag title is long enough</title>"#)
        #expect(meta.title == "Tag title is long enough")
    }
}
