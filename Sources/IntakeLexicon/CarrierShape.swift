import IntakeCore

/// The shape of one carrier's parcel numbers (SF + 12 to 15 digits, 1Z + 16 letters and digits, the UPU S10 form),
/// from a row of `carrier-shapes.tsv`.
package struct CarrierShape: Sendable, Equatable {
    package enum Rest: String, Sendable { case digits, alnum, digits9, s10 }

    package let carrier: String
    package let prefix: [UInt32]
    package let lengths: ClosedRange<Int>
    package let rest: Rest

    package init(carrier: String, prefix: String, lengths: ClosedRange<Int>, rest: Rest) {
        self.carrier = carrier
        self.prefix = prefix == "*" ? [] : prefix.unicodeScalars.map(\.value)
        self.lengths = lengths
        self.rest = rest
    }

    /// Whether `u` (upper case, no spaces) has this shape.
    package func matches(_ u: [UInt32]) -> Bool {
        guard lengths.contains(u.count) else { return false }
        let digitsOnly = { (r: Range<Int>) in u[r].allSatisfy(Scan.isDigit) }
        switch rest {
        case .s10:
            guard Scan.isLetter(u[0]), Scan.isLetter(u[1]), digitsOnly(2..<11), Scan.isLetter(u[11]), Scan.isLetter(u[12]) else { return false }
            return prefix.isEmpty || Array(u[11..<13]) == prefix
        case .digits:
            return u.starts(with: prefix) && digitsOnly(prefix.count..<u.count)
        case .alnum:
            return u.starts(with: prefix) && u.allSatisfy(Scan.isAlnum)
        case .digits9:
            return u.starts(with: prefix) && u[prefix.count...].filter(Scan.isDigit).count >= 9
        }
    }

    /// The shapes of a `carrier-shapes.tsv` file.
    package static func rows(_ file: DataStore.File) throws(LexiconError) -> [CarrierShape] {
        var out: [CarrierShape] = []
        for row in try TSV.rows(file, minFields: 4, maxFields: 4) {
            let parts = row.fields[2].split(separator: "-").compactMap { Int($0) }
            guard (1...2).contains(parts.count), let low = parts.first, let high = parts.last, low >= 4, low <= high, high <= 40 else {
                throw .badLine(source: file.source, line: row.line, reason: "the length '\(row.fields[2])' is not N or MIN-MAX between 4 and 40")
            }
            guard let rest = Rest(rawValue: row.fields[3]) else {
                throw .badLine(source: file.source, line: row.line, reason: "the rest '\(row.fields[3])' is not digits, alnum, digits9 or s10")
            }
            let prefix = row.fields[1].uppercased()
            guard prefix == "*" || prefix.unicodeScalars.allSatisfy({ Scan.isAlnum($0.value) }) else {
                throw .badLine(source: file.source, line: row.line, reason: "the prefix '\(row.fields[1])' is not letters and digits or *")
            }
            out.append(CarrierShape(carrier: row.fields[0], prefix: prefix, lengths: low...high, rest: rest))
        }
        return out
    }

    package func write(to w: inout BinaryWriter) {
        w.string(carrier)
        w.string(prefix.isEmpty ? "*" : String(String.UnicodeScalarView(prefix.compactMap(Unicode.Scalar.init))))
        w.int(lengths.lowerBound)
        w.int(lengths.upperBound)
        w.string(rest.rawValue)
    }

    package init(from r: inout BinaryReader) throws(BinaryFormatError) {
        let carrier = try r.string(), prefix = try r.string(), low = try r.int(), high = try r.int()
        guard low <= high, let rest = Rest(rawValue: try r.string()) else { throw .badValue(at: r.offset, "a bad carrier shape") }
        self.init(carrier: carrier, prefix: prefix, lengths: low...high, rest: rest)
    }
}
