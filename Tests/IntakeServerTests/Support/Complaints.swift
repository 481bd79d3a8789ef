import Foundation

/// Complaints written for these tests, not taken from the corpus the model was trained on, each with what the
/// record must say of it.
enum Complaints {
    struct Case: Sendable, CustomStringConvertible {
        let id: String
        let text: String
        let language: String
        let category: String
        let department: String
        let order: String?
        var description: String { id }
    }

    static let zhDelivery = Case(
        id: "zh-delivery-1",
        text: "你好，我在6月3日下的订单（订单号：JD20240603188），说好三天送到，到今天已经九天了还没收到。物流单号SF1234567890123一直显示在中转站，打了两次客服电话都说在查。请尽快给我一个答复，不行就退款。联系电话13812345678。",
        language: "zh-Hans", category: "delivery", department: "logistics", order: "JD20240603188")
    static let zhQuality = Case(
        id: "zh-quality-1",
        text: "买的电饭煲才用了一个星期内胆涂层就大面积脱落，煮出来的饭里都有黑色碎屑，这样的东西怎么敢给家里人吃？订单号TB8823419，要求退货退款并给个说法。",
        language: "zh-Hans", category: "quality", department: "quality_management", order: "TB8823419")
    static let esDelivery = Case(
        id: "es-delivery-1",
        text: "Hola, hice el pedido 4471-2290 el 2 de junio y me prometieron entrega en 48 horas. Ya pasaron diez días y el seguimiento de Correos sigue sin movimiento. Necesito que me digan dónde está el paquete o que me devuelvan los 89,95 €.",
        language: "es", category: "delivery", department: "logistics", order: "4471-2290")
    static let esService = Case(
        id: "es-service-1",
        text: "La persona que me atendió por teléfono ayer fue muy grosera, me colgó dos veces y no quiso darme su nombre. Llevo una semana esperando que alguien me llame para resolver lo de la factura duplicada.",
        language: "es", category: "service", department: "customer_service", order: nil)

    static let all = [zhDelivery, zhQuality, esDelivery, esService]

    /// A Chinese e-mail in UTF-8 and base64, as webmail sends it.
    static let zhEmail: String = {
        let body = "您好：\r\n我上周五买的蓝牙耳机（订单号 PDD55120937）左耳完全没有声音，换了手机也一样。\r\n请给我换一副新的，或者退货退款。\r\n王丽\r\n"
        let encoded = Data(body.utf8).base64EncodedString(options: [.lineLength76Characters, .endLineWithCarriageReturn])
        return """
        From: =?UTF-8?B?546L5Li9?= <wangli@example.cn>\r
        To: kefu@example.cn\r
        Subject: =?UTF-8?B?6ICz5py65rKh5pyJ5aOw6Z+z?=\r
        Date: Wed, 12 Jun 2024 09:15:00 +0800\r
        Message-ID: <zh-mail-1@example.cn>\r
        MIME-Version: 1.0\r
        Content-Type: text/plain; charset=utf-8\r
        Content-Transfer-Encoding: base64\r
        \r
        \(encoded)\r

        """
    }()

    /// A Spanish e-mail in Latin-1 quoted-printable.
    static let esEmail = """
        From: Jorge Salinas <jorge.salinas@example.mx>\r
        To: soporte@example.mx\r
        Subject: Pedido 88-30117 sin entregar\r
        Date: Tue, 11 Jun 2024 17:40:00 -0600\r
        Message-ID: <es-mail-1@example.mx>\r
        MIME-Version: 1.0\r
        Content-Type: text/plain; charset=iso-8859-1\r
        Content-Transfer-Encoding: quoted-printable\r
        \r
        Buenas tardes:\r
        \r
        El pedido 88-30117 deb=EDa llegar el lunes 3 de junio y todav=EDa no lo recib=\r
        o. La paqueter=EDa dice que lo entreg=F3, pero nadie vino a mi casa. Quiero que\r
        me lo env=EDen de nuevo o que me reembolsen el importe.\r
        \r
        Jorge Salinas\r

        """
}
