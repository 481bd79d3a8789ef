import Foundation
import IntakeTestSupport
import Testing
@testable import ComplaintIntake

/// Scores the date extractor on the Recognizers-Text date cases in Tests/Conformance.
///
/// In scope: entities of type date or datetime that name one Gregorian day (a value or candidate readings),
/// without a modifier (antes de, 之前), not lunar, not unresolvable. Out of scope: ranges (la semana pasada as a
/// week, marzo, 2016年), times and durations, holidays by name, lunar dates, modifiers, and the present moment
/// (ahora, ahora mismo, tan pronto como sea posible: timex PRESENT_REF and FUTURE_REF), which names no day a complaint is about and
/// must not come out as a date on real text ("ahora no aparece").
/// A case counts as right when an extracted date overlaps the expected span and has its day (or, for an
/// under-specified date, one of its candidate days); for a day that does not exist (2月30日), when none does.
@Suite("Date conformance (Recognizers-Text)")
struct DateConformanceTests {
    struct Case: Decodable {
        struct Entity: Decodable {
            let text: String
            let start: Int
            let end: Int
            let type: String
            let value: String?
            let candidates: [String]?
            let mod: String?
            let lunar: Bool?
            let not_resolved: Bool?
            let timex: String?
        }
        let id: String
        let text: String
        let reference: String
        let expected: [Entity]
    }

    static func score(_ language: String) -> (right: Int, total: Int, misses: [String]) {
        let url = Repository.root.appendingPathComponent("Tests/Conformance/dates-\(language).jsonl")
        let data = (try? String(contentsOf: url, encoding: .utf8)) ?? ""
        var right = 0, total = 0
        var misses: [String] = []
        for line in data.split(separator: "\n") {
            guard let c = try? JSONDecoder().decode(Case.self, from: Data(line.utf8)) else { continue }
            let inScope = c.expected.filter { e in
                (e.type == "date" || e.type == "datetime") && e.mod == nil && e.lunar != true && e.not_resolved != true && !["PRESENT_REF", "FUTURE_REF", "PAST_REF"].contains(e.timex ?? "")
                    && ((e.value?.count ?? 0) >= 10 || !(e.candidates ?? []).isEmpty)
            }
            guard !inScope.isEmpty else { continue }
            let found = Fixtures.fields(c.text, reference: String(c.reference.prefix(10))).dates
            for e in inScope {
                total += 1
                let days = Set(([e.value].compactMap { $0 } + (e.candidates ?? [])).map { String($0.prefix(10)) })
                let overlapping = found.filter { $0.start < e.end && e.start < $0.end }
                // 0001-01-01 marks a day that does not exist (2月30日): right when no date is reported there.
                if days == ["0001-01-01"] ? overlapping.isEmpty : overlapping.contains(where: { days.contains($0.value) }) {
                    right += 1
                } else {
                    misses.append("\(c.id): \(c.text) | want \(e.text) \(days.sorted()) | got \(found.map { "\($0.text)=\($0.value)" })")
                }
            }
        }
        return (right, total, misses)
    }

    @Test("Spanish and Chinese date cases in scope", arguments: ["es", "zh"])
    func conformance(language: String) {
        let (right, total, misses) = Self.score(language)
        let share = Double(right) / Double(max(total, 1))
        print("date conformance \(language): \(right) of \(total) in scope right (\(String(format: "%.1f", 100 * share))%)")
        if ProcessInfo.processInfo.environment["CONFORMANCE_MISSES"] != nil { for m in misses { print("  miss " + m) } }
        #expect(total > 100)
        // The floor sits a little under the measured share, so a regression fails the test.
        #expect(share >= 0.95)
    }
}
