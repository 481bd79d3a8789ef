import IntakeTestSupport
import Testing
@testable import ComplaintIntake

@Suite("Extraction, Chinese")
struct ExtractionChineseTests {
    struct DateCase: CustomStringConvertible, Sendable {
        let text: String
        let span: String
        let value: String
        let relative: Bool
        var description: String { text }
    }

    /// Reference day: Wednesday 2024-03-20.
    static let dates: [DateCase] = [
        .init(text: "我2024年3月5日下的单", span: "2024年3月5日", value: "2024-03-05", relative: false),
        .init(text: "3月5号收到货就坏了", span: "3月5号", value: "2024-03-05", relative: false),
        .init(text: "三月五日买的，到现在没发货", span: "三月五日", value: "2024-03-05", relative: false),
        .init(text: "二〇二四年三月五日签收", span: "二〇二四年三月五日", value: "2024-03-05", relative: false),
        .init(text: "下单时间2024/3/5，一直没动静", span: "2024/3/5", value: "2024-03-05", relative: false),
        .init(text: "今天打了三次电话", span: "今天", value: "2024-03-20", relative: true),
        .init(text: "昨天送来的包裹是破的", span: "昨天", value: "2024-03-19", relative: true),
        .init(text: "前天就说发货了", span: "前天", value: "2024-03-18", relative: true),
        .init(text: "大前天申请的退款", span: "大前天", value: "2024-03-17", relative: true),
        .init(text: "上周三买的吹风机", span: "上周三", value: "2024-03-13", relative: true),
        .init(text: "上個禮拜五寄出的", span: "上個禮拜五", value: "2024-03-15", relative: true),
        .init(text: "上个月15号下的订单", span: "上个月15号", value: "2024-02-15", relative: true),
        .init(text: "三天前就显示派送中", span: "三天前", value: "2024-03-17", relative: true),
        .init(text: "3天前申请了售后", span: "3天前", value: "2024-03-17", relative: true),
        .init(text: "客服说下周一给答复", span: "下周一", value: "2024-03-25", relative: true),
        .init(text: "12月28日买的，现在才坏", span: "12月28日", value: "2023-12-28", relative: false),
        .init(text: "双十一买的电饭煲，用了不到半年", span: "双十一", value: "2023-11-11", relative: true),
        .init(text: "母親節訂的蛋糕到現在還沒到", span: "母親節", value: "2023-05-14", relative: true),
        .init(text: "客服说48小时后回电，结果没有", span: "48小时后", value: "2024-03-20", relative: true),
        .init(text: "说好三天后发货", span: "三天后", value: "2024-03-23", relative: true),
        .init(text: "3/15下单的，物流一直没更新", span: "3/15", value: "2024-03-15", relative: false),
        .init(text: "发票日期 2024 03 02 有误", span: "2024 03 02", value: "2024-03-02", relative: false),
        .init(text: "保修卡上写的 5/6/23 购买", span: "5/6/23", value: "2023-06-05", relative: false),
        .init(text: "上個禮拜五寄出嘅貨，到今日都未到", span: "今日", value: "2024-03-20", relative: true),
    ]

    @Test("dates resolve against the reference day", arguments: dates)
    func date(_ c: DateCase) throws {
        let d = try #require(Fixtures.fields(c.text).dates.first { $0.text == c.span }, "no date \(c.span) in \(Fixtures.fields(c.text).dates)")
        #expect(d.value == c.value)
        #expect(d.relative == c.relative)
        let scalars = Array(c.text.unicodeScalars)
        #expect(String(String.UnicodeScalarView(scalars[d.start..<d.end])) == c.span)
    }

    @Test("3号楼 is a building, not a day")
    func numberedPlace() {
        #expect(Fixtures.fields("快递放在3号楼门口就走了").dates.isEmpty)
    }

    @Test("order numbers after cue words, with any separator, and by marketplace shape")
    func orders() {
        #expect(Fixtures.fields("订单号：DD20240305123，一直没发货").orderNumbers.map(\.value) == ["DD20240305123"])
        #expect(Fixtures.fields("訂單編號 TW2403118877 的商品有瑕疵").orderNumbers.map(\.value) == ["TW2403118877"])
        #expect(Fixtures.fields("单号#556677889，请尽快处理").orderNumbers.map(\.value) == ["556677889"])
        let shaped = Fixtures.fields("我买的东西 3120987654321098 到现在没消息").orderNumbers
        #expect(shaped.map(\.value) == ["3120987654321098"])
        #expect(shaped.first?.confidence == "shape")
    }

