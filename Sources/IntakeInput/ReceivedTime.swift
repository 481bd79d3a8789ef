import Foundation
import IntakeCore

/// Reads the received time of a batch line as desks export it: ISO 8601 (`2026-11-22T09:30:00+01:00`), year-first
/// (`2026/11/22 09:30`, `2026.11.22`) and day-first (`22/11/2026 09:30`, `22-11-2026`, `22.11.2026 9:30:15`). A
/// value without an offset is a wall-clock time in ``timeZone``.
///
/// Day-first is the only order read with the year last: the desks this tool serves (Spain, Latin America, China)
/// write the day before the month, and a value such as `11/22/2026` is refused rather than guessed.
public struct ReceivedTimeReader: Sendable, Equatable {
    /// The zone of values without an offset (UTC unless the caller says otherwise).
    public let timeZone: TimeZone

    public init(timeZone: TimeZone = TimeZone(identifier: "UTC")!) { self.timeZone = timeZone }

    /// A zone by IANA name (`Europe/Madrid`, `Asia/Shanghai`), `UTC`, or a fixed offset (`+08:00`, `-0500`).
    public static func zone(named name: String) -> TimeZone? {
        let u = Array(name.utf8)
        if let first = u.first, first == 0x2B || first == 0x2D {
            let digits = u.dropFirst().filter { $0 != 0x3A }
            guard digits.count == 2 || digits.count == 4, digits.allSatisfy({ $0 >= 48 && $0 <= 57 }) else { return nil }
            let n = digits.map { Int($0 - 48) }
            let h = n[0] * 10 + n[1], m = n.count == 4 ? n[2] * 10 + n[3] : 0
            guard h <= 14, m < 60 else { return nil }
            return TimeZone(secondsFromGMT: (first == 0x2B ? 1 : -1) * (h * 3600 + m * 60))
        }
        if name.uppercased() == "UTC" || name.uppercased() == "Z" { return TimeZone(identifier: "UTC") }
        guard name.contains("/") || TimeZone.knownTimeZoneIdentifiers.contains(name) else { return nil }
        return TimeZone(identifier: name)
    }

    /// The moment `text` names, or nil when it is not one of the forms above (or not a real day and time).
    public func date(_ text: String) -> Date? {
        var s = Scanner(Array(text.trimmingSpaces().utf8))
        guard let first = s.number(), s.isSeparator() else { return nil }
        let sep = s.advance()
        guard let second = s.number(maxDigits: 2), s.peek == sep else { return nil }
        s.i += 1
        guard let third = s.number() else { return nil }
        let day: Day?
        switch (first.digits, third.digits) {
        case (4, 1...2): day = Day(year: first.value, month: second.value, day: third.value)
        case (1...2, 4): day = Day(year: third.value, month: second.value, day: first.value)
        default: return nil
        }
        guard let day else { return nil }
        var seconds = 0
        if s.peek == 0x54 || s.peek == 0x74 || s.peek == 0x20 {
            while s.peek == 0x20 { s.i += 1 }
            if s.peek == 0x54 || s.peek == 0x74 { s.i += 1 }
            guard let h = s.number(maxDigits: 2), h.value < 24, s.peek == 0x3A else { return nil }
            s.i += 1
            guard let m = s.number(maxDigits: 2), m.digits == 2, m.value < 60 else { return nil }
            seconds = h.value * 3600 + m.value * 60
            if s.peek == 0x3A {
                s.i += 1
                guard let sec = s.number(maxDigits: 2), sec.digits == 2, sec.value < 61 else { return nil }
                seconds += sec.value
                if s.peek == 0x2E || s.peek == 0x2C { s.i += 1; guard s.number() != nil else { return nil } }
            }
        }
        while s.peek == 0x20 { s.i += 1 }
        let local = Double(day.ordinal * 86_400 + seconds)
        guard let zone = s.offset() else { return nil }
        guard s.atEnd else { return nil }
        if let zone { return Date(timeIntervalSince1970: local - Double(zone)) }
        // The zone's offset at that wall-clock time: guessed from the offset at the time read as UTC, then checked
        // once more, which settles every time but the hour a change to summer time skips.
        var offset = timeZone.secondsFromGMT(for: Date(timeIntervalSince1970: local))
        offset = timeZone.secondsFromGMT(for: Date(timeIntervalSince1970: local - Double(offset)))
        return Date(timeIntervalSince1970: local - Double(offset))
    }

    private struct Scanner {
        let u: [UInt8]
        var i = 0
        init(_ u: [UInt8]) { self.u = u }
        var peek: UInt8? { i < u.count ? u[i] : nil }
        var atEnd: Bool { i == u.count }
        func isSeparator() -> Bool { peek == 0x2D || peek == 0x2F || peek == 0x2E }
        mutating func advance() -> UInt8 { defer { i += 1 }; return u[i] }

        mutating func number(maxDigits: Int = 9) -> (value: Int, digits: Int)? {
            var v = 0, n = 0
            while let c = peek, c >= 48, c <= 57, n < maxDigits { v = v * 10 + Int(c - 48); n += 1; i += 1 }
            return n == 0 ? nil : (v, n)
        }

        /// `Z`, `UTC`, `±HH:MM`, `±HHMM` or `±HH` in seconds east of UTC; `.some(nil)` when there is none, nil when
        /// what follows is not an offset.
        mutating func offset() -> Int?? {
            guard let c = peek else { return .some(nil) }
            if c == 0x5A || c == 0x7A { i += 1; return .some(0) }
            if u[i...].starts(with: Array("UTC".utf8)) { i += 3; if peek == nil { return .some(0) } }
            guard let sign = peek, sign == 0x2B || sign == 0x2D else { return nil }
            i += 1
            guard let h = number(maxDigits: 2), h.digits == 2, h.value <= 14 else { return nil }
            var m = 0
            if peek == 0x3A { i += 1 }
            if peek != nil { guard let mm = number(maxDigits: 2), mm.digits == 2, mm.value < 60 else { return nil }; m = mm.value }
            return .some((sign == 0x2B ? 1 : -1) * (h.value * 3600 + m * 60))
        }
    }
}
