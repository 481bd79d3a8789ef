import Foundation
import IntakeTestSupport
import Testing
@testable import ComplaintIntake

/// The ways real complaints write amounts, order numbers and days that the first extractor missed (issue 19), one
/// table per field and language; each row is a sentence as a customer writes it.
@Suite("Fields as customers write them")
struct FieldsAsWrittenTests {
    struct AmountCase: CustomStringConvertible, Sendable {
        let text: String
        /// "value currency" per amount, currency `null` when the text names none.
        let amounts: [String]
        var defaultCurrency: String? = nil
        var description: String { text }
    }

    static func amounts(_ c: AmountCase) -> [String] {
        Fixtures.fields(c.text, defaultCurrency: c.defaultCurrency).amounts.map { "\(HandMarkedFieldsTests.decimal($0.value)) \($0.currency ?? "null")" }
    }

    static let chineseAmounts: [AmountCase] = [
        .init(text: "这个电饭煲600多元，用了两次就坏了", amounts: ["600 CNY"]),
        .init(text: "两百二十多块的东西，说退就是不给退", amounts: ["220 CNY"]),
        .init(text: "三千来块买的空调，制冷一点都不行", amounts: ["3000 CNY"]),
        .init(text: "花了1000余元修手机，结果还是黑屏", amounts: ["1000 CNY"]),
        .init(text: "价格是五百左右，质量却差得离谱", amounts: ["500 null"]),
        .init(text: "收了我大概两千，什么都没修好", amounts: ["2000 null"]),
        .init(text: "1.5万的沙发坐了一个月就塌了", amounts: ["15000 null"]),
        .init(text: "花了3k买的显示器，屏幕有坏点", amounts: ["3000 null"]),
        .init(text: "手机壳2千？你们是抢钱吗", amounts: ["2000 null"]),
        .init(text: "同款别家才卖200-300元", amounts: ["200 CNY", "300 CNY"]),
        .init(text: "花了500，送来的是旧的", amounts: ["500 null"]),
        .init(text: "售价199，到手发现是假货", amounts: ["199 null"]),
        .init(text: "降价了，差价80要退给我", amounts: ["80 null"]),
        .init(text: "实付58块5，汤洒了一半", amounts: ["58.5 CNY"]),
        .init(text: "一盒五六百块，压得粉碎", amounts: ["500 CNY", "600 CNY"]),
        .init(text: "團費每人8,800元，臨時取消", amounts: ["8800 TWD"], defaultCurrency: "TWD"),
        .init(text: "花了500", amounts: ["500 HKD"], defaultCurrency: "HKD"),
        // Counts after a price cue are no amounts.
        .init(text: "花了3天才修好，扣了一晚房费", amounts: []),
        .init(text: "买了两个，用了一个", amounts: []),
    ]

    static let spanishAmounts: [AmountCase] = [
        .init(text: "me cobraron $14.990 por el envío", amounts: ["14990 CLP"], defaultCurrency: "CLP"),
        .init(text: "pagué $1.280.000 por el sofá y llegó roto", amounts: ["1280000 CLP"], defaultCurrency: "CLP"),
        .init(text: "me cobraron 26mil por un combo frío", amounts: ["26000 null"]),
        .init(text: "el técnico me pidió 7 mil pesos por la visita", amounts: ["7000 MXN"]),
        .init(text: "Pagué 20 lucas y no funciona", amounts: ["20000 CLP"], defaultCurrency: "CLP"),
        .init(text: "me cobraron 2 palos por cambiar el vuelo", amounts: ["2000000 COP"], defaultCurrency: "COP"),
        .init(text: "¿por qué me habéis cobrado 1’99€ por el envío?", amounts: ["1.99 EUR"]),
        .init(text: "comisión de 2'50 € por sacar dinero", amounts: ["2.5 EUR"]),
        .init(text: "el técnico me cobró entre 500 y 600 pesos", amounts: ["500 MXN", "600 MXN"]),
        .init(text: "normalmente pago entre 120 y 150 mil pesos", amounts: ["120000 MXN", "150000 MXN"]),
        .init(text: "me subieron la tarifa de 35 a 42 euros", amounts: ["35 EUR", "42 EUR"]),
        .init(text: "Pagué 45 y el paquete no llega", amounts: ["45 null"]),
        .init(text: "el precio era 64, no es tan barato", amounts: ["64 null"]),
        .init(text: "Un ratón de 29,90 que no funciona", amounts: ["29.9 null"]),
        .init(text: "Pagué 45 y el paquete no llega", amounts: ["45 EUR"], defaultCurrency: "EUR"),
        .init(text: "me costó como 40 lucas", amounts: ["40000 ARS"]),
        // Counts after a price cue are no amounts, and 000 is never the value 0.
        .init(text: "pagué 2 veces el mismo pedido", amounts: []),
        .init(text: "me cobraron 000 mil pesos de más", amounts: []),
    ]

