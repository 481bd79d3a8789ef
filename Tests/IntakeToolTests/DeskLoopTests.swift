import Foundation
import IntakeTestSupport
import Testing
@testable import ComplaintIntake

/// The whole loop of a desk that learns from its corrections, through a copy of the tool run in a scratch folder
/// outside the checkout: batch into a register, correct the cases the model got wrong for this desk, export the
/// labels, train a desk model, read the stream again with it.
///
/// The desk's convention is one the built-in taxonomy does not share: its customer service handles billing, so a
/// double charge, a wrong invoice or a coupon not applied is a service case here (the taxonomy makes wrong charges
/// other), while a question about a product stays other.
@Suite("A desk's corrections, end to end")
struct DeskLoopTests {
    struct Desk: Sendable, CustomStringConvertible {
        let language: String
        let complaints: [(id: String, text: String, desk: Category)]
        let weight: String?
        var description: String { language }
    }

    static let desks = [
        Desk(language: "es", complaints: [
            ("es-01", "Me aparece un cargo doble de la misma compra en mi estado de cuenta.", .service),
            ("es-02", "La factura que me mandaron trae mal mi RFC y el monto no coincide con lo que pagué.", .service),
            ("es-03", "El cupón de descuento no se aplicó y me cobraron el precio completo.", .service),
            ("es-04", "Me siguen cobrando la suscripción mensual aunque la cancelé en enero.", .service),
            ("es-05", "Pagué con transferencia y sale como pendiente, pero el dinero ya se descontó de mi cuenta.", .service),
            ("es-06", "El precio en la caja fue mayor al que marcaba la etiqueta del estante.", .service),
            ("es-07", "La plancha dejó de calentar a la semana de comprarla, quiero que me la cambien.", .quality),
            ("es-08", "Mi pedido lleva diez días sin moverse en el rastreo y no me dan fecha de entrega.", .delivery),
            ("es-09", "Escribí tres veces al chat de atención y nadie me contesta lo del reembolso.", .service),
            ("es-10", "¿Tienen esta licuadora en color rojo? Gracias.", .other),
            ("es-11", "Los audífonos se escuchan con mucho ruido de fondo, la calidad es malísima.", .quality),
            ("es-12", "El repartidor dejó la caja bajo la lluvia y llegó todo mojado.", .delivery),
        ], weight: "1000"),
        Desk(language: "zh", complaints: [
            ("zh-01", "同一笔订单信用卡被扣了两次钱。", .service),
            ("zh-02", "发票抬头开错了，金额也和实际付款对不上。", .service),
            ("zh-03", "优惠券没有抵扣，结账时按原价收了钱。", .service),
            ("zh-04", "会员自动续费我早就取消了，这个月又扣了费。", .service),
            ("zh-05", "付款显示失败，但是银行卡的钱已经扣了。", .service),
            ("zh-06", "结账价格比货架上标的价格贵了二十块。", .service),
            ("zh-07", "新买的电饭煲内胆涂层一周就掉了，要求换新。", .quality),
            ("zh-08", "订单显示已发货五天了，物流一直没有更新。", .delivery),
            ("zh-09", "客服一直说会回电，等了三天也没人联系我退款的事。", .service),
            ("zh-10", "请问这款电饭煲有没有白色的？谢谢。", .other),
            ("zh-11", "耳机戴了两天就有杂音，音质太差了。", .quality),
            ("zh-12", "快递员把箱子放在雨里，送到的时候全湿了。", .delivery),
        ], weight: "1000"),
    ]

    struct Run {
        let status: Int32
        let out: String
        let err: String
    }

    /// Runs `tool` in `folder`.
    static func run(_ tool: URL, _ arguments: [String], in folder: URL) throws -> Run {
        let p = Process()
        p.executableURL = tool
        p.arguments = arguments
        p.currentDirectoryURL = folder
        var env = ProcessInfo.processInfo.environment
        env["SWIFT_BACKTRACE"] = "enable=no"
        p.environment = env
        let out = Pipe(), err = Pipe()
        p.standardOutput = out
        p.standardError = err
        p.standardInput = FileHandle.nullDevice
        try p.run()
        let o = out.fileHandleForReading.readDataToEndOfFile()
        let e = err.fileHandleForReading.readDataToEndOfFile()
        p.waitUntilExit()
        return Run(status: p.terminationStatus, out: String(decoding: o, as: UTF8.self), err: String(decoding: e, as: UTF8.self))
    }

