import Foundation
import IntakeTestSupport
import Testing
@testable import ComplaintIntake

/// `intake case --remedy/--satisfaction` and `intake report` as a desk runs them, on the eight-week register of
/// Tests/Reports/ built with `intake batch --db` and moved on with `intake case`; the page rendered in headless Chromium.
@Suite("intake report")
struct ReportToolTests {
    static let at = "2024-05-27T12:00:00Z"

    /// The register, built once per test with the tool itself.
    static func register() throws -> String {
        let db = try ExitStatusTests.temp("register.sqlite", "")
        try FileManager.default.removeItem(atPath: db)
        let batch = try ExitStatusTests.run(["batch", "--db", db, Repository.path("Tests/Reports/eight-weeks.jsonl")])
        #expect(batch.status == 0, "\(batch.err)")
        var received: [String: Date] = [:]
        for line in batch.out.split(separator: "\n") {
            let o = try JSONSerialization.jsonObject(with: Data(line.utf8)) as! [String: Any]
            received[o["id"] as! String] = Timestamp.parse(o["received_at"] as! String)
        }
        let moves = try String(contentsOfFile: Repository.path("Tests/Reports/eight-weeks-moves.jsonl"), encoding: .utf8)
        for line in moves.split(separator: "\n") {
            let m = try JSONSerialization.jsonObject(with: Data(line.utf8)) as! [String: Any]
            let id = m["id"] as! String
            let time = Timestamp.iso(received[id]!.addingTimeInterval((m["hours"] as! Double) * 3600))
            var args = ["case", id, "--db", db, "--at", time]
            for key in ["status", "remedy", "satisfaction", "note"] { if let v = m[key] { args += ["--\(key)", "\(v)"] } }
            let r = try ExitStatusTests.run(args)
            #expect(r.status == 0, "\(args) \(r.err)")
        }
        return db
    }

    static func json(_ db: String, _ extra: [String] = []) throws -> [String: Any] {
        let r = try ExitStatusTests.run(["report", "--db", db, "--format", "json", "--at", at] + extra)
        #expect(r.status == 0, "\(r.err)")
        return try #require(try JSONSerialization.jsonObject(with: Data(r.out.utf8)) as? [String: Any])
    }

    @Test("the JSON's totals, categories, weekly sums and overdue agree with intake export and intake due --overdue --at")
    func agrees() throws {
        let db = try Self.register()
        let report = try Self.json(db)
        let export = try ExitStatusTests.run(["export", "--db", db, "--format", "jsonl"]).out.split(separator: "\n")
            .map { try JSONSerialization.jsonObject(with: Data($0.utf8)) as! [String: Any] }
        let records = export.map { $0["record"] as! [String: Any] }
        #expect(report["total"] as? Int == records.count && records.count == 22)
        let byCategory = report["by_category"] as! [String: Int]
        for c in ["quality", "delivery", "service", "other"] {
            #expect(byCategory[c] == records.filter { $0["category"] as? String == c }.count, "\(c)")
        }
        let weeks = report["by_week"] as! [[String: Any]]
        #expect(weeks.count == 8)
        for w in weeks {
            let start = Timestamp.parse(w["period"] as! String)!
            let n = records.filter { let t = Timestamp.parse($0["received_at"] as! String)!; return t >= start && t < start.addingTimeInterval(7 * 86_400) }.count
            #expect(w["total"] as? Int == n, "\(w["period"]!)")
        }
        let due = try ExitStatusTests.run(["due", "--db", db, "--overdue", "--at", Self.at])
        #expect(report["overdue"] as? Int == due.out.split(separator: "\n").count)
        let handled = export.filter { (($0["history"] as! [[String: Any]]).contains { $0["satisfaction"] != nil }) }.count
        #expect((report["satisfaction"] as! [String: Any])["responses"] as? Int == handled)
    }

