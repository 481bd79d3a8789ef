import Foundation
import IntakeTestSupport
import Testing
@testable import ComplaintIntake

/// A desk's own export: its column names in its language, its date forms, its zone.
@Suite("Batch columns mapped with --field, received times as desks write them")
struct BatchColumnsTests {
    static func read(_ csv: String, _ columns: [BatchField: String], zone: String = "UTC") throws(InputError) -> [Message] {
        let parser = BatchLineParser(columns: BatchFieldMap(columns), times: ReceivedTimeReader(timeZone: ReceivedTimeReader.zone(named: zone)!))
        var reader = BatchReader(format: .csv, parser: parser, maxLineBytes: 1 << 20)
        var lines = try reader.feed(Array(csv.utf8))
        lines += try reader.finish()
        return lines.compactMap {
            guard case .parsed(.success(let m), _) = $0.content else { Issue.record("line \($0.number) did not parse"); return nil }
            return m
        }
    }

    @Test("a Spanish desk's CSV: mensaje, fecha (day-first, Madrid time), correo, canal, cliente, teléfono, nivel")
    func spanishColumns() throws {
        let csv = """
            ticket,fecha,mensaje,correo,canal,cliente,teléfono,nivel
            T-1041,22/11/2026 09:30,"Me llegó la cafetera con la jarra rota, pedido PED-88231. Quiero que me la cambien ya.",ana.ruiz@example.es,web,Ana Ruiz,612 345 678,A
            T-1042,23/11/2026 18:05,"Llevo una semana llamando y nadie contesta, ¿así tratan a sus clientes?",luis.perez@example.mx,Email,Luis Pérez,,B

            """
        let m = try Self.read(csv, [.id: "ticket", .text: "mensaje", .receivedAt: "fecha", .customerEmail: "correo", .channel: "canal",
                                    .customerName: "cliente", .customerPhone: "teléfono", .tier: "nivel"], zone: "Europe/Madrid")
        #expect(m.count == 2)
        #expect(m.map(\.id) == ["T-1041", "T-1042"])
        #expect(m.map { $0.receivedAt.map(Timestamp.iso) } == ["2026-11-22T08:30:00Z", "2026-11-23T17:05:00Z"])
        #expect(m.map(\.channel) == [.web, .email])
        #expect(m[0].customer == Customer(name: "Ana Ruiz", email: "ana.ruiz@example.es", phone: "612 345 678", tier: "A"))
        #expect(m[1].customer == Customer(name: "Luis Pérez", email: "luis.perez@example.mx", phone: nil, tier: "B"))
        #expect(m[0].text.hasPrefix("Me llegó la cafetera"))
    }

    @Test("a Chinese desk's CSV: 内容, 时间 (year-first, Shanghai time), 邮箱, 渠道, 客户, 电话, 等级")
    func chineseColumns() throws {
        let csv = """
            工单号,时间,内容,邮箱,渠道,客户,电话,等级
            GD-2026-0087,2026/11/22 09:30,"快递显示已签收，可是我根本没收到包裹，订单号DD202611200045，麻烦尽快处理",wang.li@example.cn,social,王丽,13902115678,C
            GD-2026-0088,2026-11-22 21:15:40,"客服说三天内回电话，到现在一个星期了都没人联系我",,web,陈先生,,

            """
        let m = try Self.read(csv, [.id: "工单号", .text: "内容", .receivedAt: "时间", .customerEmail: "邮箱", .channel: "渠道",
                                    .customerName: "客户", .customerPhone: "电话", .tier: "等级"], zone: "Asia/Shanghai")
        #expect(m.map(\.id) == ["GD-2026-0087", "GD-2026-0088"])
        #expect(m.map { $0.receivedAt.map(Timestamp.iso) } == ["2026-11-22T01:30:00Z", "2026-11-22T13:15:40Z"])
        #expect(m[0].customer == Customer(name: "王丽", email: "wang.li@example.cn", phone: "13902115678", tier: "C"))
        #expect(m[1].customer == Customer(name: "陈先生"))
        #expect(m.map(\.channel) == [.social, .web])
    }

