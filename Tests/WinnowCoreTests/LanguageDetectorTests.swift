import Testing
@testable import WinnowCore

@Suite struct LanguageDetectorTests {
    let english = "The town council approved a plan on Tuesday to rebuild the old harbour wall, ending a debate that had lasted for almost three years. Supporters said the wall protects dozens of homes and the fishing fleet."
    let french = "Le conseil municipal a approuvé mardi un projet de reconstruction de l'ancien mur du port, mettant fin à un débat qui durait depuis presque trois ans. Les partisans ont déclaré que le mur protège des dizaines de maisons."

    @Test func detectsTheTextsLanguage() throws {
        let en = try #require(LanguageDetector().detect(Array(english.utf8)))
        #expect(en.code == "en")
        #expect(en.reliable)
        #expect(en.percent > 80)
        #expect(LanguageDetector().detect(Array(french.utf8))?.code == "fr")
        #expect(LanguageDetector().detect([]) == nil)
    }

    private func decide(markup: String?, text: String) -> PageMetadata {
        var document = WorkingDocument(input: InputItem(path: "/x", source: "x.html", kind: .html, gzipped: false, size: 0))
        document.metadata.language = markup
        document.paragraphs = [Array(text.utf8)]
        ExtractStage(settings: WinnowConfig()).decideLanguage(&document)
        return document.metadata
    }

    @Test func markupAndDetectionTogether() {
        // Agreement keeps the markup's more specific tag.
        let agree = decide(markup: "en-GB", text: english)
        #expect(agree.language == "en-GB")
        #expect((agree.languageConfidence ?? 0) > 0.8)
        // A template that says "en" on a French text loses to a reliable detection.
        #expect(decide(markup: "en", text: french).language == "fr")
        // No markup: the detection.
        #expect(decide(markup: nil, text: english).language == "en")
        // Nothing to detect from: the markup stays, without a confidence.
        let empty = decide(markup: "de", text: "")
        #expect(empty.language == "de")
        #expect(empty.languageConfidence == nil)
    }
}
