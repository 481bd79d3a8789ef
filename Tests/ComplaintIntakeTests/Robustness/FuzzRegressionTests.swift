import Foundation
import IntakeTestSupport
import Testing
@testable import ComplaintIntake

/// Replays the inputs that once crashed the tool or the fuzzers (scripts/fuzz), through the code each fuzz target
/// runs, and checks what came out: a record whose dates and times are well formed, or a typed error.
@Suite("Fuzz regressions")
struct FuzzRegressionTests {
    static func inputs(_ target: String) -> [(name: String, bytes: [UInt8])] {
        let dir = Repository.root.appendingPathComponent("Tests/FuzzRegressions/\(target)")
        let names = (try? FileManager.default.contentsOfDirectory(atPath: dir.path)) ?? []
        return names.sorted().compactMap { n in FileManager.default.contents(atPath: dir.appendingPathComponent(n).path).map { (n, [UInt8]($0)) } }
    }

    /// The reference days the date crashes came from: both ends of the calendar, and leap days.
    static let references = ["0001-01-01", "0001-01-20", "9999-12-20", "9999-12-31", "2024-02-29", "2024-03-20"].compactMap(Day.init(iso:))

    static func isISODay(_ s: String) -> Bool { s.utf8.count == 10 && Day(iso: s) != nil }
    static func isISOTime(_ s: String) -> Bool { s.utf8.count == 20 && s.hasSuffix("Z") && Timestamp.parse(s) != nil }

    /// A record is well formed when every date is a real day and every time is ISO 8601 (year 1 to 9999).
    static func checkRecord(_ r: IntakeRecord, _ name: String) {
        for d in r.fields.dates { #expect(isISODay(d.value), "\(name): date \(d.value)") }
        for t in [r.due.investigateBy, r.due.respondBy, r.due.followUpBy] + [r.receivedAt].compactMap({ $0 }) {
            #expect(isISOTime(t), "\(name): time \(t)")
        }
    }

    @Test("the saved crash inputs exist for every target that had one")
    func saved() {
        for target in ["FuzzText", "FuzzDates", "FuzzEmail", "FuzzBatchLine"] { #expect(!Self.inputs(target).isEmpty, "\(target)") }
    }

    @Test("texts and date phrases: a record with real days against every extreme reference day")
    func texts() throws {
        let analyzer = Fixtures.analyzer()
        for (name, bytes) in Self.inputs("FuzzText") + Self.inputs("FuzzDates") + Self.inputs("FuzzExtract") {
            let text = String(decoding: bytes, as: UTF8.self)
            for reference in Self.references {
                if let a = try? analyzer.analyze(text) {
                    let f = Fixtures.extractor.extract(a.text, language: a.language, negationScopes: [], reference: reference)
                    for d in f.dates { #expect(Self.isISODay(d.value), "\(name) at \(reference): \(d.value)") }
                }
                switch Result(catching: { try Fixtures.pipeline.process(Message(text: text), reference: reference) }) {
                case .success(let r): Self.checkRecord(r, name)
                case .failure(let e): #expect(e is IntakeError, "\(name): \(e)")
                }
            }
        }
    }

    @Test("e-mails: a record with a well-formed received time, or none")
    func emails() throws {
        for (name, bytes) in Self.inputs("FuzzEmail") + Self.inputs("FuzzRecord") {
            guard let m = try? EmailParser().parse(bytes) else { continue }
            if let t = m.receivedAt { #expect(Self.isISOTime(Timestamp.iso(t)) && Timestamp.iso(t).hasPrefix("2024"), "\(name)") }
            let r = try Fixtures.pipeline.process(m)
            Self.checkRecord(r, name)
        }
    }

    @Test("batch lines: a record or an error record that keeps the line's id")
    func batchLines() throws {
        for (name, bytes) in Self.inputs("FuzzBatchLine") {
            let parser = BatchLineParser()
            switch Result(catching: { () throws(InputError) in try parser.message(json: bytes[...]) }) {
            case .success(let m):
                switch Result(catching: { try Fixtures.pipeline.process(m) }) {
                case .success(let r): Self.checkRecord(r, name)
                case .failure(let e): #expect(e is IntakeError, "\(name): \(e)")
                }
            case .failure(let e):
                #expect(["bad_field", "no_text", "bad_json", "not_an_object"].contains(e.code), "\(name): \(e)")
                if String(decoding: bytes, as: UTF8.self).contains(#""id""#) { #expect(parser.id(json: bytes[...]) != nil, "\(name)") }
            }
        }
    }
}
