import Foundation

/// Publication dates as pages write them, to ISO 8601: ISO dates and timestamps are kept as written
/// (a space before the time becomes "T"); "2019/11/19", "20191119", "19.11.2019", "November 19, 2019",
/// "19 Nov 2019" and "Nov. 19, 2019 9:02 AM" become "2019-11-19", as do month names in Spanish, French,
/// German, Italian, Portuguese and Dutch ("19 de noviembre de 2019", "19. November 2019"). Anything else is nil.
enum DateParser {
    private static let months: [String: Int] = {
        var table: [String: Int] = [:]
        let names = ["january", "february", "march", "april", "may", "june", "july", "august", "september", "october", "november", "december"]
        for (i, name) in names.enumerated() {
            table[name] = i + 1
            table[String(name.prefix(3))] = i + 1
        }
        table["sept"] = 9
        return table
    }()

    /// Spanish, French, German, Italian, Portuguese and Dutch month names and abbreviations, month by
    /// month, without those that are English words ("ago", "set", "out": see `wordMonths`). Read after
    /// the English names, so "Mars rover, Feb 18, 2021" stays February.
    private static let foreignMonths: [String: Int] = {
        var table: [String: Int] = [:]
        let foreign = [
            "enero ene janvier janv januar jänner gennaio janeiro januari",
            "febrero février fevrier févr fevr februar febbraio fevereiro fev februari",
            "marzo mars märz maerz mär março maart mrt",
            "abril abr avril avr aprile",
            "mayo mai maggio maio mei",
            "junio juin juni giugno giu junho",
            "julio juillet juil juli luglio lug julho",
            "agosto août aout augustus",
            "septiembre setiembre septembre settembre setembro",
            "octubre octobre oktober okt ottobre ott outubro",
            "noviembre novembre novembro",
            "diciembre dic décembre decembre déc dezember dez dicembre dezembro",
        ]
        for (i, line) in foreign.enumerated() {
            for name in line.split(separator: " ") { table[String(name)] = i + 1 }
        }
        return table
    }()

    /// Abbreviations that are also English words ("3 days ago", "set", "out"): a month only between
    /// numbers ("04-ago-2021", "12 set. 2020").
    private static let wordMonths: [String: Int] = ["ago": 8, "set": 9, "out": 10, "gen": 1, "mag": 5]

    static func parse(_ raw: String) -> String? {
        let value = WhitespaceTrim.trimmed(raw)
        guard !value.isEmpty, value.utf8.count < 80 else { return nil }
        if let iso = isoPrefix(value) { return iso }
        let bytes = Array(value.utf8)
        // Compact and separated numeric forms.
        let digits = bytes.filter { $0 >= 0x30 && $0 <= 0x39 }
        if bytes.count == 8, digits.count == 8 { return ymd(Int(value.prefix(4)), Int(value.dropFirst(4).prefix(2)), Int(value.suffix(2))) }
        let numbers = dateNumbers(bytes)
        let lowered = value.lowercased()
        let words = lowered.split(whereSeparator: { !$0.isLetter }).map(String.init)
        if let month = words.lazy.compactMap({ months[$0] }).first ?? words.lazy.compactMap({ foreignMonths[$0] }).first
            ?? monthBetweenNumbers(lowered) {
            // "November 19, 2019" / "19 Nov 2019": the year is the 4-digit number, the day a 1–2 digit one.
            guard let year = numbers.first(where: { $0 >= 1990 && $0 <= 2100 }),
                  let day = numbers.first(where: { $0 >= 1 && $0 <= 31 }) else { return nil }
            return ymd(year, month, day)
        }
        guard numbers.count >= 3 else { return nil }
        if numbers[0] >= 1990 && numbers[0] <= 2100 { return ymd(numbers[0], numbers[1], numbers[2]) }  // 2019/11/19
        guard numbers[2] >= 1990 && numbers[2] <= 2100 else { return nil }
        // Year last: a day above 12 settles the order; otherwise "/" is the US month/day/year and
        // "." or "-" the European day.month.year.
        if numbers[0] > 12 { return ymd(numbers[2], numbers[1], numbers[0]) }
        if numbers[1] > 12 || bytes.contains(UInt8(ascii: "/")) { return ymd(numbers[2], numbers[0], numbers[1]) }
        return ymd(numbers[2], numbers[1], numbers[0])
    }

    /// A `wordMonths` abbreviation with a day or year on both sides ("04-ago-2021", "12 set. 2020").
    private static func monthBetweenNumbers(_ lowered: String) -> Int? {
        let bytes = Array(lowered.utf8)
        func isDigit(_ i: Int) -> Bool { i >= 0 && i < bytes.count && bytes[i] >= 0x30 && bytes[i] <= 0x39 }
        func isSeparator(_ i: Int) -> Bool { i >= 0 && i < bytes.count && (bytes[i] == 0x20 || bytes[i] == 0x2D || bytes[i] == 0x2E || bytes[i] == 0x2F) }
        for (word, month) in wordMonths {
            let needle = Array(word.utf8)
            var i = 1
            while i + needle.count < bytes.count {
                if bytes[i..<(i + needle.count)].elementsEqual(needle), isSeparator(i - 1), isDigit(i - 2) {
                    var after = i + needle.count
                    while isSeparator(after) { after += 1 }
                    if after > i + needle.count, isDigit(after) { return month }
                }
                i += 1
            }
        }
        return nil
    }

