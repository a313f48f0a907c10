import Foundation

/// What the line model (`TextParagraphClassifier`, `LineModel`) reads about each line of a text dump,
/// as one row of numbers: the line's own figures (length, words, punctuation, digits, capitals, list
/// marker), the jusText stage's classes for it, where it sits, how often its text repeats in the dump,
/// its neighbours within two lines, the run of short lines and of list items it sits in, the text
/// around it, and the page's figures. `names` gives the columns in order; `winnow features` dumps the
/// rows so `Scripts/train-line-model.py` trains on exactly what inference computes.
enum LineFeatures {
    static let names: [String] = {
        var names = ["log_chars", "log_words", "ends_sentence", "ends_colon", "ends_question", "log_commas", "digit_share",
                     "upper_share", "capitalized_share", "punct_share", "mean_word_chars", "starts_upper", "starts_lower",
                     "bullet", "separators"]
        names += ["jus_initial", "jus_context_good", "jus_kept", "log_unit_lines"]
        names += ["position", "chars_before_share", "kept_before_share", "kept_after_share", "inside_kept_span", "log_kept_distance"]
        names += ["log_repeats", "first_occurrence", "log_first_word_repeats"]
        names += ["log_run_lines", "log_run_chars", "run_position", "log_short_run", "log_bullet_run"]
        for offset in ["prev2", "prev1", "next1", "next2"] {
            names += ["\(offset)_log_chars", "\(offset)_ends_sentence", "\(offset)_bullet", "\(offset)_jus_kept", "\(offset)_same_run"]
        }
        names += ["window_log_good_chars", "window_short_share", "window_bullet_share"]
        names += ["page_log_chars", "page_log_lines", "page_kept_share", "page_bullet_share", "page_short_share", "page_sentence_share"]
        return names
    }()

    static var count: Int { names.count }

    /// Lines shorter than this (weighted characters) are short: menu entries, labels, list items.
    static let shortChars = 50

    /// The line's first word (up to the first space, ASCII letters lowercased, digits as "0"), so
    /// "Reply", "Posted by", "$12.99", "3 comments" group with their kind elsewhere in the dump.
    static func firstWord(_ text: [UInt8]) -> [UInt8] {
        var word: [UInt8] = []
        for byte in text.prefix(24) {
            if ByteText.isSpace(byte) { if word.isEmpty { continue } else { break } }
            word.append(byte >= 0x30 && byte <= 0x39 ? 0x30 : ByteText.lower(byte))
        }
        return word
    }

    /// A list marker at the start: "* ", "+ ", "- ", "• ", "1. ", "2) " (leading spaces skipped).
    static func isBullet(_ text: [UInt8]) -> Bool {
        var i = 0
        while i < text.count && text[i] == 0x20 { i += 1 }
        guard i < text.count else { return false }
        let first = text[i]
        if first == UInt8(ascii: "*") || first == UInt8(ascii: "+") || first == UInt8(ascii: "-") {
            return i + 1 == text.count || text[i + 1] == 0x20
        }
        if first == 0xE2 && i + 2 < text.count && text[i + 1] == 0x80 && text[i + 2] == 0xA2 { return true }
        var j = i
        while j < text.count && j - i < 3 && text[j] >= 0x30 && text[j] <= 0x39 { j += 1 }
        return j > i && j + 1 < text.count && (text[j] == UInt8(ascii: ".") || text[j] == UInt8(ascii: ")")) && text[j + 1] == 0x20
    }

    /// Figures of one line, computed once and read by its neighbours too.
    struct Own {
        var chars = 0
        var words = 0
        var sentence = false
        var bullet = false
        var short: Bool { chars < LineFeatures.shortChars }
    }

