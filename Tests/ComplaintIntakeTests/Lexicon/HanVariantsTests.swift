import Foundation
import IntakeTestSupport
import Testing
@testable import ComplaintIntake

@Suite("Han variants table")
struct HanVariantsTests {
    // The same complaint in Traditional and in Simplified folds to one text; Spanish passes through untouched.
    static let pairs: [(String, String)] = [
        ("快遞員態度很差，包裹三天還沒送到，要求退貨退款", "快递员态度很差，包裹三天还没送到，要求退货退款"),
        ("螢幕有裂痕，充電器也壞了", "萤幕有裂痕，充电器也坏了"),
        ("客服說會處理，結果沒有下文", "客服说会处理，结果没有下文"),
    ]

    @Test(arguments: pairs.map { [$0.0, $0.1] })
    func traditionalFoldsToSimplified(pair: [String]) throws {
        let normalizer = try Normalizer(variants: .builtIn)
        #expect(try normalizer.normalize(pair[0]).normalized == normalizer.normalize(pair[1]).normalized)
        // NFKC folds the full-width comma as well.
        #expect(try normalizer.normalize(pair[0]).normalized == pair[1].replacingOccurrences(of: "，", with: ","))
    }

    @Test func spanishIsUntouched() throws {
        let text = try Normalizer(variants: .builtIn).normalize("El envío llegó roto y el repartidor no contestó")
        #expect(text.normalized == "el envio llego roto y el repartidor no contesto")
    }

    @Test("characters tell the script; one both mappings change tells nothing")
    func variants() {
        let v = HanVariants.builtIn
        #expect(v.variant("態".unicodeScalars.first!.value) == .traditionalOnly)
        #expect(v.variant("态".unicodeScalars.first!.value) == .simplifiedOnly)
        #expect(v.variant("后".unicodeScalars.first!.value) == .simplifiedOnly)
        #expect(v.variant("後".unicodeScalars.first!.value) == .traditionalOnly)
        #expect(v.variant("苧".unicodeScalars.first!.value) == .neutral)
        #expect(v.variant("客".unicodeScalars.first!.value) == .neutral)
        #expect(v.variant("a".unicodeScalars.first!.value) == .neutral)
    }

    @Test("a bad line names its file and line")
    func badLine() {
        let file = DataStore.File(path: "zh/variants.tsv", source: "mine/zh/variants.tsv",
                                  bytes: Array("# mine\nt\t後\t后\nt\t後後\t后\n".utf8))
        let store = DataStore(builtin: [:], overlay: ["zh/variants.tsv": file])
        #expect(throws: LexiconError.badLine(source: "mine/zh/variants.tsv", line: 3,
                                             reason: "expected t or s and two single characters, tab-separated (t: Traditional, Simplified; s: Simplified, Traditional)")) {
            _ = try HanVariants(store: store)
        }
    }
}
