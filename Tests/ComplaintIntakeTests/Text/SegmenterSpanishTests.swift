import IntakeTestSupport
import Testing
@testable import ComplaintIntake

@Suite("Segmenter, Spanish")
struct SegmenterSpanishTests {
    @Test("the example of the issue: es, and envio, tardisimo, pesimo, servicio among the norms")
    func issueExample() throws {
        let analysis = try Fixtures.analyzer().analyze("El envío llegó TARDÍSIMO!!! 😡 #PesimoServicio")
        #expect(analysis.language == .spanish)
        for norm in ["envio", "tardisimo", "pesimo", "servicio", "#pesimoservicio"] {
            #expect(analysis.norms.contains(norm), "\(norm) in \(analysis.norms)")
        }
        let tag = try #require(analysis.token("#pesimoservicio"))
        #expect(tag.text == "#PesimoServicio")
        let part = try #require(analysis.token("servicio"))
        #expect(part.isPart && part.text == "Servicio")
    }

    struct Case: CustomTestStringConvertible, Sendable {
        let text: String
        let contains: [String]
        let excludes: [String]
        var testDescription: String { text }
    }

    static let cases: [Case] = [
        // Contractions yield their parts beside the written word.
        Case(text: "La caja del pedido llegó rota al almacén", contains: ["del", "de", "el", "al", "a"], excludes: []),
        // Clitics come off verbs: infinitives, gerunds and accented imperatives.
        Case(text: "Quiero devolverlo y que me devuelvan el dinero", contains: ["devolver", "lo"], excludes: []),
        Case(text: "Devuélvanme mi plata ya, llevo un mes esperando", contains: ["devuelvan", "me"], excludes: []),
        Case(text: "Estoy llamándolos todos los días", contains: ["llamando", "los"], excludes: []),
        // ...but not off nouns that merely end like a pronoun.
        Case(text: "Los artículos y los teléfonos llegaron mal", contains: ["articulos", "telefonos"], excludes: ["articu", "telefo"]),
        Case(text: "Pedí una película y me mandaron otra cosa", contains: ["pelicula"], excludes: ["pelicu"]),
        // ...nor off adverbs in -mente (adverb_ending in es/morphology.tsv), accented like an imperative with a clitic.
        Case(text: "Me contestaron rápidamente pero no solucionaron nada", contains: ["rapidamente"], excludes: ["rapidamen", "te"]),
        Case(text: "Últimamente los envíos llegan todos tarde", contains: ["ultimamente"], excludes: ["ultimamen"]),
        // Codes with hyphens stay whole; amounts keep their separators.
        Case(text: "Pedido #4021-88, cobrado 1.500,50 € el 05/03/2024", contains: ["4021-88", "1.500,50", "05/03/2024"], excludes: ["88"]),
        Case(text: "Nº de pedido ES-552019 y guía 7788123456", contains: ["es-552019", "7788123456"], excludes: []),
    ]

    @Test("words, parts and codes", arguments: cases)
    func tokens(_ c: Case) throws {
        let analysis = try Fixtures.analyzer().analyze(c.text)
        for w in c.contains { #expect(analysis.norms.contains(w), "\(w) in \(analysis.norms)") }
        for w in c.excludes { #expect(!analysis.norms.contains(w), "\(w) not in \(analysis.norms)") }
    }

    @Test("token text is the original substring at its offsets", arguments: cases.map(\.text))
    func offsets(_ text: String) throws {
        let analysis = try Fixtures.analyzer().analyze(text)
        let scalars = Array(text.unicodeScalars)
        for t in analysis.tokens {
            #expect(String(String.UnicodeScalarView(scalars[t.start..<t.end])) == t.text)
        }
    }

    @Test("stretched words and repeated punctuation normalize, originals stay")
    func stretched() throws {
        let analysis = try Fixtures.analyzer().analyze("Pésiiimo serviciooo!!!! nadie contestaaa")
        #expect(analysis.norms.prefix(4) == ["pesimo", "servicio", "nadie", "contesta"])
        #expect(analysis.tokens[0].text == "Pésiiimo")
    }
}