    @Test("Chinese amounts: approximate, rounded, without a mark, ranges", arguments: chineseAmounts)
    func chinese(_ c: AmountCase) { #expect(Self.amounts(c) == c.amounts) }

    @Test("Spanish amounts: thousands with dots, mil, lucas, k, apostrophe decimals, ranges", arguments: spanishAmounts)
    func spanish(_ c: AmountCase) { #expect(Self.amounts(c) == c.amounts) }

    @Test("600多元 is marked approximate, ¥299 is not")
    func approximate() {
        #expect(Fixtures.fields("这个电饭煲600多元").amounts.map(\.approximate) == [true])
        #expect(Fixtures.fields("花了¥299买的").amounts.map(\.approximate) == [false])
        #expect(Fixtures.fields("me costó unos 300 euros").amounts.map(\.approximate) == [true])
    }

    struct NumberCase: CustomStringConvertible, Sendable {
        let text: String
        let orders: [String]
        /// "kind value" per reference number.
        var references: [String] = []
        var description: String { text }
    }

    static let numbers: [NumberCase] = [
        .init(text: "174208675是我的订单编号，东西坏了", orders: ["174208675"]),
        .init(text: "订单号3318872201一直不发货", orders: ["3318872201"]),
        .init(text: "工单号GD20240301-0377，师傅还没来", orders: [], references: ["ticket GD20240301-0377"]),
        .init(text: "发票号码 25442000000187634291 金额不对，订单 4399120857", orders: ["4399120857"], references: ["invoice 25442000000187634291"]),
        .init(text: "20260520001837是我的投诉编号", orders: [], references: ["complaint 20260520001837"]),
        .init(text: "NÚMERO DE PEDIDO406-3348377-1789132 llegó vacío", orders: ["406-3348377-1789132"]),
        .init(text: "El pedido n.º 4051-778812 llegó roto", orders: ["4051-778812"]),
        .init(text: "reclamo No 387818 sin respuesta", orders: [], references: ["complaint 387818"]),
        .init(text: "el 778201 es mi número de incidencia y sigo sin fijo", orders: [], references: ["ticket 778201"]),
        .init(text: "la factura No. FE-558812 llegó por el doble", orders: [], references: ["invoice FE-558812"]),
        .init(text: "Ticket 4512887 y seguimos igual, pedido 3321907", orders: ["3321907"], references: ["ticket 4512887"]),
    ]

    @Test("order numbers wherever the cue stands; tickets, complaints and invoices as reference numbers", arguments: numbers)
    func orderNumbers(_ c: NumberCase) {
        let f = Fixtures.fields(c.text)
        #expect(f.orderNumbers.map(\.value) == c.orders)
        #expect(f.referenceNumbers.map { "\($0.kind) \($0.value)" } == c.references)
    }

    @Test("now, currently and bare numbers are no dates; relative days stay", arguments: [
        ("ahora no aparece el paquete", [String]()),
        ("actualmente tengo 2 incidencias abiertas", []),
        ("现在还没到货", []),
        ("目前没有任何回复", []),
        ("pedí 10 y me llegó 1", []),
        ("hoy me llegó roto", ["2024-03-20"]),
        ("ayer llamé y nadie contesta", ["2024-03-19"]),
        ("今天又打了一次电话", ["2024-03-20"]),
        ("昨天收到的", ["2024-03-19"]),
        ("el lunes me dijeron que llegaba", ["2024-03-18"]),
        ("本人於113年11月5日購買", ["2024-11-05"]),
        ("三日遊取消了，用咗十日都未到", []),
    ])
    func noDates(_ text: String, _ dates: [String]) {
        #expect(Fixtures.fields(text, reference: "2024-03-20").dates.map(\.value) == dates, "\(text)")
    }

    @Test("a phone given in the input is read like one in the text", arguments: [
        ("55 1234 5678", "no me llega el pedido", nil as String?, "+525512345678"),
        ("0912 345 678", "訂單一直沒出貨", nil, "+886912345678"),
        ("139 0211 5678", "快递一直没到", nil, "+8613902115678"),
        ("(2) 2345 6789", "no llega", "CL", "+56223456789"),
    ])
    func inputPhone(_ raw: String, _ text: String, _ country: String?, _ e164: String) throws {
        var policy = try Policy.builtIn()
        policy.defaultCountry = country
        let pipeline = try IntakePipeline(resources: Fixtures.resources, policy: policy)
        var m = Message(text: text)
        m.customer.phone = raw
        #expect(try pipeline.process(m).customer.phone == e164)
    }
}