    @Test("intake case shows the remedy and satisfaction with their time; a score off the scale is refused (64)")
    func caseOutcomes() throws {
        let db = try Self.register()
        let shown = try ExitStatusTests.run(["case", "r-zh-04", "--db", db])
        let history = try #require((try JSONSerialization.jsonObject(with: Data(shown.out.utf8)) as? [String: Any])?["history"] as? [[String: Any]])
        #expect(history.compactMap { $0["remedy"] as? String } == ["refund", "compensation"])
        #expect(history.contains { $0["satisfaction"] as? Int == 4 && $0["at"] as? String == "2024-04-16T07:45:00Z" })
        for bad in [["--satisfaction", "9"], ["--satisfaction", "0"], ["--remedy", "cheque"]] {
            let r = try ExitStatusTests.run(["case", "r-es-02", "--db", db] + bad)
            #expect(r.status == 64, "\(bad) \(r.err)")
        }
        #expect(try ExitStatusTests.run(["case", "nope", "--db", db, "--remedy", "refund"]).status == 64)
    }

    @Test("bad periods are usage errors, a missing register 66, and CSV tables are written into --out")
    func usage() throws {
        let db = try Self.register()
        for args in [["--from", "ayer"], ["--from", "2024-05-10", "--to", "2024-05-01"], ["--by", "day"], ["--locale", "fr"], ["--at", "mañana"]] {
            let r = try ExitStatusTests.run(["report", "--db", db] + args)
            #expect(r.status == 64, "\(args) \(r.err)")
        }
        #expect(try ExitStatusTests.run(["report", "--db", db + ".missing"]).status == 66)
        let dir = (db as NSString).deletingLastPathComponent + "/tables"
        #expect(try ExitStatusTests.run(["report", "--db", db, "--format", "csv", "--out", dir, "--at", Self.at]).status == 0)
        let weeks = try String(contentsOfFile: dir + "/by_week.csv", encoding: .utf8).split(separator: "\n")
        #expect(weeks.count == 9 && weeks[0].hasPrefix("period,label,quality"))
        let empty = try ExitStatusTests.run(["report", "--db", db, "--format", "json", "--from", "2024-04-29", "--to", "2024-05-05"])
        #expect(empty.status == 0 && empty.out.contains("\"total\":0"))
    }

    static var chromium: String? {
        ["/usr/bin/chromium", "/usr/bin/chromium-browser", "/usr/bin/google-chrome"].first { FileManager.default.isExecutableFile(atPath: $0) }
    }