    /// True when the text names a month in words ("Mar 5", "5 March"): its day and month are not in doubt.
    static func namesMonth(_ raw: String) -> Bool {
        let lowered = raw.lowercased()
        return lowered.split(whereSeparator: { !$0.isLetter }).contains { months[String($0)] != nil || foreignMonths[String($0)] != nil }
            || monthBetweenNumbers(lowered) != nil
    }

    /// The numbers of a date line, in order, without those that belong to a time of day ("10:02 AM",
    /// "9 pm"), so "Published 10:02 AM EST Nov 19, 2019" yields 19 and 2019.
    static func dateNumbers(_ bytes: [UInt8]) -> [Int] {
        var numbers: [Int] = []
        var i = 0
        while i < bytes.count {
            guard bytes[i] >= 0x30 && bytes[i] <= 0x39 else { i += 1; continue }
            let start = i
            var value = 0
            while i < bytes.count && bytes[i] >= 0x30 && bytes[i] <= 0x39 && i - start < 9 {
                value = value * 10 + Int(bytes[i] - 0x30)
                i += 1
            }
            let before = start > 0 ? bytes[start - 1] : 0
            var after = i
            while after < bytes.count && bytes[after] == 0x20 { after += 1 }
            let next = after < bytes.count ? ByteText.lower(bytes[after]) : 0
            let nextNext = after + 1 < bytes.count ? ByteText.lower(bytes[after + 1]) : 0
            let isTime = before == UInt8(ascii: ":") || (i < bytes.count && bytes[i] == UInt8(ascii: ":"))
                || ((next == UInt8(ascii: "a") || next == UInt8(ascii: "p")) && (nextNext == UInt8(ascii: "m") || nextNext == UInt8(ascii: ".")))
            if !isTime { numbers.append(value) }
        }
        return numbers
    }

    /// A leading ISO 8601 date or timestamp, as written.
    static func isoPrefix(_ value: String) -> String? {
        let bytes = Array(value.utf8)
        func digits(_ range: Range<Int>) -> Bool { range.upperBound <= bytes.count && bytes[range].allSatisfy { $0 >= 0x30 && $0 <= 0x39 } }
        guard bytes.count >= 10, digits(0..<4), bytes[4] == UInt8(ascii: "-"), digits(5..<7), bytes[7] == UInt8(ascii: "-"), digits(8..<10),
              ymd(Int(value.prefix(4)), Int(value.dropFirst(5).prefix(2)), Int(value.dropFirst(8).prefix(2))) != nil else { return nil }
        if bytes.count >= 16, bytes[10] == UInt8(ascii: "T") || bytes[10] == UInt8(ascii: " "), digits(11..<13), bytes[13] == UInt8(ascii: ":"), digits(14..<16) {
            var end = 16
            while end < bytes.count, let scalar = Unicode.Scalar(UInt32(bytes[end])), "0123456789:.+-Z".unicodeScalars.contains(scalar) { end += 1 }
            var out = Array(bytes[0..<end])
            out[10] = UInt8(ascii: "T")
            return String(decoding: out, as: UTF8.self)
        }
        return String(decoding: bytes[0..<10], as: UTF8.self)
    }

    /// A date from a URL path: /2019/11/19/, /2019-11-19, /20191119/.
    static func fromURL(_ url: String) -> String? {
        let parts = url.split(separator: "/").map(String.init)
        for (i, part) in parts.enumerated() {
            if part.count == 4, let year = Int(part), year >= 1990 && year <= 2100, i + 2 < parts.count,
               let month = Int(parts[i + 1]), let day = Int(parts[i + 2].prefix(2)), parts[i + 1].count <= 2 {
                if let date = ymd(year, month, day) { return date }
            }
            if part.count >= 10, let iso = isoPrefix(part) { return String(iso.prefix(10)) }
        }
        // A compact date in the slug: "…-immune-responses-20191115/".
        for token in url.split(whereSeparator: { !$0.isNumber }) where token.count == 8 {
            if let date = ymd(Int(token.prefix(4)), Int(token.dropFirst(4).prefix(2)), Int(token.suffix(2))) { return date }
        }
        return nil
    }

    private static func ymd(_ year: Int?, _ month: Int?, _ day: Int?) -> String? {
        guard let year, let month, let day, (1990...2100).contains(year), (1...12).contains(month), (1...31).contains(day) else { return nil }
        func two(_ n: Int) -> String { n < 10 ? "0\(n)" : "\(n)" }
        return "\(year)-\(two(month))-\(two(day))"
    }
}