    @Test("a mapped column the header lacks is one error naming the header's columns, before any row", arguments: [
        ("fecha,mensaje,correo\n22/11/2026,El paquete no llegó,a@example.es\n", [BatchField.text: "texto"], "'texto' (text)"),
        ("时间,内容,邮箱\n2026/11/22,快递没到,b@example.cn\n", [.text: "内容", .customerEmail: "电子邮箱"], "'电子邮箱' (customer.email)"),
        ("fecha,mensaje\n22/11/2026,No funciona\n", [:], "'text' (text)"),
    ])
    func missingColumn(csv: String, columns: [BatchField: String], missing: String) {
        let header = csv.prefix { $0 != "\n" }.split(separator: ",").map { "'\($0)'" }.joined(separator: ", ")
        do {
            _ = try Self.read(csv, columns)
            Issue.record("the header was accepted")
        } catch {
            #expect(error.code == "missing_column")
            #expect(error.description.contains(missing), "\(error.description)")
            #expect(error.description.hasSuffix("its columns are \(header)"), "\(error.description)")
        }
    }

    @Test("JSON Lines keys mapped the same way, nested ones by a dotted path")
    func jsonKeys() throws {
        let parser = BatchLineParser(columns: BatchFieldMap([.text: "mensaje", .receivedAt: "fecha", .customerEmail: "cliente.correo", .replyTo: "respuesta_a"]),
                                     times: ReceivedTimeReader(timeZone: ReceivedTimeReader.zone(named: "America/Mexico_City")!))
        let line = #"{"mensaje": "Sigo sin respuesta sobre el reembolso", "fecha": "05/03/2026 10:00", "cliente": {"correo": "marta@example.mx"}, "respuesta_a": "T-77"}"#
        let m = try parser.message(json: Array(line.utf8)[...])
        #expect(m.text == "Sigo sin respuesta sobre el reembolso")
        #expect(m.receivedAt.map(Timestamp.iso) == "2026-03-05T16:00:00Z")
        #expect(m.customer.email == "marta@example.mx")
        #expect(m.replyTo == "T-77")
    }

    @Test("received times: ISO 8601, year-first and day-first, with or without an offset", arguments: [
        ("2026-11-22T09:30:00+01:00", "UTC", "2026-11-22T08:30:00Z"),
        ("2026-11-22T09:30:00Z", "Asia/Shanghai", "2026-11-22T09:30:00Z"),
        ("2026-11-22T09:30:00", "Asia/Shanghai", "2026-11-22T01:30:00Z"),
        ("2026/11/22 09:30", "+08:00", "2026-11-22T01:30:00Z"),
        ("2026.11.22", "UTC", "2026-11-22T00:00:00Z"),
        ("22/11/2026 09:30", "Europe/Madrid", "2026-11-22T08:30:00Z"),
        ("22/07/2026 09:30", "Europe/Madrid", "2026-07-22T07:30:00Z"),
        ("5-3-2026 9:05", "America/Bogota", "2026-03-05T14:05:00Z"),
        ("22.11.2026 23:59:59", "UTC", "2026-11-22T23:59:59Z"),
        ("22/11/2026 09:30 -03:00", "Asia/Shanghai", "2026-11-22T12:30:00Z"),
    ])
    func receivedTimes(text: String, zone: String, expected: String) throws {
        let reader = ReceivedTimeReader(timeZone: try #require(ReceivedTimeReader.zone(named: zone)))
        #expect(reader.date(text).map(Timestamp.iso) == expected)
    }

    @Test("what is not a day and time is refused, never guessed", arguments: [
        "11/22/2026 09:30", "31/02/2026", "2026/13/01", "22/11/26", "mañana", "2026-11-22T25:00", "22/11/2026 09:30 hora", "明天上午",
    ])
    func refused(text: String) {
        #expect(ReceivedTimeReader().date(text) == nil)
    }

    @Test("a received time in a form not read is a bad_field error naming the column and the forms")
    func badTime() {
        let parser = BatchLineParser(columns: BatchFieldMap([.receivedAt: "fecha"]))
        #expect {
            _ = try parser.message(fields: ["text": "El pedido no llegó", "fecha": "11/22/2026"])
        } throws: { e in
            "\(e)".contains("'fecha'") && "\(e)".contains("day-first (22/11/2026 09:30)")
        }
    }

    @Test("NAME=COLUMN mappings", arguments: [
        ("customer.email=correo", true), ("tier=nivel", true), ("customer.tier=等级", true), ("text = 内容 ", true),
        ("texto=mensaje", false), ("text", false), ("text=", false),
    ])
    func mappings(spec: String, valid: Bool) {
        #expect((try? BatchFieldMap.mapping(spec)) != nil || !valid)
        #expect((try? BatchFieldMap.mapping(spec)) == nil || valid)
    }
}