    @Test("an order number's value is upper case, typed in half or full width", arguments: [
        ("订单号：dd20240305123，一直没发货", "DD20240305123"),
        ("訂單編號：ＴＷ２４０３１１８８７７，商品有瑕疵", "TW2403118877"),
        ("单号ｄｄ２０２４０３０５１２３还没发货", "DD20240305123"),
    ])
    func orderValues(_ c: (text: String, value: String)) {
        #expect(Fixtures.fields(c.text).orderNumbers.map(\.value) == [c.value])
    }

    @Test("a phone number, a date or an amount is never an order number")
    func notOrders() {
        let f = Fixtures.fields("我的手机13812345678，3月5日付了1500元")
        #expect(f.orderNumbers.isEmpty)
        #expect(f.phones.map(\.value) == ["+8613812345678"])
        #expect(f.amounts.map(\.value) == ["1500"])
    }

    @Test("tracking numbers with their carrier")
    func tracking() {
        let f = Fixtures.fields("运单号SF1234567890123一直不更新，还有一个圆通的快递单号：YT7712345678901")
        #expect(f.trackingNumbers.map(\.value) == ["SF1234567890123", "YT7712345678901"])
        #expect(f.trackingNumbers.map(\.carrier) == ["SF", "YTO"])
        let z = Fixtures.fields("中通快递单号 75312345678901 三天没动")
        #expect(z.trackingNumbers.first?.carrier == "ZTO")
    }

    static let amounts: [AmountCase] = [
        .init(text: "花了¥299买的", value: "299", currency: "CNY"),
        .init(text: "一共￥1,299.50", value: "1299.50", currency: "CNY"),
        .init(text: "两百块的东西坏了", value: "200", currency: "CNY"),
        .init(text: "一千五百元的冰箱", value: "1500", currency: "CNY"),
        .init(text: "1.5万元的沙发", value: "15000", currency: "CNY"),
        .init(text: "付了RMB 880", value: "880", currency: "CNY"),
        .init(text: "网购花了NT$1,290", value: "1290", currency: "TWD"),
        .init(text: "HK$350 買嘅耳機", value: "350", currency: "HKD"),
    ]

    @Test("amounts with currency", arguments: amounts)
    func amount(_ c: AmountCase) { c.check() }

    @Test("a named currency before the number wins over 元 after it; a courier's shape after 单号 is a tracking number")
    func currencyAndCourierShape() {
        #expect(Fixtures.fields("運費收了新台幣150元").amounts.map { "\($0.value) \($0.currency ?? "null")" } == ["150 TWD"])
        let f = Fixtures.fields("昨天的快递今天还没到，单号ZTO75123456789012")
        #expect(f.orderNumbers.isEmpty)
        #expect(f.trackingNumbers.map(\.value) == ["ZTO75123456789012"])
    }

    @Test("一块 as 'a piece' is not an amount")
    func pieceIsNotMoney() {
        #expect(Fixtures.fields("机身凹了一块").amounts.isEmpty)
    }

    @Test("phones: mainland mobile and landline, Taiwan and Hong Kong mobiles")
    func phones() {
        #expect(Fixtures.fields("电话 138-1234-5678").phones.map(\.value) == ["+8613812345678"])
        #expect(Fixtures.fields("座机010-62345678找我").phones.map(\.value) == ["+861062345678"])
        #expect(Fixtures.fields("陳先生 0912-345-678").phones.map(\.value) == ["+886912345678"])
        #expect(Fixtures.fields("有問題打俾我 9123 4567").phones.map(\.value) == ["+85291234567"])
    }

    @Test("remedies only when asked for and not negated")
    func remedies() {
        #expect(Fixtures.fields("不要换货，我要退款").remedies == [.refund])
        #expect(Fixtures.fields("要求赔偿并且道歉").remedies == [.compensation, .apology])
        #expect(Fixtures.fields("上次退款很快，这次质量又有问题").remedies.isEmpty)
    }

    @Test("escalation signals: insult, regulator, safety, stated repeat count")
    func signals() {
        let f = Fixtures.fields("这是我第三次投诉了，客服还骂人，再不处理我就打12315。插头还冒烟了！")
        #expect(Set(f.signals.map(\.flag)) == ["repeat_complaint", "insult", "regulator_threat", "safety"])
        #expect(f.signals.first { $0.flag == "repeat_complaint" }?.count == 3)
    }
}
