import Foundation
import Testing
@testable import WinnowCore

/// The encoder of Winnow's per-run files: the order the model writes, and `winnow report`'s form.
@Suite struct OrderedJSONEncoderTests {
    struct Sample: Encodable {
        var zeta = 1
        var alpha: String? = nil
        var path = "a/b \u{1B}\t\"é"
        var numbers: [Double] = [0.5, 2, 1e-05, 1e16, 0.30000000000000004]
        var big: UInt64 = .max
        var flag = true
        var empty: [Int] = []
        var nested = KeyedValues([.init(key: "b", value: 2), .init(key: "a", value: 1)])

        enum CodingKeys: String, CodingKey { case zeta, alpha, path, numbers, big, flag, empty, nested }

        func encode(to encoder: any Encoder) throws {
            var values = encoder.container(keyedBy: CodingKeys.self)
            try values.encode(zeta, forKey: .zeta)
            try values.encode(alpha, forKey: .alpha)
            try values.encode(path, forKey: .path)
            try values.encode(numbers, forKey: .numbers)
            try values.encode(big, forKey: .big)
            try values.encode(flag, forKey: .flag)
            try values.encode(empty, forKey: .empty)
            try values.encode(nested, forKey: .nested)
        }
    }

    @Test func compactKeepsTheOrderWritten() throws {
        #expect(String(decoding: try OrderedJSONEncoder().encode(Sample()), as: UTF8.self) == """
            {"zeta":1,"alpha":null,"path":"a/b \\u001b\\t\\"é","numbers":[0.5,2,1e-05,1e+16,0.30000000000000004],\
            "big":18446744073709551615,"flag":true,"empty":[],"nested":{"b":2,"a":1}}

            """)
    }

    /// `winnow report` printed JSONSerialization's `.prettyPrinted` + `.sortedKeys` form: the same bytes.
    @Test func sortedPrettyIsJSONSerializationsForm() throws {
        let keys = ["B", "a", "10", "2", "dedup.exact", "dedup.near", "_x", "utf-8 (meta)", "utf-8 (utf8-valid)", "Z-b", "z_a", "é", "ab", "a-b", "a.b"]
        let counts = KeyedValues(keys.enumerated().map { KeyedValues<Int>.Entry(key: $0.element, value: $0.offset) })
        struct Report: Encodable {
            var counts: KeyedValues<Int>
            var text = "out/dir \u{1B}\u{7F}\n\"q\" \\ é"
            var seconds = [0.1234, 2.0, 0.30000000000000004, 1e-05, 1e15]
            var nested = [["empty": [String]()]]
            var none: [String: Int] = [:]
            var flag = false
        }
        let report = Report(counts: counts)
        let ours = try OrderedJSONEncoder(style: .sortedPretty).encode(report)
        let object: [String: Any] = [
            "counts": Dictionary(uniqueKeysWithValues: keys.enumerated().map { ($0.element, $0.offset) }), "text": report.text,
            "seconds": report.seconds, "nested": [["empty": [String]()]], "none": [String: Int](), "flag": false,
        ]
        let theirs = try JSONSerialization.data(withJSONObject: object, options: [.prettyPrinted, .sortedKeys])
        #expect(String(decoding: ours, as: UTF8.self) == String(decoding: theirs, as: UTF8.self) + "\n")
    }
}
