import Testing
@testable import WinnowCore

/// Title choice against the h1s, forum authors, and local-offset dates (hand-written snippets).
@Suite struct MetadataTitleAuthorDateTests {
    private func metadata(_ html: String) throws -> PageMetadata {
        MetadataExtractor().extract(try HTMLTestSupport.parse(html))
    }

    @Test func shortH1InsideDeclaredTitleWins() throws {
        let html = #"<head><title>Canoes | Paddle Gear for Everyone | Riverside Outfitters</title></head><body><h1>Canoes</h1></body>"#
        #expect(try metadata(html).title == "Canoes")
    }

    @Test func mastheadH1IsSkipped() throws {
        let html = #"<head><title>Why the kettle whistles - Kitchen Physics Notes</title></head><body><h1>Kitchen Physics Notes</h1><h1>Why the kettle whistles</h1></body>"#
        #expect(try metadata(html).title == "Why the kettle whistles")
    }

    @Test func siteNamedByHostIsDropped() throws {
        let html = #"<head><link rel="canonical" href="https://bbs.quillworks.example/t/9"><title>Ink drying too slowly / Pens / Quillworks Forums</title></head><body><h1>Quillworks</h1></body>"#
        #expect(try metadata(html).title == "Ink drying too slowly")
    }

    @Test func sectionLabelGluedToH1() throws {
        let html = #"<head><meta property="og:title" content="Help - Which glue holds on slate?"></head><body><h1><span>Help</span> Which glue holds on slate?</h1></body>"#
        #expect(try metadata(html).title == "Which glue holds on slate?")
    }

    @Test func taglineAfterFirstSegmentGoes() throws {
        let html = #"<head><meta property="og:site_name" content="Brightloom"><meta property="og:title" content="Desk Lamps | Warm Light That Lasts | Brightloom"></head><body><h1>Light up your evenings with us</h1></body>"#
        #expect(try metadata(html).title == "Desk Lamps")
    }

    @Test func permalinkSignTrimmed() throws {
        let html = #"<head><title>Configuration — Widgetry 2.0 manual</title></head><body><h1>Configuration¶</h1></body>"#
        #expect(try metadata(html).title == "Configuration")
    }

    @Test func siteSuffixOnH1Dropped() throws {
        let html = #"<head><meta property="og:site_name" content="Tidewater Gazette"><title>Ferry timetable changes this spring | Tidewater Gazette</title></head><body><h1>Ferry timetable changes this spring | Tidewater Gazette</h1></body>"#
        #expect(try metadata(html).title == "Ferry timetable changes this spring")
    }

    @Test func titleSegmentsAndSiteNames() {
        #expect(TitleChooser.segments("A\u{A0}| B - C") == ["A\u{A0}| B", "C"])
        #expect(TitleChooser.segments("One | Two | Three") == ["One", "Two", "Three"])
        let site = SiteNames(name: nil, url: "https://www.oakandpine.example/shop")
        #expect(site.names("Oak and Pine"))
        #expect(site.names("OakAndPine Store"))
        #expect(!site.names("Oak Tables"))
        #expect(SiteNames(name: "The Lantern", url: nil).names("Lantern"))
        #expect(TitleWords.of("Models¶") == TitleWords.of("models"))
        #expect(TitleWords.isRun(TitleWords.of("red kite"), in: TitleWords.of("The Red Kite returns")))
        #expect(!TitleWords.isRun(TitleWords.of("kite red"), in: TitleWords.of("The Red Kite returns")))
    }

    @Test func questionAuthorFromMainEntity() throws {
        let html = #"""
        <script type="application/ld+json">{"@context":"https://schema.org","@type":"QAPage","mainEntity":{"@type":"Question","name":"Why does my sourdough collapse?","datePublished":"2023-04-02T10:00:00Z","author":{"@type":"Person","name":"crumbwatcher7"}}}</script>
        """#
        let meta = try metadata(html)
        #expect(meta.authors == ["crumbwatcher7"])
        #expect(meta.published == "2023-04-02T10:00:00Z")
    }

    @Test func firstUsernameIsForumAuthor() throws {
        let html = #"""
        <body><h1>Lathe chatter on long parts</h1>
        <div class="post"><a class="username" href="/u/1">swarfking</a><p>My lathe chatters when turning long shafts.</p></div>
        <div class="post"><a class="username" href="/u/2">tailstock_tom</a><p>Use a steady rest.</p></div></body>
        """#
        #expect(try metadata(html).authors == ["swarfking"])
    }

    /// "user-name" names login and sign-up fields far more often than a post's author: a form's
    /// label is not the page's author.
    @Test func aLoginFieldIsNotTheAuthor() throws {
        let html = #"""
        <body><h1>Lathe chatter on long parts</h1><p>My lathe chatters when turning long shafts, even with a sharp tool.</p>
        <form><div class="user-name-field"><label for="user-name">First Name:</label><input id="user-name"></div></form></body>
        """#
        #expect(try metadata(html).authors == [])
    }

    @Test func handlesWithDigitsOnlyFromExplicitMarkup() {
        #expect(AuthorNames.looksLikeName("crumbwatcher7", explicit: true))
        #expect(!AuthorNames.looksLikeName("crumbwatcher7"))
        #expect(!AuthorNames.looksLikeName("March 3 2024", explicit: true))
    }

    @Test func utcGivesWayToSameInstantWithOffset() throws {
        let html = #"""
        <head><meta property="article:published_time" content="2024-03-02T03:30:00+00:00"></head>
        <body><time datetime="2024-03-01T22:30:00-05:00">March 1</time></body>
        """#
        #expect(try metadata(html).published == "2024-03-01T22:30:00-05:00")
        #expect(LocalDatePreference.prefer("2024-03-02T03:30:00Z", among: ["2024-03-02T09:00:00+0530"]) == "2024-03-02T09:00:00+0530")
        // A different instant is another event (a comment, an update): the UTC time stays.
        #expect(LocalDatePreference.prefer("2024-03-02T03:30:00Z", among: ["2024-03-01T20:00:00-05:00"]) == "2024-03-02T03:30:00Z")
        #expect(LocalDatePreference.prefer("2024-03-02", among: ["2024-03-01T22:30:00-05:00"]) == "2024-03-02")
    }
}
