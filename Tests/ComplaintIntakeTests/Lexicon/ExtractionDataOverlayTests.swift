import Foundation
import IntakeTestSupport
import Testing
@testable import ComplaintIntake

/// The extraction words and shapes a desk changes without touching Swift: a carrier's parcel shape, a calling code,
/// a multiplier word and a price cue, laid over the built-in files with `--lexicons`.
@Suite("Extraction data a desk lays over the built-in files")
struct ExtractionDataOverlayTests {
    static let overlay: [String: String] = [
        "carrier-shapes.tsv": "ESTAFETA\tEF\t12\tdigits\n",
        "calling-codes.tsv": "261\tMG\n",
        "es/multipliers.tsv": "gambas\t100\n",
        "es/cues.tsv": "abone\tprice\n",
        "zh/cues.tsv": "充了\tprice\n",
    ]

    static let resources = Fixtures.resources(overlay: overlay)

    @Test("built in, then with the desk's rows", arguments: [
        ("el paquete EF1234567890 no se mueve", "tracking", "", "ESTAFETA EF1234567890"),
        ("llámenme al +261 341234567 por favor", "phone", "+261341234567 nil", "+261341234567 MG"),
        ("me cobraron 5 gambas por nada", "amount", "5", "500"),
        ("le abone 350 y nada", "amount", "", "350"),
        ("话费充了200还是停机", "amount", "", "200"),
        ("顺丰单号SF1398274650213一直不动", "tracking", "SF SF1398274650213", "SF SF1398274650213"),
    ])
    func overlaid(_ text: String, _ field: String, _ builtIn: String, _ withOverlay: String) throws {
        func read(_ f: ExtractedFields) -> String {
            switch field {
            case "tracking": f.trackingNumbers.map { "\($0.carrier ?? "nil") \($0.value)" }.joined(separator: ",")
            case "phone": f.phones.map { "\($0.value) \($0.country ?? "nil")" }.joined(separator: ",")
            default: f.amounts.map(\.value).joined(separator: ",")
            }
        }
        #expect(read(Fixtures.fields(text)) == builtIn, "\(text)")
        #expect(read(Fixtures.fields(text, resources: Self.resources)) == withOverlay, "\(text)")
    }

    @Test("a bad shape row is refused with its file and line")
    func badShape() throws {
        let dir = FileManager.default.temporaryDirectory.appendingPathComponent("extraction-overlay-\(UUID().uuidString)")
        try FileManager.default.createDirectory(at: dir, withIntermediateDirectories: true)
        try "ESTAFETA\tEF\t12\tnumbers\n".write(to: dir.appendingPathComponent("carrier-shapes.tsv"), atomically: true, encoding: .utf8)
        #expect {
            _ = try IntakeResources(lexiconDirectory: dir.path)
        } throws: { error in
            String(describing: error).contains("carrier-shapes.tsv") && String(describing: error).contains("digits, alnum")
        }
    }
}
