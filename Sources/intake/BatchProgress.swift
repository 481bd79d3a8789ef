import Foundation

/// The progress line of `intake batch` on a terminal's standard error: lines done, the rate, and for an input file of
/// known size the share read and the time left; for a stream, the time so far. Redrawn at most four times a second,
/// so a fast run does not spend its time writing to the terminal.
struct BatchProgress {
    private var total: Int?
    private var bytesRead = 0
    private var linesRead = 0
    private var linesDone = 0
    private var errors = 0
    private var drawn = false
    private var lastDraw: UInt64 = 0
    private let started: UInt64
    private let interval: UInt64 = 250_000_000

    init() { started = DispatchTime.now().uptimeNanoseconds }

    /// A new input: its size when it is a regular file, else unknown (a pipe, a terminal).
    mutating func start(file: FileHandle) {
        var st = stat()
        if fstat(file.fileDescriptor, &st) == 0, (st.st_mode & S_IFMT) == S_IFREG, st.st_size > 0 {
            total = bytesRead + Int(st.st_size)
        } else {
            total = nil
        }
    }

    mutating func read(bytes: Int, lines: Int) {
        bytesRead += bytes
        linesRead += lines
    }

    mutating func done(lines: Int, errors: Int) {
        linesDone += lines
        self.errors = errors
        let now = DispatchTime.now().uptimeNanoseconds
        guard now - lastDraw >= interval else { return }
        lastDraw = now
        draw(line(elapsed: Double(now - started) / 1e9))
    }

    /// The line as it stands after `elapsed` seconds.
    func line(elapsed: Double) -> String {
        let rate = elapsed > 0 ? Double(linesDone) / elapsed : 0
        var s = "\(linesDone) lines, \(errors) errors, \(Self.count(rate)) lines/s"
        if let total, total > 0, linesRead > 0 {
            // Lines read run ahead of lines written by the chunk in the workers: the bytes of the lines written are
            // estimated from the share of the lines read they make up.
            let share = min(1, Double(bytesRead) / Double(total) * Double(linesDone) / Double(linesRead))
            s += String(format: ", %.0f%%", share * 100)
            if share > 0.001, elapsed >= 1 { s += ", " + Self.duration(elapsed / share - elapsed) + " left" }
        } else {
            s += ", " + Self.duration(elapsed)
        }
        return s
    }

    mutating func clear() {
        guard drawn else { return }
        FileHandle.standardError.write(Data("\r\u{1B}[K".utf8))
        drawn = false
    }

    private mutating func draw(_ text: String) {
        FileHandle.standardError.write(Data(("\r" + text + "\u{1B}[K").utf8))
        drawn = true
    }

    static func count(_ rate: Double) -> String {
        rate >= 10_000 ? String(format: "%.0fk", rate / 1000) : String(format: "%.0f", rate)
    }

    static func duration(_ seconds: Double) -> String {
        let s = Int(seconds.rounded())
        return s >= 3600 ? String(format: "%d:%02d:%02d", s / 3600, s / 60 % 60, s % 60) : String(format: "%d:%02d", s / 60, s % 60)
    }
}
