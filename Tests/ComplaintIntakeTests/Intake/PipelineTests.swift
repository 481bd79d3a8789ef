import Foundation
import IntakeTestSupport
import Testing
@testable import ComplaintIntake

@Suite("Intake pipeline")
struct PipelineTests {
    @Test("GBK e-mail end to end: customer, deadlines from the Date header, safety and repeat escalation")
    func chineseEmail() throws {
        let r = try Fixtures.pipeline.process(Fixtures.email("email-zh-gbk-base64.eml"))
        #expect(r.schema == "complaint-intake/1")
        #expect(r.channel == .email)
        #expect(r.id == "20240320094107.5521@mail.example.cn")
        #expect(r.receivedAt == "2024-03-20T01:41:07Z")
        #expect(r.due.investigateBy == "2024-03-21T01:41:07Z")
        #expect(r.due.respondBy == "2024-03-23T01:41:07Z")
        #expect(r.due.followUpBy == "2024-03-30T01:41:07Z")
        #expect(r.customer.name == "刘女士")
        #expect(r.language == .chineseSimplified)
        #expect(r.severity == "critical")
        #expect(r.flags.contains("safety"))
        #expect(r.repeatCount == 2)
        #expect(r.escalation.level >= 1)
        #expect(r.fields.remedies == [.refund])
        #expect(r.fields.orderNumbers.map(\.value) == ["DD202403020187"])
        #expect(r.department == Fixtures.pipeline.router.policy.departments[r.category])
        #expect(abs(r.scores.quality + r.scores.delivery + r.scores.service + r.scores.other - 1) < 0.001)
        // The quoted reply is kept in the text but not read for facts.
        #expect(r.text.contains("您的问题已记录"))
    }

    @Test("Spanish e-mail: lost parcel and unanswered calls, the order number, the regulator threat")
    func spanishEmail() throws {
        let r = try Fixtures.pipeline.process(Fixtures.email("email-es-quoted-printable.eml"))
        // The message mixes a lost parcel (delivery) with three unanswered calls (service); the taxonomy's
        // first-to-act question points at logistics, the current model leans to service. Either is a defensible
        // primary; anything else is wrong.
        #expect([.delivery, .service].contains(r.category))
        #expect(r.department == (r.category == .delivery ? "logistics" : "customer_service"))
        #expect(r.fields.orderNumbers.map(\.value) == ["ES-552019"])
        #expect(r.fields.amounts.map(\.value) == ["649.90"])
        #expect(r.flags.contains("regulator_threat"))
        #expect(r.customer.phone == "+34612345678")
    }

    @Test("clear complaints land in their category, in both languages", arguments: [
        ("快递一个星期了还在中转站，物流信息一直不更新", Category.delivery),
        ("收到的电饭煲插上电完全没反应，按键也是坏的", .quality),
        ("客服态度太差了，问两句就不耐烦，直接挂我电话", .service),
        ("同一笔订单被扣了两次款，请把多扣的钱退回来", .other),
        ("宅配到現在還沒送到，物流一直顯示配送中", .delivery),
        ("El paquete lleva dos semanas en camino y el número de seguimiento no se mueve", .delivery),
        ("La batidora dejó de funcionar a los tres días de uso, hace un ruido raro", .quality),
        ("La operadora me colgó dos veces y nadie responde mis correos", .service),
        ("Me cobraron dos veces la misma factura en la tarjeta", .other),
    ])
    func categories(text: String, expected: Category) throws {
        let r = try Fixtures.pipeline.process(Message(channel: .web, text: text), reference: Day(iso: "2024-03-20"))
        #expect(r.category == expected, "\(text): \(r.scores)")
    }

    @Test("negation: the product is fine, the courier is the problem")
    func negation() throws {
        let zh = try Fixtures.pipeline.process(Message(text: "不是质量问题，是快递太慢了，等了十天才到"))
        #expect(zh.category == .delivery)
        let es = try Fixtures.pipeline.process(Message(text: "El producto está bien, el problema es la paquetería que tardó tres semanas"))
        #expect(es.category == .delivery)
    }

    @Test("the same inputs from 8 concurrent tasks give identical records")
    func concurrency() async throws {
        let texts = ["快递三天没动静，单号YT7712345678901", "Me llegó la silla rota, pedido 4021-88, quiero el reembolso",
                     "客服骂人，我要投诉到12315", "la app no me deja entrar a mi cuenta"]
        let reference = Day(iso: "2024-03-20")!
        let expected = try texts.map { try Fixtures.pipeline.process(Message(id: $0, text: $0), reference: reference) }
        try await withThrowingTaskGroup(of: [IntakeRecord].self) { group in
            for _ in 0..<8 {
                group.addTask { try texts.map { try Fixtures.pipeline.process(Message(id: $0, text: $0), reference: reference) } }
            }
            for try await records in group {
                #expect(records.map(\.fields) == expected.map(\.fields))
                #expect(records.map(\.scores) == expected.map(\.scores))
            }
        }
    }

