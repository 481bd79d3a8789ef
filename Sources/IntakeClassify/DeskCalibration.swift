import IntakeCore

/// A desk's correction of the model's scores: an affine map of the four category scores of the words and the four of
/// the lexicon, learned from the desk's labels (`intake train --add`), for the mistakes a desk's stream makes the same
/// way again and again: a marketplace whose praise reads as delivery because it says "llegó rápido", a hotel desk that
/// files its staff under quality while the lexicon's 态度 and 前台 say service.
///
/// The words' log scores `w` (with the prior) and the lexicon's `l` (λ × its evidence), each over the model's temperature
/// and centred, become `W·[w, l] + b`, and the probabilities are their softmax. `W = [I, I]` and a zero `b` leave the
/// model as it is.
public struct DeskCalibration: Codable, Sendable, Equatable {
    /// `W`, row-major, four rows of eight: `weights[j * 8 + i]` is what input `i` (the words' scores, then the
    /// lexicon's, in ``Category/allCases`` order) adds to category `j`'s.
    public var weights: [Double]
    /// `b`, one per category.
    public var bias: [Double]

    public init(weights: [Double], bias: [Double]) {
        self.weights = weights
        self.bias = bias
    }

    static let k = Category.allCases.count

    /// The map that changes nothing.
    public static let identity = DeskCalibration(weights: (0..<(2 * k * k)).map { ($0 % (2 * k)) % k == $0 / (2 * k) ? 1 : 0 },
                                                 bias: [Double](repeating: 0, count: k))

    /// Whether the map has eight weights per category and one bias each, all finite.
    public var isWellFormed: Bool {
        weights.count == 2 * Self.k * Self.k && bias.count == Self.k && (weights + bias).allSatisfy(\.isFinite)
    }

    /// The inputs of the map: the words' and the lexicon's scores over the temperature, each centred.
    public static func inputs(words: [Double], lexicon: [Double], temperature: Double) -> [Double] {
        func centred(_ x: [Double]) -> [Double] {
            let m = x.reduce(0, +) / Double(x.count)
            return x.map { ($0 - m) / temperature }
        }
        return centred(words) + centred(lexicon)
    }

    /// The inputs mapped: `W·u + b`.
    public func apply(_ u: [Double]) -> [Double] {
        let d = 2 * Self.k
        return (0..<Self.k).map { j in
            var z = bias[j]
            for i in 0..<d { z += weights[j * d + i] * u[i] }
            return z
        }
    }
}