    /// Runs headless Chromium on the page: what it printed to standard output and its log on standard error.
    static func browse(_ page: String, _ mode: [String]) throws -> (out: String, log: String, status: Int32) {
        let p = Process()
        p.executableURL = URL(fileURLWithPath: try #require(chromium))
        let profile = FileManager.default.temporaryDirectory.appendingPathComponent("chromium-\(UUID().uuidString)").path
        p.arguments = ["--headless", "--no-sandbox", "--disable-gpu", "--no-first-run", "--user-data-dir=\(profile)",
                       "--enable-logging=stderr", "--v=0", "--window-size=1100,2000"] + mode + ["file://" + page]
        p.currentDirectoryURL = URL(fileURLWithPath: (page as NSString).deletingLastPathComponent)
        // Files, not pipes: Chromium's signals interrupt a pipe read (EINTR), which Foundation turns into a trap.
        let out = profile + ".out", err = profile + ".err"
        FileManager.default.createFile(atPath: out, contents: nil)
        FileManager.default.createFile(atPath: err, contents: nil)
        p.standardOutput = try FileHandle(forWritingTo: URL(fileURLWithPath: out))
        p.standardError = try FileHandle(forWritingTo: URL(fileURLWithPath: err))
        try p.run()
        p.waitUntilExit()
        return (try String(contentsOfFile: out, encoding: .utf8), try String(contentsOfFile: err, encoding: .utf8), p.terminationStatus)
    }

    /// The number in `attribute` of every element of `tag` in one SVG of the page, with its data-group and data-series.
    static func shapes(_ dom: String, svg id: String, tag: String = "rect") -> [(group: String, series: String, value: Double)] {
        guard let start = dom.range(of: "<svg id=\"\(id)\""), let end = dom.range(of: "</svg>", range: start.upperBound..<dom.endIndex) else { return [] }
        let body = String(dom[start.upperBound..<end.lowerBound])
        let pattern = try! NSRegularExpression(pattern: "<\(tag) [^>]*data-group=\"([^\"]*)\"(?: data-series=\"([^\"]*)\")? data-value=\"([^\"]*)\"")
        return pattern.matches(in: body, range: NSRange(body.startIndex..., in: body)).map { m in
            func g(_ i: Int) -> String { Range(m.range(at: i), in: body).map { String(body[$0]) } ?? "" }
            return (g(1), g(2), Double(g(3)) ?? .nan)
        }
    }

    @Test("the HTML renders in headless Chromium with no console error, and its SVG shows the JSON's numbers",
          .enabled(if: chromium != nil || ProcessInfo.processInfo.environment["CI"] != nil, "needs chromium (apt-get install chromium)"),
          arguments: ["en", "zh-Hans", "es"])
    func browser(locale: String) throws {
        let db = try Self.register()
        let report = try Self.json(db)
        let page = (db as NSString).deletingLastPathComponent + "/report-\(locale).html"
        let made = try ExitStatusTests.run(["report", "--db", db, "--at", Self.at, "--locale", locale, "--out", page])
        #expect(made.status == 0, "\(made.err)")
        let html = try String(contentsOfFile: page, encoding: .utf8)
        #expect(!html.contains("http://") && !html.contains("https://") && !html.contains(" src="), "the page must fetch nothing")
        #expect(html.contains("<html lang=\"\(locale)\""))

        let shot = (page as NSString).deletingPathExtension + ".png"
        let s = try Self.browse(page, ["--screenshot=\(shot)"])
        #expect(s.status == 0, "\(s.log.suffix(2000))")
        let size = (try? FileManager.default.attributesOfItem(atPath: shot)[.size] as? Int) ?? 0
        #expect(size > 20_000, "screenshot of \(size) bytes")
        let consoleLines = s.log.split(separator: "\n").filter { $0.contains(":CONSOLE") || $0.contains("Content Security Policy") || $0.contains("Uncaught") }
        #expect(consoleLines.isEmpty, "\(consoleLines)")

        let dom = try Self.browse(page, ["--dump-dom"]).out
        #expect(dom.components(separatedBy: "<svg id=\"chart-").count - 1 == 5)
        let weeks = report["by_week"] as! [[String: Any]]
        let volume = Self.shapes(dom, svg: "chart-volume")
        for w in weeks {
            let period = w["period"] as! String
            let cats = w["by_category"] as! [String: Int]
            for (c, n) in cats where n > 0 {
                #expect(volume.filter { $0.group == period && $0.series == c }.map(\.value) == [Double(n)], "\(period) \(c)")
            }
            #expect(volume.filter { $0.group == period }.reduce(0) { $0 + $1.value } == Double(w["total"] as! Int))
        }
        let byDept = report["by_department_category"] as! [String: [String: Int]]
        let depts = Self.shapes(dom, svg: "chart-departments")
        #expect(depts.reduce(0) { $0 + $1.value } == Double(report["total"] as! Int))
        for (d, cats) in byDept { for (c, n) in cats where n > 0 { #expect(depts.contains { $0.group == d && $0.series == c && $0.value == Double(n) }) } }
        let handling = report["handling"] as! [String: [String: Any]]
        let medians = Self.shapes(dom, svg: "chart-handling")
        let deadlines = Self.shapes(dom, svg: "chart-handling", tag: "line class=\"m-deadline\"")
        for (d, h) in handling {
            let inv = h["investigating"] as! [String: Any]
            if let m = inv["median_hours"] as? Double { #expect(medians.contains { $0.group == d + "/investigating" && $0.value == m }, "\(d)") }
            #expect(deadlines.contains { $0.group == d + "/investigating" && $0.value == inv["deadline_hours"] as? Double })
        }
        let satisfaction = report["satisfaction"] as! [String: Any]
        let means = Self.shapes(dom, svg: "chart-satisfaction")
        for (remedy, m) in satisfaction["by_remedy"] as! [String: [String: Any]] {
            let mean = (m["mean"] as? Double) ?? 0
            #expect(means.contains { $0.group == remedy && abs($0.value - mean) < 0.05 } || (mean == 0 && !means.contains { $0.group == remedy && $0.value > 0 }), "\(remedy)")
        }
        #expect(dom.contains(">\(report["total"] as! Int)<"))
    }
}