    @Test("text of nothing but white space, in either script's spaces, is the error empty_text", arguments: ["   ", "\u{3000}\u{3000}", "\n\t \r\n"])
    func errors(_ text: String) {
        do {
            _ = try Fixtures.pipeline.process(Message(text: text))
            Issue.record("a record for white space")
        } catch {
            #expect(error.code == "empty_text")
        }
    }

    @Test("records survive a JSON round trip")
    func codable() throws {
        let r = try Fixtures.pipeline.process(Message(text: "Pedido 4021-88 llegó roto el 5 de marzo"), reference: Day(iso: "2024-03-20"))
        let data = try JSONEncoder().encode(r)
        let back = try JSONDecoder().decode(IntakeRecord.self, from: data)
        #expect(back == r)
    }
}


@Suite("Batch input")
struct BatchInputTests {
    @Test("JSON Lines: fields, and bad lines as typed errors", arguments: [
        (#"{"text": "快递没到", "id": 7, "channel": "social"}"#, nil as String?),
        (#"{"text": 12}"#, "bad_field"),
        (#"{"text": "ok", "channel": "fax"}"#, "bad_field"),
        (#"{"text": "ok", "received_at": "yesterday"}"#, "bad_field"),
        (#"["not", "an", "object"]"#, "not_an_object"),
        (#"{"text": "unterminated"#, "bad_json"),
    ])
    func jsonLines(line: String, expected: String?) {
        do throws(InputError) {
            let m = try BatchLineParser().message(json: Array(line.utf8)[...])
            #expect(expected == nil, "accepted \(line)")
            #expect(!m.text.isEmpty)
        } catch {
            #expect(error.code == expected)
        }
    }

    @Test("invalid UTF-8 anywhere in a line is reported with its offset")
    func invalidUTF8() {
        for position in [0, 5, 12] {
            var bytes = Array(#"{"text": "envío tardío"}"#.utf8)
            bytes.insert(0xFF, at: position)
            #expect(throws: InputError.invalidUTF8(offset: position)) { try BatchLineParser().message(json: bytes[...]) }
        }
    }

    @Test("CSV with quoted commas, doubled quotes and line breaks inside fields")
    func csv() {
        var splitter = CSVRecordSplitter(maxRecordBytes: 1000)
        let input = "id,text\n1,\"Pedido 55, \"\"urgente\"\"\nsegunda línea\"\n2,收到货是坏的\n"
        let records = splitter.feed(Array(input.utf8)) + splitter.finishInput()
        let rows = records.compactMap { try? $0.fields.get() }
        #expect(rows == [["id", "text"], ["1", "Pedido 55, \"urgente\"\nsegunda línea"], ["2", "收到货是坏的"]])
        #expect(records.map(\.line) == [1, 2, 4])
    }

    @Test("the AsyncSequence API keeps input order and reports bad messages in place")
    func asyncBatch() async throws {
        let texts = ["快递没到", "   ", "La tele llegó rota", "客服不理人"]
        let stream = AsyncStream<Message> { c in
            for t in texts { c.yield(Message(text: t)) }
            c.finish()
        }
        var results: [IntakePipeline.BatchResult] = []
        for try await r in Fixtures.pipeline.records(for: stream, concurrency: 2, reference: Day(iso: "2024-03-20")) { results.append(r) }
        #expect(results.count == 4)
        #expect(results.map { (try? $0.get())?.text } == ["快递没到", nil, "La tele llegó rota", "客服不理人"])
    }
}

@Suite("Record JSON")
struct RecordJSONTests {
    @Test("the fast writer and JSONEncoder give the same record, escapes included", arguments: [
        "快递\"丢了\"，订单号DD20240305001\n客服说\\等等\t😡",
        "El pedido ES-883104 llegó roto el 5 de marzo; pagué 89,90 € y quiero el reembolso. Tel. 611 48 20 97",
        "control\u{1}chars\u{1F} y «comillas» 📦",
    ])
    func sameRecord(_ text: String) throws {
        var r = try Fixtures.pipeline.process(Message(id: "j-1", channel: .social, customer: Customer(name: "Ana \"la\" Ruiz", email: "ana@x.es"), text: text),
                                              reference: Day(iso: "2024-03-20"))
        r.repeatOf = ["a", "b"]
        let fast = try #require(r.jsonLine())
        #expect(fast.last == 0x0A && !fast.dropLast().contains(0x0A))
        let decoded = try JSONDecoder().decode(IntakeRecord.self, from: Data(fast))
        let viaEncoder = try JSONDecoder().decode(IntakeRecord.self, from: try JSONEncoder().encode(r))
        #expect(decoded == viaEncoder)
        #expect(decoded.text == text)
    }
}
