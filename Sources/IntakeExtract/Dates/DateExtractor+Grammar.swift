import IntakeCore
import IntakeLexicon

/// The words a date phrase is built of (de, el, este mes, 年, 号), asked for by role from `dates.tsv`.
extension DateExtractor {
    typealias Role = DateGrammar.Role

    /// The first `role` row at `j` (its words apart by any spaces, each on word boundaries): its end and row.
    func grammar(_ role: Role, at j: Int) -> (end: Int, entry: DateGrammar.Entry)? {
        for e in run.data.dateGrammar[role] {
            var k = j
            var matched = true
            for (n, w) in e.words.enumerated() {
                if n > 0 { k = Scan.skipSpaces(s, k) }
                guard let end = wordEnd(w, at: k) else { matched = false; break }
                k = end
            }
            if matched { return (k, e) }
        }
        return nil
    }

    /// The end of a `role` word or phrase at `j`.
    func word(_ role: Role, at j: Int) -> Int? { grammar(role, at: j)?.end }

    /// The start of the first `role` row that ends at `j` and begins a word there.
    func word(_ role: Role, endingAt j: Int) -> Int? { grammar(role, endingAt: j)?.start }

    /// The first `role` row that ends at `j` and begins a word there: its start and row.
    func grammar(_ role: Role, endingAt j: Int) -> (start: Int, entry: DateGrammar.Entry)? {
        for e in run.data.dateGrammar[role] {
            var k = j
            var matched = true
            for (n, w) in e.words.enumerated().reversed() {
                if n < e.words.count - 1 { k = Scan.skipSpacesBack(s, k) }
                guard k >= w.count, s[(k - w.count)..<k].elementsEqual(w), Scan.startsWord(s, k - w.count) else { matched = false; break }
                k -= w.count
            }
            if matched { return (k, e) }
        }
        return nil
    }

    /// A one-character mark of `role` (年, 月, 号) at `j`.
    func isMark(_ role: Role, at j: Int) -> Bool {
        guard j < s.count else { return false }
        return run.data.dateGrammar[role].contains { $0.words.count == 1 && $0.words[0].count == 1 && $0.words[0][0] == s[j] }
    }

    /// 日 or 号 (any day mark) at `j`.
    func isDayMark(at j: Int) -> Bool { isMark(.dayMark, at: j) || isMark(.numberMark, at: j) }

    /// An hour mark (a.m, pm, h) at `j`, as written, with no letter after it.
    func isHourMark(at j: Int) -> Bool {
        run.data.dateGrammar[.hourMark].contains { e in
            e.words.count == 1 && j + e.words[0].count <= s.count && s[j..<(j + e.words[0].count)].elementsEqual(e.words[0])
                && (j + e.words[0].count == s.count || !Scan.isLetter(s[j + e.words[0].count]))
        }
    }

    private func wordEnd(_ w: [UInt32], at j: Int) -> Int? {
        guard j + w.count <= s.count, !w.isEmpty, s[j..<(j + w.count)].elementsEqual(w), Scan.endsWord(s, j, w.count) else { return nil }
        return j + w.count
    }
}
