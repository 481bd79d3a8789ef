import IntakeCore
import IntakeText

/// Reading the Han variant table from the lexicon files.
extension HanVariants {
    /// Reads `zh/variants.tsv` (built-in and user layers) from `store`.
    public init(store: DataStore) throws(LexiconError) {
        var rows: [(String, UInt32, UInt32)] = []
        for file in store.layers("zh/variants.tsv") {
            try Self.read(file, into: &rows)
        }
        self.init(rows: rows)
    }

    /// Reads rows of `kind<TAB>character<TAB>character`, decoding the bytes directly instead of splitting them
    /// into strings: 5,400 rows, read at start-up by every process given --lexicons.
    private static func read(_ file: DataStore.File, into rows: inout [(String, UInt32, UInt32)]) throws(LexiconError) {
        var failure: Int?
        file.bytes.withUnsafeBufferPointer { u in
            var i = 0, line = 0
            func scalar(_ at: inout Int) -> UInt32? { at < u.count ? UTF8Bytes.decode(u, at: &at) : nil }
            while i < u.count {
                line += 1
                var end = i
                while end < u.count, u[end] != 0x0A { end += 1 }
                defer { i = end + 1 }
                var stop = end
                if stop > i, u[stop - 1] == 0x0D { stop -= 1 }
                if stop == i || u[i] == 0x23 { continue }
                guard stop - i >= 5, u[i] == 0x74 || u[i] == 0x73, u[i + 1] == 0x09 else { failure = line; return }
                var p = i + 2
                guard let a = scalar(&p), p < stop, u[p] == 0x09 else { failure = line; return }
                p += 1
                guard let b = scalar(&p), p == stop else { failure = line; return }
                rows.append((u[i] == 0x74 ? "t" : "s", a, b))
            }
        }
        if let line = failure {
            throw .badLine(source: file.source, line: line,
                           reason: "expected t or s and two single characters, tab-separated (t: Traditional, Simplified; s: Simplified, Traditional)")
        }
    }
}
