import ComplaintRegister
import Foundation
import IntakeTestSupport
import Testing
@testable import ComplaintIntake

/// Replies threaded to their case, as help desks do: an event of the case it answers, never a repeat complaint.
@Suite("Reply threading in the register")
struct ThreadTests {
    static func mail(id: String, from: String, date: String, subject: String, body: String, inReplyTo: String? = nil, references: [String] = []) -> Message {
        var raw = "From: \(from)\r\nTo: servicio@tienda.example\r\nSubject: \(subject)\r\nDate: \(date)\r\nMessage-ID: <\(id)>\r\n"
        if let inReplyTo { raw += "In-Reply-To: <\(inReplyTo)>\r\n" }
        if !references.isEmpty { raw += "References: " + references.map { "<\($0)>" }.joined(separator: "\r\n ") + "\r\n" }
        raw += "MIME-Version: 1.0\r\nContent-Type: text/plain; charset=utf-8\r\nContent-Transfer-Encoding: 8bit\r\n\r\n\(body)\r\n"
        do { return try EmailParser().parse(Array(raw.utf8)) } catch { fatalError("cannot parse \(raw): \(error)") }
    }

    @Test("a Chinese customer's reply to the desk's answer: an event of the case, no new complaint, no repeat escalation")
    func chineseReply() throws {
        let r = try ComplaintRegister(path: RegisterTests.tempPath())
        let first = Self.mail(id: "20261120.8841@mail.example.cn", from: "赵敏 <zhao.min@example.cn>", date: "Fri, 20 Nov 2026 10:12:00 +0800",
                              subject: "空气净化器异响", body: "你好，我上周买的空气净化器（订单号DD202611130021）一开机就有很大的异响，要求换一台新的。")
        let complaint = try r.ingest(first, with: Fixtures.pipeline).record
        // The desk answered from its own system (a message the register never saw); the customer answers that.
        let reply = Self.mail(id: "20261122.0193@mail.example.cn", from: "赵敏 <zhao.min@example.cn>", date: "Sun, 22 Nov 2026 09:40:00 +0800",
                              subject: "Re: 空气净化器异响", body: "好的，我明天上午在家，快递员来取件之前请先打电话给我。\n\n在 2026年11月21日，客服中心 写道：\n> 您好，我们将为您换货。",
                              inReplyTo: "desk-answer-5512@tienda.example", references: ["20261120.8841@mail.example.cn", "desk-answer-5512@tienda.example"])
        #expect(reply.references == ["desk-answer-5512@tienda.example", "20261120.8841@mail.example.cn"])
        let outcome = try r.ingest(reply, with: Fixtures.pipeline)
        guard case .reply(let record, let reopened) = outcome else { Issue.record("not threaded: \(outcome)"); return }
        #expect(!reopened)
        #expect(record.replyTo == complaint.id)
        #expect(record.repeatCount == 1 && record.repeatOf == nil)
        #expect(!record.escalation.reasons.contains { $0.hasPrefix("repeat_complaint") })
        #expect(try r.count() == 1)
        let c = try r.complaint(id: complaint.id)
        #expect(c.history.map(\.status) == [.open, .open])
        #expect(c.history.last?.reply == "20261122.0193@mail.example.cn")
        #expect(try r.replies(of: complaint.id).map(\.id) == ["20261122.0193@mail.example.cn"])
        #expect(record.jsonLine().map { String(decoding: $0, as: UTF8.self) }?.contains(#""reply_to":"20261120.8841@mail.example.cn""#) == true)
    }

