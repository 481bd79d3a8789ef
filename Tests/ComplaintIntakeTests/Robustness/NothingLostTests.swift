import Foundation
import Testing
@testable import ComplaintIntake
import IntakeTestSupport

/// Inputs that once crashed the tool, lost rows or mixed two customers up (issue 16), in both languages.
@Suite("Nothing lost, nothing crashes")
struct NothingLostTests {
    // MARK: days at the ends of the calendar

    @Test("day arithmetic that leaves the years 1 to 9999 is no day, never a trap", arguments: [
        ("9999-12-31", 1, 0), ("0001-01-01", -1, 0), ("2024-03-20", 0, 12 * 9999), ("2024-03-20", 0, -12 * 2024),
        ("2024-03-20", Int.max, 0), ("2024-03-20", Int.min, 0), ("2024-03-20", 0, Int.max), ("2024-03-20", 0, Int.min),
    ])
    func dayBounds(_ start: String, _ days: Int, _ months: Int) throws {
        let d = try #require(Day(iso: start))
        if days != 0 { #expect(d.adding(days: days) == nil) }
        if months != 0 { #expect(d.adding(months: months) == nil) }
    }

    @Test("the calendar's ends themselves are days")
    func dayEnds() throws {
        let last = try #require(Day(iso: "9999-12-31"))
        #expect(Day(ordinal: last.ordinal) == last && Day(ordinal: last.ordinal + 1) == nil)
        let first = try #require(Day(iso: "0001-01-01"))
        #expect(Day(ordinal: first.ordinal) == first && Day(ordinal: first.ordinal - 1) == nil)
        #expect(try #require(Day(iso: "2024-01-31")).adding(months: 1) == Day(iso: "2024-02-29"))
        #expect(Day(secondsSince1970: .infinity) == nil && Day(secondsSince1970: .nan) == nil && Day(secondsSince1970: 1e300) == nil)
    }

    @Test("date phrases that point outside the calendar give no date, in both languages", arguments: [
        "hace 9999 años", "dentro de 9999 años", "nueve mil años después", "hace 400 meses que lo pedí",
        "9999年前买的", "一万年以后再说", "上个月15号下单",
    ])
    func farDates(_ text: String) {
        for reference in ["0001-01-01", "0001-01-20", "9999-12-20", "9999-12-31"] {
            let f = Fixtures.fields(text, reference: reference)
            for d in f.dates { #expect(d.value.utf8.count == 10 && Day(iso: d.value) != nil, "\(text) at \(reference): \(d.value)") }
        }
    }

    @Test("a received time at the calendar's ends gives a record with ISO 8601 deadlines", arguments: [
        ("el viernes 23 me llegó roto", "9999-12-20T10:00:00Z"), ("上个月15号买的，到现在没发货", "0001-01-20T00:00:00Z"),
        ("pedí el 31 de diciembre y nada", "9999-12-31T23:59:59-12:00"), ("上周三下单", "0001-01-01T00:00:00+14:00"),
    ])
    func extremeReceivedTimes(_ text: String, _ received: String) throws {
        let r = try Fixtures.pipeline.process(Message(receivedAt: Timestamp.parse(received), text: text))
        for t in [r.due.investigateBy, r.due.respondBy, r.due.followUpBy] {
            #expect(t.utf8.count == 20 && Timestamp.parse(t) != nil, "\(t)")
        }
        #expect(r.receivedAt.map { Timestamp.parse($0) != nil } ?? true)
    }

    // MARK: the Date header

    @Test("Date headers with out-of-range fields are unreadable, not a trap or a year 19013245128", arguments: [
        "Tue, 5 Mar 2024 99999999999999999:00:00 +0000", "Tue, 5 Mar 2024 10:99999999999:00 +0000",
        "Tue, 5 Mar 2024 24:00:00 +0000", "Tue, 5 Mar 2024 10:60:00 +0000", "5 Mar 99999 10:00 +0800",
        "Tue, 999 Mar 2024 10:00:00 +0000", "Tue, 5 Mar 2024 10:00:00 +0099",
    ])
    func badDateHeader(_ header: String) throws {
        let m = try EmailParser().parse(Array("From: a@b.es\nDate: \(header)\n\nMi pedido no llega\n".utf8))
        #expect(m.receivedAt == nil)
        #expect(m.warnings.contains("unreadable_date_header"))
    }

    @Test("good Date headers still read, leap second included", arguments: [
        ("Tue, 5 Mar 2024 10:15:00 +0800", "2024-03-05T02:15:00Z"), ("5 Mar 2024 23:59:60 +0000", "2024-03-05T23:59:60Z"),
        ("Tue, 5 Mar 24 10:15 -0500", "2024-03-05T15:15:00Z"),
    ])
    func goodDateHeader(_ header: String, _ iso: String) throws {
        let m = try EmailParser().parse(Array("From: a@b.es\nDate: \(header)\n\n快递没到\n".utf8))
        #expect(m.receivedAt == Timestamp.parse(iso))
    }

    @Test("times past 9999 are written as its last second, not as text that is not ISO 8601")
    func timestampClamp() {
        #expect(Timestamp.iso(Date(timeIntervalSince1970: 1e15)) == "9999-12-31T23:59:59Z")
        #expect(Timestamp.iso(Date(timeIntervalSince1970: -1e15)) == "0001-01-01T00:00:00Z")
        #expect(Timestamp.iso(Date(timeIntervalSince1970: 1_709_633_700)) == "2024-03-05T10:15:00Z")
    }

    // MARK: CSV

    static func csvRows(_ input: String, chunk: Int = 4_093) -> [CSVRecordSplitter.Record] {
        var splitter = CSVRecordSplitter(maxRecordBytes: 1 << 20)
        let bytes = Array(input.utf8)
        var out: [CSVRecordSplitter.Record] = []
        var start = 0
        while start < bytes.count {
            let end = min(start + chunk, bytes.count)
            out += splitter.feed(bytes[start..<end])
            start = end
        }
        return out + splitter.finishInput()
    }

    @Test("one stray quote inside an unquoted field is a literal: 10,000 rows in, 10,000 records out")
    func strayQuote() throws {
        var input = "id,text\n"
        for i in 1...10_000 {
            input += i == 11 ? "\(i),La pantalla de 5\" llegó rota\n" : i == 12 ? "\(i),屏幕5\"的，坏了\n" : "\(i),pedido \(i) sin llegar\n"
        }
        let rows = Self.csvRows(input)
        #expect(rows.count == 10_001)
        let values = rows.compactMap { try? $0.fields.get() }
        #expect(values.count == 10_001)
        #expect(values[11] == ["11", "La pantalla de 5\" llegó rota"])
        #expect(values[12] == ["12", "屏幕5\"的，坏了"])
        #expect(values.last == ["10000", "pedido 10000 sin llegar"])
    }

    @Test("CSV fields read as Python's csv module reads them", arguments: [
        ("a,\"b,c\",d\n", [["a", "b,c", "d"]]),
        ("a,\"say \"\"hi\"\"\",d\n", [["a", "say \"hi\"", "d"]]),
        ("a,b\"c,d\n", [["a", "b\"c", "d"]]),
        ("a,\"x\"y,z\n", [["a", "xy", "z"]]),
        ("\"unclosed,b\n2,快递没到\n", [["\"unclosed", "b"], ["2", "快递没到"]]),
        ("1,ok\n\"2,never closed\n3,三\n", [["1", "ok"], ["\"2", "never closed"], ["3", "三"]]),
        ("\u{FEFF}text,id\nhola,1\n", [["text", "id"], ["hola", "1"]]),
    ])
    func csvFields(_ input: String, _ expected: [[String]]) {
        for chunk in [1, 2, 3, 4_093] {
            let rows = Self.csvRows(input, chunk: chunk)
            #expect(rows.compactMap { try? $0.fields.get() } == expected, "chunk \(chunk)")
        }
    }

    @Test("a BOM before a JSON Lines stream is dropped")
    func jsonBOM() throws {
        var splitter = JSONLinesSplitter(maxLineBytes: 1000)
        let lines = splitter.feed([0xEF]) + splitter.feed([0xBB, 0xBF] + Array(#"{"text":"快递没到"}"#.utf8) + [0x0A])
        let line = try #require(lines.first)
        #expect(try BatchLineParser().message(json: line.bytes.get()[...]).text == "快递没到")
    }

    // MARK: batch fields of the wrong type

    @Test("fields of the wrong type are bad_field, and the error keeps the line's id", arguments: [
        (#"{"text": 42, "id": "a-1"}"#, "text", "a-1"),
        (#"{"text": "no llega", "received_at": 20240305, "id": "a-2"}"#, "received_at", "a-2"),
        (#"{"text": "坏了", "customer": "李先生", "id": 7}"#, "customer", "7"),
        (#"{"text": "坏了", "customer": {"email": 5}, "id": "a-4"}"#, "customer.email", "a-4"),
        (#"{"text": ["a"], "id": "a-5"}"#, "text", "a-5"),
        (#"{"text": "x", "id": true}"#, "id", nil),
    ])
    func badFields(_ line: String, _ field: String, _ id: String?) {
        let parser = BatchLineParser()
        let bytes = Array(line.utf8)
        do {
            _ = try parser.message(json: bytes[...])
            Issue.record("no error for \(line)")
        } catch {
            #expect(error == .badField(name: field, reason: (error.description.components(separatedBy: "' ").last ?? "")))
            #expect(error.code == "bad_field")
        }
        #expect(parser.id(json: bytes[...]) == id)
    }

    // MARK: ids and duplicates

    @Test("the same words from two senders are two complaints with two ids")
    func derivedIDs() throws {
        let text = "El pedido no ha llegado y nadie contesta"
        let a = Message(channel: .email, receivedAt: Timestamp.parse("2024-03-05T10:00:00Z"), customer: Customer(name: "Ana", email: "ana@example.es"), text: text)
        let b = Message(channel: .email, receivedAt: Timestamp.parse("2024-03-05T10:00:00Z"), customer: Customer(name: "Luis", email: "luis@example.mx"), text: text)
        let c = Message(channel: .email, receivedAt: Timestamp.parse("2024-03-06T10:00:00Z"), customer: Customer(name: "Ana", email: "ana@example.es"), text: text)
        let ids = Set([a, b, c].map(IntakePipeline.derivedID))
        #expect(ids.count == 3)
        #expect(IntakePipeline.derivedID(a) == IntakePipeline.derivedID(a))
    }

    // MARK: e-mails that must still give a record

    @Test("an e-mail of attachments only is a triage record, not an error")
    func attachmentsOnly() throws {
        let raw = "From: Ana <ana@example.es>\nSubject: Factura\nContent-Type: application/pdf; name=f.pdf\nContent-Transfer-Encoding: base64\n\nJVBERi0=\n"
        let r = try Fixtures.pipeline.process(EmailParser().parse(Array(raw.utf8)))
        #expect(r.attachments == ["f.pdf"] && r.warnings.contains("no_text_part") && r.customer.email == "ana@example.es")
        let bare = "From: li@example.cn\nContent-Type: image/jpeg; name=a.jpg\n\n/9j/\n"
        let r2 = try Fixtures.pipeline.process(EmailParser().parse(Array(bare.utf8)))
        #expect(r2.department == "triage" && r2.warnings.contains("no_text_part"))
    }

    @Test("a body behind a boundary the header does not name is still read", arguments: ["快递一周了还没到", "El paquete no ha llegado"])
    func wrongBoundary(_ text: String) throws {
        let raw = "From: a@b.es\nContent-Type: multipart/alternative; boundary=\"AAA\"\n\n--BBB\nContent-Type: text/plain; charset=utf-8\n\n\(text)\n--BBB--\n"
        let m = try EmailParser().parse(Array(raw.utf8))
        #expect(m.text.contains(text) && m.warnings.contains("multipart_boundary_mismatch"))
        let none = "From: a@b.es\nContent-Type: multipart/mixed; boundary=\"AAA\"\n\n\(text)\n"
        #expect(try EmailParser().parse(Array(none.utf8)).text.contains(text))
    }

    @Test("a forward with no covering note is read from the forwarded message", arguments: ["El horno llegó con la puerta rota", "收到的电饭煲内胆有裂纹"])
    func forward(_ text: String) throws {
        let raw = """
            From: Ana <ana@example.es>\nSubject: Fwd: reclamación\nContent-Type: multipart/mixed; boundary="F"\n\n--F\n\
            Content-Type: message/rfc822\n\nFrom: Ana <ana@example.es>\nSubject: reclamación\nContent-Type: text/plain; charset=utf-8\n\n\(text)\n--F--\n
            """
        let m = try EmailParser().parse(Array(raw.utf8))
        #expect(m.text.contains(text) && m.warnings.contains("forwarded_message_read"))
    }

    @Test("unlabeled 8-bit bodies are detected: Latin-1 Spanish is Spanish, GBK Chinese is Chinese")
    func detectedCharsets() throws {
        let spanish = "Señora Muñoz, envío dañado. El paquete llegó con la caja rota y el jarrón partido; quiero la devolución."
        let latin1 = Array("From: a@b.es\n\n".utf8) + spanish.unicodeScalars.map { UInt8($0.value) } + [0x0A]
        #expect(try EmailParser().parse(latin1).text.contains("Señora Muñoz, envío dañado"))
        let gbk = Array("From: a@b.cn\n\n".utf8) + [0xBF, 0xEC, 0xB5, 0xDD, 0xD2, 0xBB, 0xD6, 0xDC, 0xC1, 0xCB, 0xBB, 0xB9, 0xC3, 0xBB, 0xB5, 0xBD, 0x0A]
        #expect(try EmailParser().parse(gbk).text.contains("快递一周了还没到"))
    }

    @Test("charset labels that mail software writes are accepted", arguments: [
        ("big5_tw", "big5-hkscs"), ("x-gbk", "gb18030"), ("cp936", "gb18030"), ("\"GB2312\"", "gb18030"), ("UTF8", "utf-8"),
        ("Big5-HKSCS", "big5-hkscs"), ("latin1", "iso-8859-1"),
    ])
    func charsetLabels(_ label: String, _ name: String) {
        #expect(EmailParser.charsetName(label) == name)
        #expect(CharsetConverter.isKnown(name))
    }
}