    /// The rows for every line of `analysis`, flattened (`count` values per line).
    static func rows(_ analysis: TextParagraphClassifier.Analysis) -> [Double] {
        let lines = analysis.lines
        let n = lines.count
        let width = count
        var out = [Double](repeating: 0, count: n * width)
        guard n > 0 else { return out }
        var own = [Own](repeating: Own(), count: n)
        for i in 0..<n {
            own[i] = Own(chars: ByteText.weightedLength(lines[i]), words: ByteText.wordCount(lines[i]),
                         sentence: SentenceEnd.endsSentence(lines[i]), bullet: isBullet(lines[i]))
        }
        let totalChars = max(1, own.reduce(0) { $0 + $1.chars })
        var keptChars = 0
        for i in 0..<n where analysis.kept[i] { keptChars += own[i].chars }
        let firstKept = analysis.kept.firstIndex(of: true)
        let lastKept = analysis.kept.lastIndex(of: true)
        // Distance in lines to the nearest kept line on either side.
        var keptDistance = [Int](repeating: n + 1, count: n)
        var last = -1
        for i in 0..<n {
            if analysis.kept[i] { last = i }
            if last >= 0 { keptDistance[i] = i - last }
        }
        last = -1
        for i in stride(from: n - 1, through: 0, by: -1) {
            if analysis.kept[i] { last = i }
            if last >= 0 { keptDistance[i] = min(keptDistance[i], last - i) }
        }
        var repeats: [[UInt8]: Int] = [:]
        for line in lines { repeats[line, default: 0] += 1 }
        let firstWords = lines.map(firstWord)
        var firstWordRepeats: [[UInt8]: Int] = [:]
        for word in firstWords { firstWordRepeats[word, default: 0] += 1 }
        var seen = Set<[UInt8]>()
        // Runs (paragraphs): lines and characters, and each line's place in its run.
        let runCount = (analysis.run.max() ?? 0) + 1
        var runLines = [Int](repeating: 0, count: runCount), runChars = [Int](repeating: 0, count: runCount)
        for i in 0..<n {
            runLines[analysis.run[i]] += 1
            runChars[analysis.run[i]] += own[i].chars
        }
        var runStart = [Int](repeating: 0, count: n)
        for i in 0..<n { runStart[i] = i > 0 && analysis.run[i - 1] == analysis.run[i] ? runStart[i - 1] : i }
        // Streaks of short lines and of list items (across blank lines), length per line.
        func streaks(_ member: (Int) -> Bool) -> [Int] {
            var result = [Int](repeating: 0, count: n)
            var start = 0
            while start < n {
                guard member(start) else { start += 1; continue }
                var end = start
                while end < n && member(end) { end += 1 }
                for k in start..<end { result[k] = end - start }
                start = end
            }
            return result
        }
        let shortRun = streaks { own[$0].short }
        let bulletRun = streaks { own[$0].bullet }
        var bulletLines = 0, shortLines = 0, sentenceLines = 0
        for line in own {
            if line.bullet { bulletLines += 1 }
            if line.short { shortLines += 1 }
            if line.sentence { sentenceLines += 1 }
        }
        let page: [Double] = [
            log1p(Double(totalChars)), log1p(Double(n)), Double(keptChars) / Double(totalChars),
            Double(bulletLines) / Double(n), Double(shortLines) / Double(n), Double(sentenceLines) / Double(n),
        ]
        var before = 0, keptBefore = 0
        var row: [Double] = []
        row.reserveCapacity(width)
        for i in 0..<n {
            row.removeAll(keepingCapacity: true)
            let text = lines[i]
            let line = own[i]
            var digits = 0, upper = 0, letters = 0, punct = 0, commas = 0, separators = 0
            for byte in text {
                switch byte {
                case 0x30...0x39: digits += 1
                case 0x41...0x5A: upper += 1; letters += 1
                case 0x61...0x7A: letters += 1
                case UInt8(ascii: ","): commas += 1; punct += 1
                case UInt8(ascii: "|"): separators += 1; punct += 1
                case 0x21...0x2F, 0x3A...0x40, 0x5B...0x60, 0x7B...0x7E: punct += 1
                default: break
                }
            }
            // Words starting with a capital letter (ASCII), of all words.
            var capitalized = 0
            var previousSpace = true
            for byte in text {
                let space = ByteText.isSpace(byte)
                if previousSpace && !space && byte >= 0x41 && byte <= 0x5A { capitalized += 1 }
                previousSpace = space
            }
            let first = text.first ?? 0
            let bytes = Double(max(text.count, 1))
            row += [log1p(Double(line.chars)), log1p(Double(line.words)), line.sentence ? 1 : 0,
                    text.last == UInt8(ascii: ":") ? 1 : 0, text.last == UInt8(ascii: "?") ? 1 : 0, log1p(Double(commas)),
                    Double(digits) / bytes, Double(upper) / Double(max(letters, 1)), Double(capitalized) / Double(max(line.words, 1)),
                    Double(punct) / bytes, Double(line.chars) / Double(max(line.words, 1)),
                    first >= 0x41 && first <= 0x5A ? 1 : 0, first >= 0x61 && first <= 0x7A ? 1 : 0,
                    line.bullet ? 1 : 0, log1p(Double(separators))]
            row += [classValue(analysis.initial[i]), analysis.contextual[i] == .good ? 1 : 0, analysis.kept[i] ? 1 : 0,
                    log1p(Double(analysis.unitLines[i]))]
            var inside = 0.0
            if let firstKept, let lastKept, i >= firstKept && i <= lastKept { inside = 1 }
            row += [Double(i) / Double(max(n - 1, 1)), Double(before) / Double(totalChars),
                    Double(keptBefore) / Double(max(keptChars, 1)),
                    Double(keptChars - keptBefore - (analysis.kept[i] ? line.chars : 0)) / Double(max(keptChars, 1)),
                    inside, log1p(Double(keptDistance[i]))]
            before += line.chars
            if analysis.kept[i] { keptBefore += line.chars }
            row += [log(Double(repeats[text] ?? 1)), seen.contains(text) ? 0 : 1, log(Double(firstWordRepeats[firstWords[i]] ?? 1))]
            seen.insert(text)
            let run = analysis.run[i]
            let inRun = runLines[run]
            row += [log1p(Double(inRun)), log1p(Double(runChars[run])),
                    inRun > 1 ? Double(i - runStart[i]) / Double(inRun - 1) : 0,
                    log1p(Double(shortRun[i])), log1p(Double(bulletRun[i]))]
            for offset in [-2, -1, 1, 2] {
                let j = i + offset
                if j >= 0 && j < n {
                    row += [log1p(Double(own[j].chars)), own[j].sentence ? 1 : 0, own[j].bullet ? 1 : 0,
                            analysis.kept[j] ? 1 : 0, analysis.run[j] == run ? 1 : 0]
                } else {
                    row += [-1, 0, 0, 0, 0]
                }
            }
            var goodChars = 0, shortNear = 0, bulletNear = 0, near = 0
            for j in max(0, i - 5)...min(n - 1, i + 5) where j != i {
                near += 1
                if analysis.initial[j] == .good { goodChars += own[j].chars }
                if own[j].short { shortNear += 1 }
                if own[j].bullet { bulletNear += 1 }
            }
            row += [log1p(Double(goodChars)), Double(shortNear) / Double(max(near, 1)), Double(bulletNear) / Double(max(near, 1))]
            row += page
            out.replaceSubrange(i * width..<(i + 1) * width, with: row)
        }
        return out
    }

    /// The jusText class as a number, from chrome to prose.
    static func classValue(_ value: TextParagraphClassifier.Class) -> Double {
        switch value {
        case .bad: return 0
        case .short: return 1
        case .nearGood: return 2
        case .good: return 3
        }
    }
}
