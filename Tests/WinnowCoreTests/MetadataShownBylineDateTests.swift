import Testing
@testable import WinnowCore

/// Bylines and dates shown as plain text near the headline (hand-written snippets).
@Suite struct MetadataShownBylineDateTests {
    private func metadata(_ html: String) throws -> PageMetadata {
        MetadataExtractor().extract(try HTMLTestSupport.parse(html))
    }

    @Test func labelThenNameInNextText() throws {
        let html = #"<body><h1>Growing basil indoors</h1><div><p>Written by</p><p>Orla Finnegan</p></div><p>Basil likes light.</p></body>"#
        #expect(try metadata(html).authors == ["Orla Finnegan"])
    }

    @Test func bylineInOneTextStopsAtDate() throws {
        let html = #"<body><h1>Fixing a squeaky hinge</h1><p>By Tomas Brandvold · 3 May 2024</p><p>Oil helps.</p></body>"#
        let m = try metadata(html)
        #expect(m.authors == ["Tomas Brandvold"])
        #expect(m.published == "2024-05-03")
    }

    @Test func otherLanguageLabel() throws {
        let html = #"<body><h1>Le pain au levain</h1><span>Par</span> <a>Camille Roussel</a><p>Texte.</p></body>"#
        #expect(try metadata(html).authors == ["Camille Roussel"])
    }

    @Test func lowercaseProseAfterByIsNoName() throws {
        let html = #"<body><h1>Newsletter</h1><p>By submitting your email you agree</p></body>"#
        #expect(try metadata(html).authors.isEmpty)
    }

    @Test func bylineInCommentsIgnored() throws {
        let html = #"<body><h1>Pickled onions</h1><div class="comment-list"><p>By</p><p>Rhea Vantongeren</p></div></body>"#
        #expect(try metadata(html).authors.isEmpty)
    }

    @Test func shownBylineReplacesSiteAsAuthor() throws {
        let html = #"<head><meta property="og:site_name" content="Harbour Gardens"><meta name="author" content="Harbour Gardens"></head><body><h1>Pruning roses</h1><p>By</p><p>Ines Calloway</p></body>"#
        #expect(try metadata(html).authors == ["Ines Calloway"])
    }

    @Test func shownDateReplacesDisagreeingMarkup() throws {
        let html = #"<head><meta property="article:published_time" content="2021-02-01T08:00:00Z"></head><body><h1>Winter tyres</h1><p>March 14, 2023</p></body>"#
        #expect(try metadata(html).published == "2023-03-14")
    }

    @Test func shownUpdateDateLeavesMarkup() throws {
        let html = #"<head><meta property="article:published_time" content="2021-02-01T08:00:00Z"></head><body><h1>Winter tyres</h1><p>Last updated: March 14, 2023</p></body>"#
        #expect(try metadata(html).published == "2021-02-01T08:00:00Z")
    }

    @Test func agreeingShownDateKeepsMarkupTime() throws {
        let html = #"<head><meta property="article:published_time" content="2023-03-14T08:00:00-04:00"></head><body><h1>Winter tyres</h1><p>Mar 14, 2023</p></body>"#
        #expect(try metadata(html).published == "2023-03-14T08:00:00-04:00")
    }

    @Test func threadPagesKeepMarkupDate() throws {
        let html = #"<head><meta property="article:published_time" content="2020-06-01T10:00:00"></head><body><div itemscope itemtype="https://schema.org/DiscussionForumPosting"><h1>Which drill bit for tiles?</h1><p>Jun 9, 2020</p></div></body>"#
        #expect(try metadata(html).published == "2020-06-01T10:00:00")
    }

    @Test func mastheadDateFarAboveHeadlineIgnored() throws {
        let html = #"<head><meta property="article:published_time" content="2019-11-18T10:00:00-05:00"></head><body><p>Wednesday, November 20, 2019</p><p>Home</p><p>World</p><p>Business</p><p>Sport</p><p>Culture</p><p>Opinion</p><h1>Rail strike ends</h1><p>Text.</p></body>"#
        #expect(try metadata(html).published == "2019-11-18T10:00:00-05:00")
    }

    @Test func shownDateWhenNoMarkup() throws {
        let html = #"<body><h1>Canal walks</h1><p>Posted on</p><p>12 August 2022</p><p>Text.</p></body>"#
        #expect(try metadata(html).published == "2022-08-12")
    }

    @Test func commentMicrodataDateIgnored() throws {
        let html = #"<body><h1>Q</h1><div class="comments"><span itemprop="datePublished">2011-02-12</span></div><time datetime="2011-02-11T23:49:17Z">Feb 11</time></body>"#
        #expect(try metadata(html).published == "2011-02-11T23:49:17Z")
    }
}

@Suite struct MetadataShownDateAgreementTests {
    private func metadata(_ html: String) throws -> PageMetadata {
        MetadataExtractor().extract(try HTMLTestSupport.parse(html))
    }

    @Test func dayFirstNumericDateAgrees() throws {
        let html = #"<head><meta property="article:published_time" content="2022-11-04T09:00:00+01:00"></head><body><h1>Feira</h1><p>Publicado em 04/11/2022</p></body>"#
        #expect(try metadata(html).published == "2022-11-04T09:00:00+01:00")
    }

    @Test func memberJoinDateIsNotThePagesDate() throws {
        let html = #"<head><meta property="article:published_time" content="2023-07-02T12:00:00Z"></head><body><h1>Leaky tap</h1><dl><dd><strong>Joined:</strong> Tue Jan 10, 2023 4:00 pm</dd></dl></body>"#
        #expect(try metadata(html).published == "2023-07-02T12:00:00Z")
    }
}

@Suite struct MetadataShownDateOffsetTests {
    @Test func localTimestampBeatsShownDateADayOff() throws {
        let html = #"<head><meta property="article:published_time" content="2019-05-06T07:30:00-05:00"></head><body><h1>Harbour news</h1><p>May 7, 2019</p></body>"#
        #expect(MetadataExtractor().extract(try HTMLTestSupport.parse(html)).published == "2019-05-06T07:30:00-05:00")
    }

    @Test func utcTimestampGivesWayToShownLocalDay() throws {
        let html = #"<head><meta property="article:published_time" content="2019-05-07T02:10:00Z"></head><body><h1>Harbour news</h1><p>May 6, 2019</p></body>"#
        #expect(MetadataExtractor().extract(try HTMLTestSupport.parse(html)).published == "2019-05-06")
    }
}
