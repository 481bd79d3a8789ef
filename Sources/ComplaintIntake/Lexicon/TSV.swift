/// Plain UTF-8 tab-separated data with `#` comments and blank lines, as every data file under `lexicons/` is.
enum TSV {
    struct Row {
        let line: Int
        let fields: [String]
    }

    /// The rows of `file`; a row with fewer than `minFields` fields is an error naming the file and line.
    static func rows(_ file: DataStore.File, minFields: Int = 1, maxFields: Int = .max) throws(LexiconError) -> [Row] {
        var rows: [Row] = []
        var lineNumber = 0
        for rawLine in file.text.split(omittingEmptySubsequences: false, whereSeparator: \.isNewline) {
            lineNumber += 1
            var line = Substring(rawLine)
            if line.hasSuffix("\r") { line = line.dropLast() }
            if lineNumber == 1, line.hasPrefix("\u{FEFF}") { line = line.dropFirst() }
            let trimmed = line.trimmingCharacters(in: " ")
            if trimmed.isEmpty || trimmed.hasPrefix("#") { continue }
            let fields = line.split(separator: "\t", omittingEmptySubsequences: false).map { String($0.trimmingCharacters(in: " ")) }
            guard fields.count >= minFields, fields.count <= maxFields else {
                throw .badLine(source: file.source, line: lineNumber,
                               reason: "expected \(minFields == maxFields ? "\(minFields)" : "\(minFields) or more") tab-separated fields, found \(fields.count)")
            }
            rows.append(Row(line: lineNumber, fields: fields))
        }
        return rows
    }
}

extension Substring {
    func trimmingCharacters(in set: Character) -> Substring {
        var s = self
        while s.first == set { s = s.dropFirst() }
        while s.last == set { s = s.dropLast() }
        return s
    }
}
