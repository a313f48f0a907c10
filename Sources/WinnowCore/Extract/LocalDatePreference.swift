/// Pages often state the publication time twice: once in UTC (JSON-LD, `article:published_time` from
/// a CMS that stores UTC) and once with the site's own offset (`<time datetime>`). The calendar date
/// people read is the local one ("2024-03-01T22:30:00-05:00", not "2024-03-02T03:30:00Z"), so a UTC
/// timestamp gives way to another candidate that names the same instant with a non-zero offset.
enum LocalDatePreference {
    /// `chosen` unless it is a UTC timestamp and one of `others` is the same instant (within a
    /// minute) written with a local offset.
    static func prefer(_ chosen: String, among others: [String]) -> String {
        guard let base = Timestamp(chosen), base.offsetMinutes == 0 else { return chosen }
        for other in others {
            guard let local = Timestamp(other), let offset = local.offsetMinutes, offset != 0 else { continue }
            if abs(local.utcMinutes - base.utcMinutes) <= 1 { return other }
        }
        return chosen
    }

    /// An ISO 8601 timestamp with its zone: "2024-03-01T22:30:00-05:00", "…Z", "…+0530".
    struct Timestamp {
        var utcMinutes: Int
        /// Minutes east of UTC; nil when the timestamp names no zone.
        var offsetMinutes: Int?

        init?(_ text: String) {
            let b = Array(text.utf8)
            func number(_ range: Range<Int>) -> Int? { ByteText.decimal(b, range) }
            guard b.count >= 16, b[4] == UInt8(ascii: "-"), b[7] == UInt8(ascii: "-"), b[10] == UInt8(ascii: "T") || b[10] == 0x20,
                  b[13] == UInt8(ascii: ":"), let year = number(0..<4), let month = number(5..<7), let day = number(8..<10),
                  let hour = number(11..<13), let minute = number(14..<16), (1...12).contains(month), (1...31).contains(day) else { return nil }
            // Seconds and fractions are skipped: the comparison is to the minute.
            var i = 16
            while i < b.count, (b[i] >= 0x30 && b[i] <= 0x39) || b[i] == UInt8(ascii: ":") || b[i] == UInt8(ascii: ".") { i += 1 }
            var offset: Int?
            if i < b.count, b[i] == UInt8(ascii: "Z") {
                offset = 0
            } else if i < b.count, b[i] == UInt8(ascii: "+") || b[i] == UInt8(ascii: "-") {
                let sign = b[i] == UInt8(ascii: "-") ? -1 : 1
                let colon = i + 3 < b.count && b[i + 3] == UInt8(ascii: ":")
                if let hours = number(i + 1..<i + 3), let minutes = number(colon ? i + 4..<i + 6 : i + 3..<i + 5) {
                    offset = sign * (hours * 60 + minutes)
                }
            }
            let local = LocalDatePreference.days(year: year, month: month, day: day) * 1440 + hour * 60 + minute
            utcMinutes = local - (offset ?? 0)
            offsetMinutes = offset
        }
    }

    /// Days since 1970-01-01 of a proleptic Gregorian date (Howard Hinnant's days_from_civil).
    static func days(year: Int, month: Int, day: Int) -> Int {
        let y = month <= 2 ? year - 1 : year
        let era = (y >= 0 ? y : y - 399) / 400
        let yearOfEra = y - era * 400
        let dayOfYear = (153 * (month + (month > 2 ? -3 : 9)) + 2) / 5 + day - 1
        let dayOfEra = yearOfEra * 365 + yearOfEra / 4 - yearOfEra / 100 + dayOfYear
        return era * 146097 + dayOfEra - 719468
    }
}
