/// Counts of durations in whole minutes, for percentiles without holding every duration.
struct DurationHistogram: Sendable {
    private(set) var counts: [Int: Int] = [:]
    private(set) var total = 0

    mutating func add(minutes: Int, count: Int) {
        counts[minutes, default: 0] += count
        total += count
    }

    /// The nearest-rank percentile: the smallest duration with at least `p` of the durations at or below it.
    func percentile(_ p: Double) -> Int {
        guard total > 0 else { return 0 }
        let rank = max(1, Int((p * Double(total)).rounded(.up)))
        var seen = 0
        for m in counts.keys.sorted() {
            seen += counts[m]!
            if seen >= rank { return m }
        }
        return counts.keys.max() ?? 0
    }
}
