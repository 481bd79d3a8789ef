import Foundation

/// The built `intake-server` started as a process, as an operator starts it: for signals and memory.
final class ServerProcess: @unchecked Sendable {
    let process = Process()
    let port: Int
    private let errors: Pipe

    /// The binary beside this test bundle (`swift build --build-tests` builds it).
    static var binary: URL? {
        let dir = URL(fileURLWithPath: CommandLine.arguments[0]).resolvingSymlinksInPath().deletingLastPathComponent()
        for candidate in [dir, dir.deletingLastPathComponent()] {
            let url = candidate.appendingPathComponent("intake-server")
            if FileManager.default.isExecutableFile(atPath: url.path) { return url }
        }
        return nil
    }

    /// Starts it on port 0 and waits for the line that names the port.
    init(_ arguments: [String]) throws {
        guard let binary = Self.binary else { throw Problem("build intake-server first: swift build") }
        process.executableURL = binary
        // A long idle timeout: a test process starved by the suite's other work may not feed an open upload for 30 s
        // (the default), and the service would rightly close that connection mid-batch.
        process.arguments = ["--port", "0", "--idle-timeout", "600"] + arguments
        errors = Pipe()
        process.standardError = errors
        process.standardOutput = FileHandle.nullDevice
        try process.run()
        var seen = ""
        let handle = errors.fileHandleForReading
        while true {
            let d = handle.availableData
            if d.isEmpty { throw Problem("intake-server ended before listening: \(seen)") }
            seen += String(decoding: d, as: UTF8.self)
            if let r = seen.range(of: #"listening on http://[^:]+:(\d+)"#, options: .regularExpression),
               let port = Int(seen[r].split(separator: ":").last ?? "") {
                self.port = port
                break
            }
        }
    }

    /// The rest of what it wrote to standard error, once it has ended.
    func remainingErrors() -> String { String(decoding: errors.fileHandleForReading.readDataToEndOfFile(), as: UTF8.self) }

    func terminate() { kill(process.processIdentifier, SIGTERM) }

    /// Waits for the exit, up to `seconds`; the status, or nil when it is still running (then it is killed).
    func waitForExit(seconds: Double) async -> Int32? {
        let deadline = Date().addingTimeInterval(seconds)
        while process.isRunning, Date() < deadline { try? await Task.sleep(for: .milliseconds(50)) }
        if process.isRunning {
            kill(process.processIdentifier, SIGKILL)
            process.waitUntilExit()
            return nil
        }
        return process.terminationStatus
    }

    /// Resident memory now and at its peak, in KiB, from /proc.
    func memory() throws -> (rss: Int, peak: Int) {
        let status = try String(contentsOfFile: "/proc/\(process.processIdentifier)/status", encoding: .utf8)
        func field(_ name: String) -> Int {
            let line = status.split(separator: "\n").first { $0.hasPrefix(name + ":") } ?? ""
            return Int(line.split(separator: " ").dropFirst().first { Int($0) != nil } ?? "") ?? -1
        }
        return (field("VmRSS"), field("VmHWM"))
    }

    deinit { if process.isRunning { kill(process.processIdentifier, SIGKILL) } }
}
