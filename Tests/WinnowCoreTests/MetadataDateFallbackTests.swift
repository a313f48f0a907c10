import Testing
@testable import WinnowCore

/// Where a page's date comes from when it has no publication-date markup (hand-written snippets).
@Suite struct MetadataDateFallbackTests {
    private func published(_ html: String) throws -> String? {
        MetadataExtractor().extract(try HTMLTestSupport.parse(html)).published
    }

    @Test func modificationTimeWhenNothingElse() throws {
        let html = #"<head><meta property="article:modified_time" content="2023-06-12T10:39:42+00:00"></head><body><h1>Roof repairs</h1><p>Call us.</p></body>"#
        #expect(try published(html)?.prefix(10) == "2023-06-12")
    }

    @Test func jsonLDModificationWhenNoPublication() throws {
        let html = #"<head><script type="application/ld+json">{"@type":"WebPage","dateModified":"2024-02-03T08:00:00Z"}</script></head><body><h1>Plans</h1></body>"#
        #expect(try published(html)?.prefix(10) == "2024-02-03")
    }

    @Test func publicationBeatsModification() throws {
        let html = #"<head><meta property="article:modified_time" content="2025-08-19T13:25:59+00:00"><meta property="article:published_time" content="2025-01-29T20:47:55+00:00"></head><body><h1>Trends</h1></body>"#
        #expect(try published(html)?.prefix(10) == "2025-01-29")
    }

    @Test func namespacedDateMeta() throws {
        let html = #"<head><meta name="ms.date" content="2025-03-06T00:00:00Z"></head><body><h1>Install the tool</h1></body>"#
        #expect(try published(html)?.prefix(10) == "2025-03-06")
    }

    @Test func namespacedExpiryIsNoPublication() throws {
        #expect(!MetadataExtractor.namesPublicationDate(ArraySlice("ms.expiry-date".utf8)))
        #expect(!MetadataExtractor.namesPublicationDate(ArraySlice("article:modified.date".utf8)))
        #expect(MetadataExtractor.namesPublicationDate(ArraySlice("DC.Date".utf8)))
    }

    @Test func percentEncodedURLDate() throws {
        let html = #"<head><meta property="og:url" content="https://blog.example.org%2Farticles%2F2025-12-15%2BWhy%2Band%2Bhow"></head><body><h1>Why and how</h1></body>"#
        #expect(try published(html) == "2025-12-15")
    }

    @Test func headlineDateBeforeCardDateLine() throws {
        let html = #"<body><h1>Best walking boots</h1><p>Last updated: Dec 12, 2025</p><p>Boots need care and a good fit to last for years of walking.</p>"#
            + #"<div class="related"><div class="post-date">December 2, 2025</div><a>Other post</a></div></body>"#
        #expect(try published(html) == "2025-12-12")
    }

    @Test func shownPublicationBeatsMarkupThatIsTheUpdate() throws {
        let html = #"<head><script type="application/ld+json">{"@type":"Article","datePublished":"2025-08-21"}</script></head>"#
            + #"<body><h1>Electrical firms</h1><p>By Ada Quill, Published Apr 26, 2023</p><p>Updated Aug 21, 2025</p><p>Text of the article.</p></body>"#
        #expect(try published(html) == "2023-04-26")
    }
}
