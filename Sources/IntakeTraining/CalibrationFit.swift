import IntakeCore
import IntakeClassify
import Foundation

/// Fits a ``DeskCalibration`` to scores a model gave texts it never saw, and their labels: multinomial logistic
/// regression on the centred scores of the words and of the lexicon, its weights pulled toward the identity (so that
/// the map stays the model's own where the labels say nothing), by gradient descent with a backtracking step, stopped
/// after 200 steps: with 36 parameters and a hundred labels the early stop is part of the pull.
package struct CalibrationFit: Sendable {
    /// How strongly the map is pulled toward the identity: the penalty `pull × (‖W − I‖² + ‖b‖²)` beside the mean log loss.
    package var pull: Double

    package init(pull: Double) { self.pull = pull }

    /// The pulls cross-validation tries. On the services desk of the README the weakest was chosen most often.
    package static let grid: [Double] = [0.0003, 0.001, 0.003, 0.03]

    /// The map for `rows` (``DeskCalibration/inputs(words:lexicon:temperature:)`` of texts the model never saw) and
    /// their `truth`.
    package func fit(_ rows: [[Double]], truth: [Category]) -> DeskCalibration {
        let k = Category.allCases.count
        let identity = DeskCalibration.identity.weights + DeskCalibration.identity.bias
        guard !rows.isEmpty else { return .identity }
        let labels = truth.map(\.index)
        var theta = identity
        var (loss, gradient) = lossAndGradient(theta, rows, labels, identity)
        var step = 1.0
        for _ in 0..<200 {
            let norm = gradient.reduce(0) { $0 + $1 * $1 }
            if norm < 1e-10 { break }
            var accepted = false
            while step > 1e-8 {
                let trial = zip(theta, gradient).map { $0 - step * $1 }
                let (l, g) = lossAndGradient(trial, rows, labels, identity)
                if l <= loss - 0.5 * step * norm {
                    (theta, loss, gradient) = (trial, l, g)
                    step *= 2
                    accepted = true
                    break
                }
                step /= 2
            }
            if !accepted { break }
        }
        let w = 2 * k * k
        return DeskCalibration(weights: Array(theta[0..<w]), bias: Array(theta[w...]))
    }

    private func lossAndGradient(_ theta: [Double], _ rows: [[Double]], _ labels: [Int], _ identity: [Double]) -> (Double, [Double]) {
        let k = Category.allCases.count, d = 2 * k, w = d * k
        var loss = 0.0
        var g = [Double](repeating: 0, count: theta.count)
        let n = Double(rows.count)
        var z = [Double](repeating: 0, count: k)
        for (u, y) in zip(rows, labels) {
            for j in 0..<k {
                var s = theta[w + j]
                for i in 0..<d { s += theta[j * d + i] * u[i] }
                z[j] = s
            }
            let m = z.max()!
            var total = 0.0
            for j in 0..<k { z[j] = exp(z[j] - m); total += z[j] }
            loss -= log(max(z[y] / total, 1e-300)) / n
            for j in 0..<k {
                let e = (z[j] / total - (j == y ? 1 : 0)) / n
                for i in 0..<d { g[j * d + i] += e * u[i] }
                g[w + j] += e
            }
        }
        for i in theta.indices {
            let delta = theta[i] - identity[i]
            loss += pull * delta * delta
            g[i] += 2 * pull * delta
        }
        return (loss, g)
    }
}
