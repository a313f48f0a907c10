import Foundation
import Testing
@testable import WinnowCore

@Suite struct LineFeatureTests {
    private func runs(_ text: String) -> [[UInt8]] {
        text.components(separatedBy: "\n\n").filter { !$0.isEmpty }.map { Array($0.utf8) }
    }

    private func column(_ name: String) -> Int { LineFeatures.names.firstIndex(of: name) ?? -1 }

    @Test func builtInModelParsesAndReadsTheseFeatures() throws {
        let model = try TreeEnsemble(text: LineModel.text)
        #expect(model.featureCount == LineFeatures.count)
        #expect(TextParagraphClassifier.builtInModel != nil)
        #expect(Set(LineFeatures.names).count == LineFeatures.count)
        #expect(LineModel.text.utf8.count < 2_000_000)
    }

    @Test(arguments: [
        ("* Home", true), ("+ Nested", true), ("- Dash item", true), ("• Dot", true), ("12. Step", true), ("3) Third", true),
        ("  * Indented", true), ("*", true), ("*bold*", false), ("2024. A year", false), ("12345. no", false), ("Plain line", false), ("", false),
    ])
    func listMarkers(line: String, bullet: Bool) {
        #expect(LineFeatures.isBullet(Array(line.utf8)) == bullet, "\(line)")
    }

    @Test func rowsOfASmallDump() {
        let prose = "The council met on Tuesday evening to discuss the harbour, and after a long debate the members agreed that the wall had to be rebuilt before the winter storms."
        let dump = "* Home\n* News\n* Sport\n\n\(prose)\n\nShare this\n\n* Home\n* News"
        let analysis = TextParagraphClassifier(model: nil).analyse(runs(dump))
        #expect(analysis.lines.count == 7)
        #expect(analysis.run == [0, 0, 0, 1, 2, 3, 3])
        let rows = LineFeatures.rows(analysis)
        #expect(rows.count == 7 * LineFeatures.count)
        func value(_ line: Int, _ name: String) -> Double { rows[line * LineFeatures.count + column(name)] }
        // The menu: list items in a run of three short lines, repeated at the foot of the page.
        #expect(value(0, "bullet") == 1)
        #expect(value(0, "log_bullet_run") == log1p(3))
        #expect(value(0, "log_short_run") == log1p(3))
        #expect(value(0, "log_repeats") == log(2))
        #expect(value(0, "first_occurrence") == 1)
        #expect(value(5, "first_occurrence") == 0)
        #expect(value(0, "jus_kept") == 0)
        #expect(value(0, "prev1_log_chars") == -1)
        #expect(value(1, "prev1_same_run") == 1)
        #expect(value(2, "next1_same_run") == 0)
        // The prose line: the jusText stage keeps it; it ends a sentence and has commas.
        #expect(value(3, "jus_kept") == 1)
        #expect(value(3, "jus_initial") == 3)
        #expect(value(3, "ends_sentence") == 1)
        #expect(value(3, "log_commas") == log1p(1))
        #expect(value(3, "bullet") == 0)
        #expect(value(3, "log_repeats") == 0)
        #expect(value(3, "inside_kept_span") == 1)
        #expect(value(4, "inside_kept_span") == 0)
        #expect(value(4, "log_kept_distance") == log1p(1))
        #expect(value(4, "kept_before_share") == 1)
        #expect(value(0, "kept_after_share") == 1)
        #expect(value(3, "kept_after_share") == 0)
        #expect(value(0, "log_first_word_repeats") == log(5))
        #expect(value(4, "log_first_word_repeats") == 0)
        #expect(value(0, "position") == 0)
        #expect(value(6, "position") == 1)
        #expect(value(0, "page_log_lines") == log1p(7))
        #expect(value(0, "page_bullet_share") == 5.0 / 7.0)
    }

    /// A thread rendered to text: site menu, the question, three replies (short ones too), footer links.
    static let thread = """
        Skip to content
        * Home
        * Forums
        * Members
        * What's new
        * Log in
        * Register

        Garden Forum
        Why are the leaves of my tomato plants turning yellow?

        Started by greenthumb, 12 June 2024

        greenthumb
        My tomato plants were growing well until last week, but now the lower leaves are turning yellow and some have brown spots. I water them every morning and they get about six hours of sun. Is this a disease, or am I doing something wrong?

        Reply
        marigold
        It sounds like early blight. Remove the spotted leaves, water at the base rather than over the leaves, and give the plants more room so the air can move between them.

        Reply
        oldroots
        Could also be a lack of nitrogen. The lower leaves go first when the plant runs short, so feed them once a week with a balanced fertiliser and see whether the new growth stays green.

        Reply
        greenthumb
        Thanks, both of you. I removed the spotted leaves and fed them yesterday, and I will water at the base from now on.

        You must log in or register to reply here.
        * Contact us
        * Terms and rules
        * Privacy policy
        * Help
        * Home
        """

    /// The closing one-line thanks just above the footer is not asserted: the model drops it today.
    @Test func keepsTheRepliesOfAThreadAndDropsItsMenu() {
        let lines = Self.thread.split(separator: "\n", omittingEmptySubsequences: false).map { Array($0.utf8) }
        let text = TextDumpExtractor(titleMaxChars: 200).extract(lines).paragraphs.map(\.utf8String).joined(separator: "\n")
        #expect(text.contains("My tomato plants were growing well"))
        #expect(text.contains("It sounds like early blight."))
        #expect(text.contains("Could also be a lack of nitrogen."))
        for menu in ["* Members", "* Register", "* Terms and rules", "* Privacy policy"] { #expect(!text.contains(menu), "\(menu)") }
    }

    @Test func firstWordsGroupByKind() {
        #expect(LineFeatures.firstWord(Array("  Reply to this".utf8)).utf8String == "reply")
        #expect(LineFeatures.firstWord(Array("$12.99 each".utf8)).utf8String == "$00.00")
        #expect(LineFeatures.firstWord(Array("".utf8)).isEmpty)
    }

    @Test func emptyDumpHasNoRows() {
        let analysis = TextParagraphClassifier(model: nil).analyse([])
        #expect(analysis.lines.isEmpty)
        #expect(LineFeatures.rows(analysis).isEmpty)
    }
}
