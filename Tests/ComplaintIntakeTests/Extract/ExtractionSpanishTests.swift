import IntakeTestSupport
import Testing
@testable import ComplaintIntake

@Suite("Extraction, Spanish")
struct ExtractionSpanishTests {
    struct DateCase: CustomStringConvertible, Sendable {
        let text: String
        let span: String
        let value: String
        let relative: Bool
        var ambiguous = false
        var description: String { text }
    }

    /// Reference day: Wednesday 2024-03-20.
    static let dates: [DateCase] = [
        .init(text: "Hice el pedido el 5 de marzo de 2024", span: "5 de marzo de 2024", value: "2024-03-05", relative: false),
        .init(text: "me llegó el 5 de marzo y no funciona", span: "5 de marzo", value: "2024-03-05", relative: false),
        .init(text: "compra del 05/03/2024", span: "05/03/2024", value: "2024-03-05", relative: false, ambiguous: true),
        .init(text: "entregado el 25/02/2024 según la web", span: "25/02/2024", value: "2024-02-25", relative: false),
        .init(text: "pedido 5-mar-24 sin noticias", span: "5-mar-24", value: "2024-03-05", relative: false),
        .init(text: "hoy vino el técnico", span: "hoy", value: "2024-03-20", relative: true),
        .init(text: "ayer me colgaron dos veces", span: "ayer", value: "2024-03-19", relative: true),
        .init(text: "anteayer pagué la factura", span: "anteayer", value: "2024-03-18", relative: true),
        .init(text: "antier fui a la sucursal", span: "antier", value: "2024-03-18", relative: true),
        .init(text: "lo pedí hace 3 días", span: "hace 3 días", value: "2024-03-17", relative: true),
        .init(text: "compré la tele hace una semana", span: "hace una semana", value: "2024-03-13", relative: true),
        .init(text: "el lunes pasado vino roto", span: "el lunes pasado", value: "2024-03-18", relative: true),
        .init(text: "la semana pasada llamé", span: "la semana pasada", value: "2024-03-13", relative: true),
        .init(text: "me prometieron para el próximo lunes", span: "el próximo lunes", value: "2024-03-25", relative: true),
        .init(text: "el 15 hice la devolución", span: "15", value: "2024-03-15", relative: false),
        .init(text: "lo compré en el Black Friday y ya no enciende", span: "Black Friday", value: "2023-11-24", relative: true),
        .init(text: "regalo para el día del padre del 2023, llegó tarde", span: "día del padre del 2023", value: "2023-06-18", relative: true),
        .init(text: "reservamos para Semana Santa y el hotel canceló", span: "Semana Santa", value: "2023-04-09", relative: true),
        .init(text: "el técnico vino el martes 12 y no trajo la pieza", span: "el martes 12", value: "2024-03-12", relative: false),
        .init(text: "me lo entregan el viernes 22 a las 10", span: "el viernes 22", value: "2024-03-22", relative: false),
        .init(text: "esta mañana llegó la caja abierta", span: "esta mañana", value: "2024-03-20", relative: true),
        .init(text: "me dijeron que en 48 horas y nada", span: "en 48 horas", value: "2024-03-20", relative: true),
        .init(text: "pagué el 2 de este mes", span: "2 de este mes", value: "2024-03-02", relative: true),
        .init(text: "la cita era el 28 del mes pasado", span: "28 del mes pasado", value: "2024-02-28", relative: true),
        .init(text: "nació el veintiocho de marzo de mil novecientos noventa y dos", span: "veintiocho de marzo de mil novecientos noventa y dos", value: "1992-03-28", relative: false),
        .init(text: "tres días después de hoy me lo cambian", span: "tres días después de hoy", value: "2024-03-23", relative: true),
        .init(text: "quedaron en el próximo 2 de marzo", span: "próximo 2 de marzo", value: "2025-03-02", relative: true),
        .init(text: "ver adjunto factura_2024-02-11.pdf", span: "2024-02-11", value: "2024-02-11", relative: false),
        .init(text: "cargos del 08/12,2023 y del 20/11, 22/11", span: "08/12,2023", value: "2023-12-08", relative: false, ambiguous: true),
        .init(text: "la entrega era entre el 14 y el 18 de marzo", span: "14", value: "2024-03-14", relative: false),
        .init(text: "el técnico viene la próxima semana el martes", span: "la próxima semana el martes", value: "2024-03-26", relative: true),
        .init(text: "la reserva era para el 22 de marzo y la cancelaron", span: "22 de marzo", value: "2024-03-22", relative: false),
    ]

    @Test("dates resolve against the reference day", arguments: dates)
    func date(_ c: DateCase) throws {
        let all = Fixtures.fields(c.text).dates
        let d = try #require(all.first { $0.text == c.span }, "no date \(c.span) in \(all)")
        #expect(d.value == c.value)
        #expect(d.relative == c.relative)
        #expect(d.ambiguous == c.ambiguous)
    }

