import Foundation
import IntakeTestSupport
import Testing
@testable import ComplaintIntake

@Suite("Batch line JSON reader")
struct SimpleJSONTests {
    // Lines the fast reader takes must give what Foundation's parser gives; the rest it must leave to Foundation.
    static let taken: [String] = [
        #"{"text": "快递一周了还没到，订单号DD20240305001", "channel": "social"}"#,
        #"{"id":"a-1","text":"El pedido llegó roto \"otra vez\"\n¿Quién responde?","customer":{"name":"Ana","tier":"B","email":null}}"#,
        #"  {"text": "\u5feb\u9012\u592a\u6162 \ud83d\ude21 tab\there", "subject": "Re: \/queja"}  "#,
        #"{"text": "客服態度很差", "customer": {}, "received_at": "2024-03-05T10:00:00Z"}"#,
    ]

    static let leftToFoundation: [String] = [
        #"{"text": "ok", "id": 7}"#,                  // a number
        #"{"text": "ok", "flag": true}"#,              // a boolean
        #"{"text": "ok", "tags": ["a"]}"#,             // an array
        #"{"text": "ok", "text": "again"}"#,           // a duplicate key
        #"{"text": "unterminated"#,                     // a syntax error
        #"["not", "an", "object"]"#,
    ]

    @Test(arguments: taken)
    func readsWhatFoundationReads(line: String) throws {
        let fast = try #require(SimpleJSON.object(Array(line.utf8)[...]))
        let slow = try #require(try JSONSerialization.jsonObject(with: Data(line.utf8)) as? [String: Any])
        let canonical = { (o: [String: Any]) in try JSONSerialization.data(withJSONObject: o, options: [.sortedKeys]) }
        #expect(try canonical(fast) == canonical(slow))
    }

    @Test(arguments: leftToFoundation)
    func leavesTheRestToFoundation(line: String) {
        #expect(SimpleJSON.object(Array(line.utf8)[...]) == nil)
    }

    @Test("a string with bytes that are not UTF-8 is refused, and the line is an invalid_utf8 error at the first of them",
          arguments: [
              (#"{"text": "reclamación de caf"#, [UInt8]([0xE9])),          // Latin-1 é in Spanish text
              (#"{"text": "快递三天没动，"#, [UInt8]([0xE5, 0xBF])),         // a Simplified character cut short
              (#"{"text": "客服態度很差"#, [UInt8]([0xB0, 0xA1])),           // GBK bytes in Traditional text
          ])
    func invalidUTF8StillReported(prefix: String, bad: [UInt8]) {
        let line: [UInt8] = Array(prefix.utf8) + bad + Array(#"", "channel": "web"}"#.utf8)
        #expect(SimpleJSON.object(line[...]) == nil)
        #expect(throws: InputError.invalidUTF8(offset: prefix.utf8.count)) { try BatchLineParser().message(json: line[...]) }
    }
}