    /// A scratch folder outside the checkout with a copy of the tool in it.
    static func scratch() throws -> (folder: URL, tool: URL) {
        let built = try #require(Fixtures.tool, "build the tool first: swift build")
        let folder = FileManager.default.temporaryDirectory.appendingPathComponent("intake-desk-\(UUID().uuidString)")
        try FileManager.default.createDirectory(at: folder, withIntermediateDirectories: true)
        let tool = folder.appendingPathComponent("intake")
        try FileManager.default.copyItem(at: built, to: tool)
        return (folder, tool)
    }

    static func records(_ jsonl: String) throws -> [String: [String: Any]] {
        var out: [String: [String: Any]] = [:]
        for line in jsonl.split(separator: "\n") {
            let o = try #require(try JSONSerialization.jsonObject(with: Data(line.utf8)) as? [String: Any])
            out[try #require(o["id"] as? String)] = o
        }
        return out
    }

    @Test("batch, correct, export, train, read again: the corrected cases come out with the desk's categories", arguments: desks)
    func loop(_ desk: Desk) throws {
        let (folder, tool) = try Self.scratch()
        defer { try? FileManager.default.removeItem(at: folder) }
        var input = ""
        for (i, c) in desk.complaints.enumerated() {
            let line: [String: Any] = ["id": c.id, "text": c.text, "channel": "social", "received_at": String(format: "2024-03-%02dT09:00:00Z", i + 1)]
            input += String(decoding: try JSONSerialization.data(withJSONObject: line), as: UTF8.self) + "\n"
        }
        try input.write(to: folder.appendingPathComponent("stream.jsonl"), atomically: true, encoding: .utf8)

        let batch = try Self.run(tool, ["batch", "--db", "desk.sqlite", "stream.jsonl"], in: folder)
        #expect(batch.status == 0, "\(batch.err)")
        let before = try Self.records(batch.out)
        let wrong = desk.complaints.filter { before[$0.id]?["category"] as? String != $0.desk.rawValue }
        try #require(wrong.count >= 3, "the built-in model already files \(desk.complaints.count - wrong.count) of \(desk.complaints.count) as this desk does")

        for c in wrong {
            let r = try Self.run(tool, ["case", c.id, "--db", "desk.sqlite", "--category", c.desk.rawValue, "--note", "desk convention"], in: folder)
            #expect(r.status == 0, "\(r.err)")
            let shown = try #require(try JSONSerialization.jsonObject(with: Data(r.out.utf8)) as? [String: Any])
            #expect(shown["category"] as? String == c.desk.rawValue)
            #expect(shown["model_category"] as? String == before[c.id]?["category"] as? String)
            #expect(shown["department"] as? String == ["delivery": "logistics", "service": "customer_service", "quality": "quality_management", "other": "triage"][c.desk.rawValue])
        }

        let export = try Self.run(tool, ["export", "--db", "desk.sqlite", "--labels"], in: folder)
        #expect(export.status == 0, "\(export.err)")
        let labels = try Self.records(export.out)
        #expect(labels.count == desk.complaints.count)
        for c in desk.complaints {
            #expect(labels[c.id]?["label"] as? String == c.desk.rawValue, "\(c.id)")
            #expect(labels[c.id]?["corrected"] as? Bool == wrong.contains { $0.id == c.id })
        }
        try export.out.write(to: folder.appendingPathComponent("labels.jsonl"), atomically: true, encoding: .utf8)

        let train = try Self.run(tool, ["train", "--add", "labels.jsonl", "--out", "models/desk.cimodel"] + (desk.weight.map { ["--weight", $0] } ?? []), in: folder)
        #expect(train.status == 0, "\(train.err)")
        #expect(train.out.contains("built-in macro-F1") && train.out.contains("  \(desk.language) "), "\(train.out)")

        let again = try Self.run(tool, ["batch", "--model", "models/desk.cimodel", "stream.jsonl"], in: folder)
        #expect(again.status == 0, "\(again.err)")
        let after = try Self.records(again.out)
        for c in wrong {
            #expect(after[c.id]?["category"] as? String == c.desk.rawValue, "\(c.id): \(c.text)")
        }
        let model = try #require(after[desk.complaints[0].id]?["model"] as? [String: Any])
        #expect(model["name"] as? String == "desk")
        var h = SHA256()
        h.update([UInt8](try Data(contentsOf: folder.appendingPathComponent("models/desk.cimodel"))))
        #expect(model["digest"] as? String == h.hexDigest)
    }

    @Test("lexicon suggest: the words a hotel desk's corrections share, as JSON Lines and as lexicon lines, until an overlay holds them")
    func suggest() throws {
        let (folder, tool) = try Self.scratch()
        defer { try? FileManager.default.removeItem(at: folder) }
        // The desk's quality team answers for housekeeping, which the taxonomy files as service.
        let housekeeping = [
            ("es-1", "La camarera no pasó a limpiar la habitación en tres días y tuvimos que pedir toallas en la entrada."),
            ("es-2", "La camarera entró a la habitación sin tocar mientras me cambiaba, y la recepcionista se rió cuando me quejé."),
            ("es-3", "Las camareras dejaron el baño sucio y se llevaron el cargador que había dejado en el buró."),
            ("es-4", "La camarera de piso fue grosera cuando le pedimos más almohadas y la recepcionista no hizo nada."),
            ("zh-1", "房務人員三天都沒來打掃，毛巾也沒換。"),
            ("zh-2", "房務阿姨進房間前都不敲門，很不舒服。"),
            ("zh-3", "房務把我放在桌上的充電器收走了，問櫃檯也說不知道。"),
            ("zh-4", "房務打掃完浴室還是濕的，垃圾也沒倒，櫃檯態度也很敷衍。"),
        ]
        let rest = [
            ("es-5", "El aire acondicionado de la habitación no enfría nada, pasamos la noche con calor."),
            ("es-6", "El traslado del aeropuerto nunca llegó por nosotros y tuvimos que tomar un taxi."),
            ("zh-5", "冷氣一直滴水，吵到整晚睡不著。"),
            ("zh-6", "請問飯店有提供嬰兒床嗎？"),
        ]
        var input = ""
        for (id, text) in housekeeping + rest {
            input += String(decoding: try JSONSerialization.data(withJSONObject: ["id": id, "text": text]), as: UTF8.self) + "\n"
        }
        try input.write(to: folder.appendingPathComponent("stream.jsonl"), atomically: true, encoding: .utf8)
        #expect(try Self.run(tool, ["batch", "--db", "desk.sqlite", "stream.jsonl"], in: folder).status == 0)
        let before = try Self.run(tool, ["lexicon", "suggest", "--db", "desk.sqlite"], in: folder)
        #expect(before.status == 0 && before.out.isEmpty && before.err.contains("no corrected cases"), "\(before.out)\(before.err)")
        for (id, _) in housekeeping {
            #expect(try Self.run(tool, ["case", id, "--db", "desk.sqlite", "--category", "quality"], in: folder).status == 0)
        }

        let json = try Self.run(tool, ["lexicon", "suggest", "--db", "desk.sqlite"], in: folder)
        #expect(json.status == 0, "\(json.err)")
        let found = try json.out.split(separator: "\n").map { try #require(try JSONSerialization.jsonObject(with: Data($0.utf8)) as? [String: Any]) }
        let terms = found.compactMap { $0["term"] as? String }
        for (term, count) in [("房务", 4), ("camarera", 3)] {
            let s = try #require(found.first { $0["term"] as? String == term }, "\(term) not among \(terms)")
            #expect(s["category"] as? String == "quality" && s["count"] as? Int == count && s["kind"] as? String == "word", "\(s)")
        }
        // The lexicon's words (recepcionista, 櫃檯), stop words, negation cues and the corpus's common words are never suggested.
        for word in ["recepcionista", "柜台", "no", "la", "de", "的", "也"] {
            #expect(!terms.contains { $0.split(separator: " ").contains(Substring(word)) }, "\(word) in \(terms)")
        }

        let tsv = try Self.run(tool, ["lexicon", "suggest", "--db", "desk.sqlite", "--tsv", "--limit", "2"], in: folder)
        let rows = tsv.out.split(separator: "\n").filter { !$0.hasPrefix("#") }
        #expect(rows == ["房务\tquality\t1.0", "camarera\tquality\t1.0"], "\(tsv.out)")
        let overlay = folder.appendingPathComponent("overlay")
        for (lang, line) in [("zh", rows[0]), ("es", rows[1])] {
            let dir = overlay.appendingPathComponent("\(lang)/keywords")
            try FileManager.default.createDirectory(at: dir, withIntermediateDirectories: true)
            try (line + "\n").write(to: dir.appendingPathComponent("quality.tsv"), atomically: true, encoding: .utf8)
        }
        let missing = try Self.run(tool, ["lexicon", "suggest", "--db", "desk.sqlite", "--corpus", "no-such-corpus"], in: folder)
        #expect(missing.status == 65 && missing.out.isEmpty && missing.err.contains("no-such-corpus"), "\(missing.status) \(missing.err)")
        let after = try Self.run(tool, ["lexicon", "suggest", "--db", "desk.sqlite", "--lexicons", overlay.path], in: folder)
        #expect(after.status == 0, "\(after.err)")
        #expect(!after.out.contains("房务") && !after.out.contains("camarera"), "\(after.out)")
    }

    @Test("twelve labels and no --weight: the cross-validation cannot tell a desk setting better, and the built-in model is kept, said so")
    func tooFewLabels() throws {
        let (folder, tool) = try Self.scratch()
        defer { try? FileManager.default.removeItem(at: folder) }
        var lines = ""
        for c in Self.desks[0].complaints {
            lines += String(decoding: try JSONSerialization.data(withJSONObject: ["id": c.id, "text": c.text, "label": c.desk.rawValue]), as: UTF8.self) + "\n"
        }
        try lines.write(to: folder.appendingPathComponent("labels.jsonl"), atomically: true, encoding: .utf8)
        let r = try Self.run(tool, ["train", "--add", "labels.jsonl", "--out", "desk.cimodel"], in: folder)
        #expect(r.status == 0, "\(r.err)")
        #expect(r.out.contains("chosen: the built-in model as it is") && r.out.contains("  es        12"), "\(r.out)")
        let record = try Self.run(tool, ["text", "--model", "desk.cimodel", Self.desks[0].complaints[0].text], in: folder)
        let builtIn = try Self.run(tool, ["text", Self.desks[0].complaints[0].text], in: folder)
        let (a, b) = (try Self.records(record.out).values.first, try Self.records(builtIn.out).values.first)
        #expect(a?["category"] as? String == b?["category"] as? String)
        #expect(a?["scores"] as? [String: Double] == b?["scores"] as? [String: Double])
    }

    @Test("a bad label line is an error with its file and line number, exit 65, and no model is written")
    func badLine() throws {
        let (folder, tool) = try Self.scratch()
        defer { try? FileManager.default.removeItem(at: folder) }
        let lines = [
            #"{"text":"快递员态度恶劣，还骂人。","label":"delivery"}"#,
            #"{"text":"El repartidor me gritó.","label":"delivery"}"#,
            #"{"text":"El repartidor me gritó otra vez.","label":"repartidor"}"#,
        ]
        try (lines.joined(separator: "\n") + "\n").write(to: folder.appendingPathComponent("labels.jsonl"), atomically: true, encoding: .utf8)
        let r = try Self.run(tool, ["train", "--add", "labels.jsonl", "--out", "desk.cimodel"], in: folder)
        #expect(r.status == 65)
        #expect(r.err.contains("labels.jsonl:3") && r.err.contains("not a category"), "\(r.err)")
        #expect(!FileManager.default.fileExists(atPath: folder.appendingPathComponent("desk.cimodel").path))
    }
}