    @Test("a percentage or a quantity after 'el' is not a day")
    func notDays() {
        #expect(Fixtures.fields("me cobraron el 15% de recargo").dates.isEmpty)
        #expect(Fixtures.fields("el 2 de los 6 vasos llegó roto").dates.isEmpty)
    }

    @Test("order numbers after cue words, in the shapes Spanish shops use")
    func orders() {
        #expect(Fixtures.fields("mi pedido #4021-88 no llega").orderNumbers.map(\.value) == ["4021-88"])
        #expect(Fixtures.fields("nº de pedido ES-552019").orderNumbers.map(\.value) == ["ES-552019"])
        // A folio names a ticket the desk quotes back, not an order (issue 19).
        #expect(Fixtures.fields("folio 88213 en la tienda").orderNumbers.isEmpty)
        #expect(Fixtures.fields("folio 88213 en la tienda").referenceNumbers.map { "\($0.kind) \($0.value)" } == ["ticket 88213"])
        #expect(Fixtures.fields("Número de orden: MX-771203 pagado").orderNumbers.map(\.value) == ["MX-771203"])
        let amazon = Fixtures.fields("compré en Amazon, 702-1234567-7654321, y llegó vacío").orderNumbers
        #expect(amazon.map(\.value) == ["702-1234567-7654321"])
    }

    @Test("an order number's value is upper case, as typed in lower case or full width", arguments: [
        ("nº de pedido es-552019, todavía no llega", "ES-552019"),
        ("Número de orden: ＭＸ-７７１２０３ pagado", "MX-771203"),
    ])
    func orderValues(_ c: (text: String, value: String)) {
        #expect(Fixtures.fields(c.text).orderNumbers.map(\.value) == [c.value])
    }

    @Test("tracking numbers with their carrier")
    func tracking() {
        #expect(Fixtures.fields("la guía de Estafeta 7788123456 no se mueve").trackingNumbers.map(\.carrier) == ["ESTAFETA"])
        #expect(Fixtures.fields("número de seguimiento 1Z999AA10123456784").trackingNumbers.map(\.carrier) == ["UPS"])
        #expect(Fixtures.fields("envío certificado RR123456789ES").trackingNumbers.map(\.carrier) == ["CORREOS"])
    }

    static let amounts: [AmountCase] = [
        .init(text: "pagué 1.500,50 € por la lavadora", value: "1500.50", currency: "EUR"),
        .init(text: "me cobraron 49,99 € dos veces", value: "49.99", currency: "EUR"),
        .init(text: "costó $1,500.50 MXN", value: "1500.50", currency: "MXN"),
        .init(text: "un celular de $4,299", value: "4299", currency: "MXN"),
        .init(text: "son 12.000 pesos argentinos tirados", value: "12000", currency: "ARS"),
        .init(text: "pagué 250 dólares", value: "250", currency: "USD"),
        .init(text: "me devolvieron S/ 120", value: "120", currency: "PEN"),
    ]

    @Test("amounts with currency; a bare $ is MXN unless the text says otherwise", arguments: amounts)
    func amount(_ c: AmountCase) { c.check() }

    @Test("phones of Spain, Mexico, Colombia, Argentina and in E.164")
    func phones() {
        #expect(Fixtures.fields("mi móvil es 612 345 678").phones.map(\.value) == ["+34612345678"])
        #expect(Fixtures.fields("cel 55 1234 5678").phones.map(\.value) == ["+525512345678"])
        #expect(Fixtures.fields("llámenme al 310 555 1234").phones.map(\.value) == ["+573105551234"])
        #expect(Fixtures.fields("whatsapp +54 9 11 2345-6789").phones.map(\.value) == ["+5491123456789"])
    }

    @Test("remedies only when asked for and not negated")
    func remedies() {
        #expect(Fixtures.fields("no quiero cambio, quiero la devolución del dinero").remedies == [.refund])
        #expect(Fixtures.fields("Exijo una disculpa y una nueva visita del técnico").remedies == [.apology])
        #expect(Fixtures.fields("reembolsen ya!!!").remedies == [.refund])
        #expect(Fixtures.fields("el cambio de talla fue rápido, gracias").remedies.isEmpty)
    }

    @Test("escalation signals")
    func signals() {
        let f = Fixtures.fields("Es la tercera vez que reclamo, el repartidor me insultó y voy a ir a PROFECO")
        #expect(Set(f.signals.map(\.flag)) == ["repeat_complaint", "insult", "regulator_threat"])
        #expect(f.signals.first { $0.flag == "repeat_complaint" }?.count == 3)
        #expect(Fixtures.fields("el cargador echó humo y se quemó la mesa").signals.map(\.flag) == ["safety"])
    }
}
