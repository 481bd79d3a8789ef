import Foundation
import IntakeTestSupport
import Testing
@testable import ComplaintIntake
@testable import IntakeTraining

/// A desk model's map of the scores: applied per language, learned from labels, refused when malformed.
@Suite("Desk calibration")
struct DeskCalibrationTests {
    /// The bytes of the built-in model's priors and first `features` features with `desk` in its metadata.
    static func bytes(desk: NaiveBayesModel.Metadata.Desk?, features: Int = .max) throws -> [UInt8] {
        let model = try #require(try IntakeResources.builtInModel())
        var metadata = model.metadata
        metadata.desk = desk
        let p = model.priors
        return try NaiveBayesModel.encode(metadata: metadata, logPriors: [p.0, p.1, p.2, p.3], features: Array(model.allFeatures().prefix(features)))
    }

    /// The built-in model with `desk` in its metadata.
    static func builtIn(desk: NaiveBayesModel.Metadata.Desk?) throws -> NaiveBayesModel {
        try NaiveBayesModel(bytes: ModelBytes(try bytes(desk: desk)))
    }

    static func record(_ text: String, _ model: NaiveBayesModel) throws -> IntakeRecord {
        let pipeline = try IntakePipeline(resources: try IntakeResources(store: .builtIn(), model: model), policy: try Policy.builtIn())
        return try pipeline.process(Message(text: text))
    }

    /// A hotel desk's map: what speaks for service, in the words and in the lexicon, speaks for quality instead.
    static let staffAsQuality: DeskCalibration = {
        var m = DeskCalibration.identity
        let (q, s) = (Category.quality.index, Category.service.index)
        for input in [s, 4 + s] {
            m.weights[q * 8 + input] = 1
            m.weights[s * 8 + input] = 0
        }
        return m
    }()

    static let staff: [(language: String, text: String, calibrated: Category)] = [
        ("zh", "前台那个服务员态度太差了，我问了三遍热水什么时候修好，她直接翻白眼，说爱住不住", .quality),
        ("zh", "打了五次客服电话都没人接，退房押金到现在还没退，投诉也没人理", .quality),
        ("zh", "櫃檯的服務員態度超差，我問了三次熱水什麼時候修好，她直接翻白眼說不住就走", .quality),
        ("es", "La recepcionista fue grosera conmigo, me gritó delante de todos cuando pregunté por la reserva", .service),
        ("es", "Llevo tres semanas llamando y nadie me responde, el reembolso nunca llegó", .service),
    ]

    @Test("a map for Chinese files a Chinese staff complaint as the desk does, and leaves Spanish to the model", arguments: staff)
    func perLanguage(_ language: String, _ text: String, _ calibrated: Category) throws {
        let plain = try Self.builtIn(desk: .init(labels: 2, weight: 0, labelsSHA: "", calibration: nil))
        let mapped = try Self.builtIn(desk: .init(labels: 2, weight: 0, labelsSHA: "", calibration: ["zh": Self.staffAsQuality]))
        #expect(try Self.record(text, plain).category == .service)
        #expect(try Self.record(text, mapped).category == calibrated)
    }

    @Test("the identity map changes no probability, in either language")
    func identity() throws {
        let plain = try Self.builtIn(desk: nil)
        let mapped = try Self.builtIn(desk: .init(labels: 1, weight: 0, labelsSHA: "", calibration: ["zh": .identity, "es": .identity]))
        for text in ["快递放在驿站五天了都没人通知我，物流一直显示派送中", "Pedí unas zapatillas talla 40 y me llegaron dos números más pequeñas, la suela ya se despega"] {
            let (a, b) = (try Self.record(text, plain), try Self.record(text, mapped))
            #expect(a.category == b.category)
            for (x, y) in zip([a.scores.quality, a.scores.delivery, a.scores.service, a.scores.other],
                              [b.scores.quality, b.scores.delivery, b.scores.service, b.scores.other]) {
                #expect(abs(x - y) < 1e-9)
            }
        }
    }

    /// Scores as the model gives them over the temperature: `words` and `lexicon` toward one category.
    static func row(_ words: Category, _ lexicon: Category, strength: Double = 3) -> [Double] {
        let w = Category.allCases.map { $0 == words ? strength : 0.0 }
        let l = Category.allCases.map { $0 == lexicon ? strength / 2 : 0.0 }
        return DeskCalibration.inputs(words: w, lexicon: l, temperature: 1)
    }

    @Test("the fit learns a desk's constant mistake from its labels and keeps what the model got right")
    func learns() {
        var rows: [[Double]] = [], truth: [Category] = []
        for i in 0..<30 {
            let strength = 2 + Double(i % 5)
            for c in Category.allCases {
                rows.append(Self.row(c, c, strength: strength))
                truth.append(c == .service ? .quality : c)
            }
        }
        let map = CalibrationFit(pull: 0.001).fit(rows, truth: truth)
        func top(_ u: [Double], _ m: DeskCalibration = map) -> Category {
            let z = m.apply(u)
            return Category.allCases[z.indices.max { z[$0] < z[$1] }!]
        }
        #expect(top(Self.row(.service, .service)) == .quality)
        #expect(top(Self.row(.delivery, .delivery)) == .delivery)
        #expect(top(Self.row(.other, .other)) == .other)
        #expect(top(Self.row(.quality, .quality)) == .quality)
        // A strong pull on three labels leaves the model's own answer.
        let held = CalibrationFit(pull: 10).fit(Array(rows.prefix(4)), truth: [.quality, .delivery, .quality, .other])
        #expect(top(Self.row(.service, .service), held) == .service)
    }

    @Test("a model whose map is malformed is refused with a message naming the language")
    func malformed() throws {
        let bytes = try Self.bytes(desk: .init(labels: 1, weight: 0, labelsSHA: "", calibration: ["es": DeskCalibration(weights: [1, 0, 0], bias: [0])]),
                                   features: 50)
        #expect {
            try NaiveBayesModel(bytes: ModelBytes(bytes))
        } throws: { error in
            guard case ModelError.badMetadata(let message) = error else { return false }
            return message.contains("es")
        }
    }
}
