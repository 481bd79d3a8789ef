import Foundation
import IntakeTestSupport
import Testing
@testable import ComplaintIntake

/// `intake --version`: what a bug report and a desk's records need to name the build.
@Suite("intake --version")
struct VersionToolTests {
    @Test("the version, the built-in model's name and the digest of its file, and ICU's version")
    func version() throws {
        let r = try ExitStatusTests.run(["--version"])
        #expect(r.status == 0, "\(r.err)")
        let lines = r.out.split(separator: "\n").map(String.init)
        #expect(lines.count == 3)
        #expect(lines[0].wholeMatch(of: /intake \d+\.\d+\.\d+/) != nil, "\(lines)")
        let model = try #require(FileManager.default.contents(atPath: Repository.path("Sources/CIntakeData/data/default.cimodel")))
        var h = SHA256()
        h.update([UInt8](model))
        let meta = try #require(try IntakeResources.builtInModel()).metadata
        #expect(lines[1].hasPrefix("model \(meta.name) sha256 \(h.hexDigest) (corpus \(meta.corpusSHA.prefix(12))"), "\(lines[1])")
        #expect(lines[2].wholeMatch(of: /ICU \d+\.\d+(\.\d+)*/) != nil, "\(lines[2])")
    }

    @Test("the help lists --version")
    func listed() throws {
        let r = try ExitStatusTests.run(["--help"])
        #expect(r.out.contains("--version"))
    }
}
