import Testing
@testable import WinnowCore

/// The rules behind fixes found by checking metadata against pages by hand.
@Suite struct MetadataRulesTests {
    private func metadata(_ html: String) throws -> PageMetadata {
        MetadataExtractor().extract(try HTMLTestSupport.parse(html))
    }

    @Test(arguments: [
        ("Published 10:02 AM EST Nov 19, 2019", "2019-11-19"),
        ("10:48, Tue, Nov 19, 2019", "2019-11-19"),
        ("2:05 PM ET, Tue November 19, 2019", "2019-11-19"),
        ("Fri 6:45 PM, Feb 16, 2018", "2018-02-16"),
        ("11/19/2019", "2019-11-19"),
        ("19/11/2019", "2019-11-19"),
        ("19.11.2019 08:57", "2019-11-19"),
        ("Written 14 February 2005, last updated 3 March 2009", "2005-02-14"),
    ])
    func timesOfDayAreNotDays(_ text: String, _ expected: String) {
        #expect(DateParser.parse(text) == expected)
    }

    @Test(arguments: [
        ("19 de noviembre de 2019", "2019-11-19"),
        ("le 3 février 2021", "2021-02-03"),
        ("19. März 2024", "2024-03-19"),
        ("04-ago-2021 5:11:10", "2021-08-04"),
        ("12 set. 2020", "2020-09-12"),
        ("7 mei 2022", "2022-05-07"),
        ("Posted 3 days ago, 2021", nil),
        ("Set of 4 mugs, 2024", nil),
        ("Mars rover, Feb 18, 2021", "2021-02-18"),
    ] as [(String, String?)])
    func monthNamesInOtherLanguages(_ text: String, _ expected: String?) {
        #expect(DateParser.parse(text) == expected)
    }

    @Test func entitiesInJSONLDAreDecoded() throws {
        let meta = try metadata(#"<script type="application/ld+json">{"@type":"NewsArticle","headline":"Lynn: &#8220;We needed this&nbsp;win&#8221; &amp; more","author":{"@type":"Person","name":"Ren&eacute;e O&#8217;Brien"}}</script>"#)
        #expect(meta.title == "Lynn: “We needed this win” & more")
        #expect(meta.authors == ["Renée O’Brien"])
    }

    @Test func outletsAndAgenciesBesidePeopleAreNotAuthors() throws {
        #expect(AuthorNames.clean(["Jill Disis, CNN Business"], explicit: true, organisations: ["CNN Business"]) == ["Jill Disis"])
        #expect(AuthorNames.clean(["By DANICA KIRKA and JILL LAWLESS", "Associated Press"], explicit: true) == ["DANICA KIRKA", "JILL LAWLESS"])
        #expect(AuthorNames.clean(["Troy L. Smith, Cleveland.com"], explicit: true) == ["Troy L. Smith"])
        #expect(AuthorNames.clean(["Analysis by Chris Cillizza"], explicit: true) == ["Chris Cillizza"])
        // An agency alone is the byline.
        #expect(AuthorNames.clean(["Associated Press"], explicit: true) == ["Associated Press"])
        #expect(AuthorNames.clean(["admin"], explicit: true) == [])
    }

    @Test func visibleHeadlineBeatsSEOTitles() throws {
        let page = """
            <head><meta property="og:title" content="Opinion | Republicans Are Following Trump to Nowhere"></head>
            <body><h1>Republicans Are Following Trump to Nowhere</h1></body>
            """
        #expect(try metadata(page).title == "Republicans Are Following Trump to Nowhere")
        let seo = """
            <head><script type="application/ld+json">{"@type":"NewsArticle","headline":"Column: merger bodes ill for local news"}</script></head>
            <body><h1>Column: The merger sends a dismal signal about the future of local news</h1></body>
            """
        #expect(try metadata(seo).title == "Column: The merger sends a dismal signal about the future of local news")
    }

    @Test func mastheadHeadingIsNotTheHeadline() throws {
        let page = """
            <head><title>Tomato leaves curling after transplant — help? - Plot &amp; Pot Gardeners' Forum</title></head>
            <body><h1>Plot &amp; Pot Gardeners' Forum</h1><div class=post><p>My tomatoes…</p></div></body>
            """
        #expect(try metadata(page).title == "Tomato leaves curling after transplant — help?")
    }

    @Test(arguments: [("en-us", "en-US"), ("EN_gb", "en-GB"), ("zh-hant-tw", "zh-Hant-TW"), ("pt", "pt")])
    func languageTagsAreCased(_ raw: String, _ expected: String) {
        #expect(MetadataExtractor.languageTag(raw) == expected)
    }

    @Test func commentTimesAreNotThePublicationDate() throws {
        let page = """
            <body><article><p>Text without a date.</p></article>
            <div class="comments"><div class="comment"><time datetime="2018-02-24T10:15:59">Feb 24</time></div></div></body>
            """
        #expect(try metadata(page).published == nil)
    }
}

@Suite struct AuthorListTests {
    @Test func listsSplitAtCommasAndAndAmpersand() {
        #expect(AuthorNames.pieces("Jane Doe and John Roe & Ann Poe, Bo Li").map(String.init) == ["Jane Doe", "John Roe", "Ann Poe", " Bo Li"])
        #expect(AuthorNames.pieces(",, Anderson Cooper ,").map(String.init) == [" Anderson Cooper "])
        #expect(AuthorNames.pieces("Sandy").map(String.init) == ["Sandy"])
        #expect(AuthorNames.pieces("").isEmpty)
        #expect(AuthorNames.clean(["By Jane Doe and John Roe"]) == ["Jane Doe", "John Roe"])
    }

    @Test func headlineOverlapCountsSharedWords() {
        #expect(MetadataExtractor.wordOverlap("Big News Today", "big news, from yesterday") == 2.0 / 3.0)
        #expect(MetadataExtractor.wordOverlap("", "x") == 0)
        #expect(MetadataExtractor.wordOverlap("東京 news", "東京") == 0.5)
    }
}
