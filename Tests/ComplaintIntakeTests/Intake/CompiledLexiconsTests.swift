import Foundation
import IntakeTestSupport
import Testing
@testable import ComplaintIntake

/// The compiled form of the lexicons that a process loads at start-up instead of building it from the files.
@Suite("Compiled lexicons")
struct CompiledLexiconsTests {
    static let fromFiles: IntakeResources = {
        do { return try IntakeResources(store: DataStore.builtIn(), model: try IntakeResources.builtInModel()) } catch {
            fatalError("the built-in lexicon files do not load: \(error)")
        }
    }()

    @Test("the compiled copy built into the tool is what the lexicon files give (run `intake embed` after changing lexicons/)")
    func builtInIsCurrent() throws {
        let builtIn = try #require(IntakeResources.builtInCompiled(), "this build carries no compiled lexicons")
        #expect(Self.fromFiles.compiled() == builtIn.map { Array($0) })
        for part in builtIn { #expect(part.count < 1_000_000, "a compiled part of \(part.count) bytes: keep each under 1 MB") }
    }

    @Test("reading the compiled form and writing it again gives the same bytes")
    func roundTrip() throws {
        let parts = Self.fromFiles.compiled()
        let again = try Self.withBuffers(parts) { raw in
            try IntakeResources(store: DataStore.builtIn(), compiled: raw, model: nil, maxTextScalars: 1_000).compiled()
        }
        #expect(again == parts)
    }

    static let complaints: [(channel: Channel, text: String)] = [
        (.web, "快递一周了还没到，订单号DD20240305001，物流一直显示运输中，客服也联系不上。"),
        (.email, "我于3月2日购买的电热水壶底座冒烟，不是第一次了，要求全额退款，三天内不处理就向12315投诉。"),
        (.social, "#差评 客服態度很差，打了三次電話都說會回電，結果沒有人理我，請給個說法"),
        (.web, "收到的手機螢幕有裂痕，包裝完好，應該是出廠就有問題，我要換貨。訂單編號 TW-20240311-778"),
        (.email, "El pedido ES-552019 no ha llegado y en Correos dicen que está en reparto desde el lunes. Quiero que me devuelvan los 649,90 €."),
        (.social, "@TiendaMX la licuadora que compré el 5 de marzo ya no prende, no es culpa del envío, es el producto. Quiero cambio ya!!"),
        (.web, "Vos pedís algo con envío en 24 hs y te llega a los 10 días, ¿para qué lo ofrecen? Guía 1Z999AA10123456784"),
        (.email, "Buenas tardes, llamé tres veces al servicio de atención y nadie me devolvió la llamada. Exijo hablar con un supervisor."),
    ]

    @Test("a pipeline on the compiled form writes the same records as one on the lexicon files", arguments: complaints)
    func sameRecords(_ complaint: (channel: Channel, text: String)) throws {
        let builtIn = try #require(IntakeResources.builtInCompiled())
        // Read in place, as the tool reads it.
        let compiled = try IntakeResources(store: DataStore.builtIn(), compiled: builtIn, isStatic: true,
                                           model: try IntakeResources.builtInModel(), maxTextScalars: 10_000_000)
        let policy = try Policy.builtIn(store: DataStore.builtIn())
        let message = Message(channel: complaint.channel, receivedAt: Date(timeIntervalSince1970: 1_710_900_000), text: complaint.text)
        let a = try IntakePipeline(resources: Self.fromFiles, policy: policy).process(message, explain: true)
        let b = try IntakePipeline(resources: compiled, policy: policy).process(message, explain: true)
        // With the explanation: the lexicon hits and the features behind the scores must agree too.
        let encoder = JSONEncoder()
        encoder.outputFormatting = [.sortedKeys]
        let (ja, jb) = (try encoder.encode(a), try encoder.encode(b))
        #expect(a.explanation?.lexiconHits.isEmpty == false)
        #expect(String(decoding: ja, as: UTF8.self) == String(decoding: jb, as: UTF8.self))
    }

    /// Calls `body` with the parts as raw buffers.
    static func withBuffers<T>(_ parts: [[UInt8]], _ body: ([UnsafeRawBufferPointer]) throws -> T) rethrows -> T {
        func go(_ i: Int, _ acc: [UnsafeRawBufferPointer]) throws -> T {
            if i == parts.count { return try body(acc) }
            return try parts[i].withUnsafeBytes { try go(i + 1, acc + [$0]) }
        }
        return try go(0, [])
    }

    @Test("damaged compiled data is refused with an error that says how to rebuild it", arguments: [(0, 0), (1, 8), (1, 1_000), (1, 100_000), (2, 500), (0, 1_000)])
    func damaged(_ part: Int, _ keep: Int) throws {
        var parts = Self.fromFiles.compiled()
        parts[part].removeLast(parts[part].count - keep)
        let error = Self.withBuffers(parts) { raw -> IntakeError? in
            do throws(IntakeError) {
                _ = try IntakeResources(store: DataStore.builtIn(), compiled: raw, model: nil, maxTextScalars: 1_000)
                return nil
            } catch { return error }
        }
        let e = try #require(error, "\(keep) bytes were accepted")
        #expect(e.code == "lexicon_damaged_build")
        #expect(e.description.contains("intake embed"))
    }

    @Test("compiled data with the wrong header is refused")
    func wrongHeader() throws {
        var parts = Self.fromFiles.compiled()
        parts[1][0] = UInt8(ascii: "X")
        #expect(throws: IntakeError.self) {
            try Self.withBuffers(parts) { raw in
                _ = try IntakeResources(store: DataStore.builtIn(), compiled: raw, model: nil, maxTextScalars: 1_000)
            }
        }
    }
}
