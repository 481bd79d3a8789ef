import Foundation
import IntakeTestSupport
import Testing
@testable import ComplaintIntake

/// The signature under a customer's e-mail: set apart from the text that is classified, kept for the customer's phone,
/// and never taken from a quoted message (the desk's own signature in an earlier reply is not the customer's).
@Suite("E-mail signatures")
struct EmailSignatureTests {
    static func mail(_ body: String) -> [UInt8] {
        Array("""
        From: Cliente <cliente@example.com>\r
        Subject: reclamo\r
        Date: Wed, 20 Mar 2024 10:00:00 +0100\r
        Content-Type: text/plain; charset=utf-8\r
        \r
        \(body.replacingOccurrences(of: "\n", with: "\r\n"))
        """.utf8)
    }

    @Test("the phone of the signature becomes the customer's, in E.164", arguments: [
        ("La lavadora llegó con el tambor roto y nadie me contesta.\n-- \nAna López\nTel. 612 345 678", "+34612345678"),
        ("Pedí una chamarra hace dos semanas y no ha llegado.\nEnviado desde mi iPhone\nCel. 55 1234 5678", "+525512345678"),
        ("快递一直没到，客服也不回复，请尽快处理。\n-- \n王先生\n手机 139 0211 5678", "+8613902115678"),
        ("訂單一直沒出貨，請盡快回覆。\n從我的 iPhone 傳送\n0912 345 678", "+886912345678"),
    ])
    func signaturePhone(_ body: String, _ phone: String) throws {
        let m = try EmailParser().parse(Self.mail(body))
        #expect(m.signature != nil)
        #expect(!(m.content ?? m.text).contains(phone.suffix(4)), "the signature is not classified")
        #expect(try Fixtures.pipeline.process(m).customer.phone == phone)
    }

    @Test("a quoted reply's signature is not the customer's", arguments: [
        "Sigo sin respuesta.\n\nEl 18 de marzo, Atención al Cliente escribió:\n> Gracias por escribirnos.\n> -- \n> Tel. 900 123 456",
        "还是没有人处理。\n\n在 2024年3月18日，客服 写道：\n> 您好，已收到。\n> -- \n> 电话 400 820 7733",
    ])
    func quotedSignature(_ body: String) throws {
        let m = try EmailParser().parse(Self.mail(body))
        #expect(m.signature == nil)
        #expect(try Fixtures.pipeline.process(m).customer.phone == nil)
    }

    @Test("the built-in markers load, and a bad marker line is refused with its line")
    func markers() {
        #expect(!EmailMarkers.builtIn.signature.isEmpty && !EmailMarkers.builtIn.wroteEnd.isEmpty)
        #expect(throws: EmailMarkers.BadLine.self) { try EmailMarkers(tsv: "# markers\nfirma\t--\n") }
    }
}
