import Foundation
import IntakeTestSupport
import Testing
@testable import ComplaintIntake
@testable import IntakeTraining

/// What `intake lexicon suggest` proposes from a desk's corrections: the desk's own words, tied to the category it
/// corrects toward, and none that a lexicon, the stop lists or the negation cues already hold.
@Suite("Lexicon suggestions from a desk's corrections")
struct LexiconSuggesterTests {
    struct Desk: Sendable, CustomStringConvertible {
        let name: String
        /// (text, the desk's category, corrected by the desk)
        let examples: [(String, Category, Bool)]
        /// (term, category, corrected texts holding it, labeled texts holding it)
        let expected: [(String, Category, Int, Int)]
        /// Words in the corrected texts that must not be suggested, alone or in a pair.
        let never: [String]
        var description: String { name }
    }

    /// Hotel desks whose quality team answers for housekeeping: the taxonomy files a housekeeper's conduct as
    /// service, these desks as quality, so they correct those cases.
    static let desks = [
        Desk(name: "es, a hotel in Cancún", examples: [
            ("La camarera no pasó a limpiar la habitación en tres días y tuvimos que pedir toallas en la entrada.", .quality, true),
            ("La camarera entró a la habitación sin tocar mientras me cambiaba, y la recepcionista se rió cuando me quejé.", .quality, true),
            ("Las camareras dejaron el baño sucio y se llevaron el cargador que había dejado en el buró.", .quality, true),
            ("La camarera de piso fue grosera cuando le pedimos más almohadas y la recepcionista no hizo nada.", .quality, true),
            ("El aire acondicionado de la habitación no enfría nada, pasamos la noche con calor.", .quality, false),
            ("El traslado del aeropuerto nunca llegó por nosotros y tuvimos que tomar un taxi.", .delivery, false),
            ("¿El hotel tiene estacionamiento para autobuses? Vamos en grupo la próxima semana.", .other, false),
            ("La recepcionista nos hizo esperar una hora para el check-in sin explicar nada.", .service, false),
        ], expected: [("camarera", .quality, 3, 3)], never: ["recepcionista", "no", "la", "de", "nada", "sin"]),
        Desk(name: "zh-Hant, a hotel in Taipei", examples: [
            ("房務人員三天都沒來打掃，毛巾也沒換。", .quality, true),
            ("房務阿姨進房間前都不敲門，很不舒服。", .quality, true),
            ("房務把我放在桌上的充電器收走了，問櫃檯也說不知道。", .quality, true),
            ("房務打掃完浴室還是濕的，垃圾也沒倒，櫃檯態度也很敷衍。", .quality, true),
            ("冷氣一直滴水，吵到整晚睡不著。", .quality, false),
            ("機場接送的車遲到了一個小時，打電話也沒人接。", .delivery, false),
            ("請問飯店有提供嬰兒床嗎？", .other, false),
            ("櫃檯辦入住等了四十分鐘，服務態度很差。", .service, false),
        ], expected: [("房务", .quality, 4, 4)], never: ["柜台", "不", "的", "了", "房"]),
    ]

    @Test("the desk's own words, for the category it corrects toward; no lexicon term, stop word or negation cue", arguments: desks)
    func suggested(_ desk: Desk) throws {
        let suggester = LexiconSuggester(resources: Fixtures.resources)
        let found = try suggester.suggest(desk.examples.map { .init(text: $0.0, category: $0.1, corrected: $0.2) })
        for (term, category, count, total) in desk.expected {
            let s = try #require(found.first { $0.term == term }, "\(term) not among \(found.map(\.term))")
            #expect(s.category == category && s.count == count && s.total == total && s.kind == "word", "\(s)")
        }
        for s in found {
            #expect(s.term.split(separator: " ").allSatisfy { !desk.never.contains(String($0)) }, "\(s.term) suggested")
        }
        #expect(found.first?.term == desk.expected.first?.0, "\(found.map(\.term))")
        #expect(try suggester.suggest(desk.examples.map { .init(text: $0.0, category: $0.1, corrected: false) }).isEmpty)
        #expect(try LexiconSuggester(resources: Fixtures.resources, minCount: 5).suggest(desk.examples.map { .init(text: $0.0, category: $0.1, corrected: $0.2) }).isEmpty)
    }

    @Test("the words common to every category of the corpus are function words, and are never suggested")
    func common() throws {
        let suggester = LexiconSuggester(resources: Fixtures.resources)
        let corpus = try Corpus.loadBuiltIn().records
        let common = try suggester.commonWords(in: corpus.map { ($0.text, $0.label, $0.language) })
        for word in ["no", "que", "ya", "的", "还"] { #expect(common.contains(word), "\(word)") }
        for word in ["camarera", "房务", "paquete", "快递", "pantalla", "质量", "atencion", "客服"] { #expect(!common.contains(word), "\(word)") }
        let desk = Self.desks[0].examples + [("No me dejaron la factura y la camarera no volvió nunca.", .quality, true)]
        let found = try suggester.suggest(desk.map { .init(text: $0.0, category: $0.1, corrected: $0.2) }, common: common)
        #expect(found.contains { $0.term == "camarera" })
        #expect(!found.contains { s in s.term.split(separator: " ").contains { common.contains(String($0)) } }, "\(found.map(\.term))")
    }

    @Test("a negation cue is never suggested, however often the corrected texts hold it")
    func negation() throws {
        let examples: [LexiconSuggester.Example] = [
            .init(text: "不是房務的問題，是浴室排水孔一直堵住", category: .quality, corrected: true),
            .init(text: "不是我挑剔，房務把床單鋪得皺巴巴的", category: .quality, corrected: true),
            .init(text: "不是第一次了，房務又忘了補礦泉水", category: .quality, corrected: true),
            .init(text: "請問可以寄放行李嗎", category: .other, corrected: false),
        ]
        let f = try TextWorker(resources: Fixtures.resources).features(of: "不是房務的問題")
        let cue = try #require(f.analysis.spans.first { NormalizedText.string(f.analysis.text.scalars[$0.range]) == "不是" })
        #expect(Fixtures.resources.lexicon.isNegationCue(in: f.analysis.text, cue.range))
        let found = try LexiconSuggester(resources: Fixtures.resources).suggest(examples).map(\.term)
        #expect(found.contains("房务") && !found.contains { $0.split(separator: " ").contains("不是") }, "\(found)")
    }

    @Test("a run of single Han characters the dictionary lacks is one word; a stop word ends the run", arguments: [
        ("房務人員三天都沒來打掃", ["房务", "人员", "三天", "都没", "来", "打扫"]),
        // 把 is a stop word and ends 房务员; 器收 is joined too, a pair no desk's texts repeat, which the counts leave out.
        ("房务员把我的充电器收走了", ["房务员", "把", "我的", "充电", "器收", "走了"]),
        ("La camarera de piso", ["la", "camarera", "de", "piso"]),
    ])
    func candidates(_ text: String, _ words: [String]) throws {
        let f = try TextWorker(resources: Fixtures.resources).features(of: text)
        let s = f.analysis.text.scalars
        let got = LexiconSuggester.candidates(f.analysis.spans, s, stop: Set(Fixtures.resources.lexicon.stopWords)).compactMap { $0.map { NormalizedText.string(s[$0]) } }
        #expect(got == words)
    }
}
