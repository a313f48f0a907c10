import Foundation

/// RFC 3339 timestamps: the run's start for `added`, and the check of `--added`.
public enum RFC3339 {
    static func format(_ date: Date) -> String {
        let formatter = ISO8601DateFormatter()
        formatter.formatOptions = [.withInternetDateTime]
        formatter.timeZone = TimeZone(identifier: "UTC")
        return formatter.string(from: date)
    }

    /// Whether `text` is one RFC 3339 date-time (`2026-11-27T02:00:00Z`, `…T02:00:00.5+01:00`): the
    /// shape byte by byte, then the calendar (month 13, February 30 and 25:00 are not times). It is
    /// written into every record as it is, so nothing may trail it.
    public static func isValid(_ text: String) -> Bool {
        let bytes = Array(text.utf8)
        func digits(_ range: Range<Int>) -> Int? { ByteText.decimal(bytes, range) }
        guard bytes.count >= 20, let year = digits(0..<4), bytes[4] == UInt8(ascii: "-"), let month = digits(5..<7),
              bytes[7] == UInt8(ascii: "-"), let day = digits(8..<10), bytes[10] == UInt8(ascii: "T") || bytes[10] == UInt8(ascii: "t"),
              let hour = digits(11..<13), bytes[13] == UInt8(ascii: ":"), let minute = digits(14..<16), bytes[16] == UInt8(ascii: ":"),
              let second = digits(17..<19) else { return false }
        var i = 19
        if i < bytes.count && bytes[i] == UInt8(ascii: ".") {
            i += 1
            let start = i
            while i < bytes.count && bytes[i] >= 0x30 && bytes[i] <= 0x39 { i += 1 }
            guard i > start else { return false }
        }
        guard i < bytes.count else { return false }
        if bytes[i] == UInt8(ascii: "Z") || bytes[i] == UInt8(ascii: "z") {
            i += 1
        } else {
            guard bytes[i] == UInt8(ascii: "+") || bytes[i] == UInt8(ascii: "-"), let offsetHour = digits(i + 1..<i + 3),
                  i + 3 < bytes.count, bytes[i + 3] == UInt8(ascii: ":"), let offsetMinute = digits(i + 4..<i + 6),
                  offsetHour < 24, offsetMinute < 60 else { return false }
            i += 6
        }
        guard i == bytes.count, year >= 1, (1...12).contains(month), hour < 24, minute < 60, second <= 60 else { return false }
        let leap = year % 4 == 0 && (year % 100 != 0 || year % 400 == 0)
        let days = [31, leap ? 29 : 28, 31, 30, 31, 30, 31, 31, 30, 31, 30, 31][month - 1]
        return (1...days).contains(day)
    }
}