    @Test("a Spanish reply after the case was closed reopens it, and the history says so; a reply to that reply threads too")
    func spanishReopen() throws {
        let r = try ComplaintRegister(path: RegisterTests.tempPath())
        let first = Self.mail(id: "CAF-ticket-30981@correo.example.es", from: "Nuria Gómez <nuria.gomez@example.es>", date: "Mon, 16 Nov 2026 11:05:00 +0100",
                              subject: "Lavadora que pierde agua", body: "Buenos días, la lavadora que me entregaron el jueves (pedido PED-552907) pierde agua por abajo. Quiero que vengan a repararla.")
        let complaint = try r.ingest(first, with: Fixtures.pipeline).record
        try r.transition(id: complaint.id, to: .closed, note: "técnico enviado, reparada")
        let reply = Self.mail(id: "CAF-reply-31022@correo.example.es", from: "Nuria Gómez <nuria.gomez@example.es>", date: "Wed, 25 Nov 2026 18:30:00 +0100",
                              subject: "Re: Lavadora que pierde agua", body: "Hola, el técnico vino pero la lavadora vuelve a perder agua igual que antes. No está arreglada.",
                              inReplyTo: "CAF-ticket-30981@correo.example.es")
        guard case .reply(let record, let reopened) = try r.ingest(reply, with: Fixtures.pipeline) else { Issue.record("not threaded"); return }
        #expect(reopened)
        #expect(record.replyTo == complaint.id)
        var c = try r.complaint(id: complaint.id)
        #expect(c.status == .open)
        #expect(c.history.map(\.status) == [.open, .closed, .open])
        #expect(c.history.last?.note?.contains("reopened") == true)
        // The customer answers her own reply: the thread still leads to the case.
        let again = Self.mail(id: "CAF-reply-31055@correo.example.es", from: "Nuria Gómez <nuria.gomez@example.es>", date: "Thu, 26 Nov 2026 08:00:00 +0100",
                              subject: "Re: Re: Lavadora que pierde agua", body: "Añado una foto del charco, por favor contesten.",
                              references: ["CAF-reply-31022@correo.example.es"])
        guard case .reply(let second, false) = try r.ingest(again, with: Fixtures.pipeline) else { Issue.record("not threaded"); return }
        #expect(second.replyTo == complaint.id)
        c = try r.complaint(id: complaint.id)
        #expect(c.history.compactMap(\.reply) == ["CAF-reply-31022@correo.example.es", "CAF-reply-31055@correo.example.es"])
        #expect(try r.count() == 1)
        // The same reply delivered twice is a duplicate and writes nothing.
        let dup = try r.ingest(reply, with: Fixtures.pipeline)
        #expect(dup.record.duplicate == true && dup.record.replyTo == complaint.id)
        #expect(try r.complaint(id: complaint.id).history.count == c.history.count)
    }

    @Test("batch lines carry reply_to; one naming a case the register lacks is a complaint of its own, with a warning", arguments: [
        (#"{"id": "web-771", "text": "Sigo esperando que me digan cuándo llega el repuesto", "reply_to": "web-770"}"#, true),
        (#"{"id": "wb-2", "text": "补充一下：收到的包裹外箱已经压坏了", "reply_to": "wb-1"}"#, true),
        (#"{"id": "web-990", "text": "El pedido PED-7781 llegó vacío, quiero el reembolso", "reply_to": "no-existe-123"}"#, false),
    ])
    func batchReplyTo(line: String, threaded: Bool) throws {
        let r = try ComplaintRegister(path: RegisterTests.tempPath())
        _ = try r.ingest(Message(id: "web-770", channel: .web, receivedAt: Timestamp.parse("2026-11-20T10:00:00Z"),
                                 text: "Pedí un repuesto para la aspiradora y nadie me dice cuándo llega"), with: Fixtures.pipeline)
        _ = try r.ingest(Message(id: "wb-1", channel: .web, receivedAt: Timestamp.parse("2026-11-20T10:00:00Z"),
                                 text: "快递送来的电饭煲内胆有裂痕，要求换货"), with: Fixtures.pipeline)
        let m = try BatchLineParser().message(json: Array(line.utf8)[...])
        let outcome = try r.ingest(m, with: Fixtures.pipeline)
        if threaded {
            guard case .reply(let record, _) = outcome else { Issue.record("not threaded"); return }
            #expect(record.replyTo == m.replyTo)
            #expect(try r.count() == 2)
        } else {
            guard case .stored(let record) = outcome else { Issue.record("not stored"); return }
            #expect(record.replyTo == nil && record.warnings.contains("reply_to_unknown_case"))
            #expect(try r.count() == 3)
        }
    }

    @Test("References and In-Reply-To as clients write them: folded, repeated, without brackets", arguments: [
        ("<a@x.cn>", ["a@x.cn"]), ("<a@x.cn> <b@x.cn>\t<c@x.cn>", ["a@x.cn", "b@x.cn", "c@x.cn"]), ("a@x.cn", ["a@x.cn"]),
        ("Su mensaje del lunes <a@x.es>", ["a@x.es"]), ("", []), ("no es un id", []),
    ])
    func messageIDs(value: String, ids: [String]) {
        #expect(EmailParser.messageIDs(value) == ids)
    }
}
