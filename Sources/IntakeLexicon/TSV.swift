import IntakeCore
import IntakeText
/// Plain UTF-8 tab-separated data with `#` comments and blank lines, as every data file under `lexicons/` is.
package enum TSV {
    package struct Row {
        package let line: Int
        package let fields: [String]
    }

    /// The rows of `file`; a row with fewer than `minFields` fields is an error naming the file and line.
    package static func rows(_ file: DataStore.File, minFields: Int = 1, maxFields: Int = .max) throws(LexiconError) -> [Row] {
        // Works on the bytes: a process given --lexicons reads every file at start-up (the built-in ones come
        // compiled), and splitting Characters cost more than the rest of loading.
        var rows: [Row] = []
        var failure: LexiconError?
        file.bytes.withUnsafeBufferPointer { u in
            var lineNumber = 0
            var start = 0
            while start < u.count {
                var end = start
                while end < u.count, u[end] != 0x0A { end += 1 }
                lineNumber += 1
                var a = start, b = end
                if b > a, u[b - 1] == 0x0D { b -= 1 }
                if lineNumber == 1, b - a >= 3, u[a] == 0xEF, u[a + 1] == 0xBB, u[a + 2] == 0xBF { a += 3 }
                start = end + 1
                var ta = a, tb = b
                while ta < tb, u[ta] == 0x20 { ta += 1 }
                while tb > ta, u[tb - 1] == 0x20 { tb -= 1 }
                if ta == tb || u[ta] == 0x23 { continue }
                var fields: [String] = []
                var f = a
                while true {
                    var g = f
                    while g < b, u[g] != 0x09 { g += 1 }
                    var fa = f, fb = g
                    while fa < fb, u[fa] == 0x20 { fa += 1 }
                    while fb > fa, u[fb - 1] == 0x20 { fb -= 1 }
                    fields.append(String(decoding: UnsafeBufferPointer(rebasing: u[fa..<fb]), as: UTF8.self))
                    if g >= b { break }
                    f = g + 1
                }
                guard fields.count >= minFields, fields.count <= maxFields else {
                    failure = .badLine(source: file.source, line: lineNumber,
                                       reason: "expected \(minFields == maxFields ? "\(minFields)" : "\(minFields) or more") tab-separated fields, found \(fields.count)")
                    return
                }
                rows.append(Row(line: lineNumber, fields: fields))
            }
        }
        if let failure { throw failure }
        return rows
    }
}
