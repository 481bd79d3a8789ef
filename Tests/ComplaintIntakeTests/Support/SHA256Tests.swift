import IntakeTestSupport
import Testing
@testable import ComplaintIntake

@Suite("SHA-256")
struct SHA256Tests {
    // FIPS 180-4 examples, plus inputs that cross block boundaries in pieces, as record ids and digests feed them.
    @Test(arguments: [
        ("", "e3b0c44298fc1c149afbf4c8996fb92427ae41e4649b934ca495991b7852b855"),
        ("abc", "ba7816bf8f01cfea414140de5dae2223b00361a396177a9cb410ff61f20015ad"),
        ("abcdbcdecdefdefgefghfghighijhijkijkljklmklmnlmnomnopnopq", "248d6a61d20638b8e5c026930c3e6039a33ce45964ff2167f6ecedd419db06c1"),
    ])
    func knownDigests(input: String, hex: String) {
        #expect(SHA256.hex(Array(input.utf8)) == hex)
        var portable = SHA256(hardware: false)
        portable.update(Array(input.utf8))
        #expect(portable.hexDigest == hex)
    }

    @Test("the SHA instructions and the portable code agree on complaint texts of every length up to 300 bytes",
          .enabled(if: SHA256.hardwareAvailable, "this processor has no SHA instructions; only the portable code runs"))
    func hardwareMatchesPortable() {
        let text = Array("客服態度很差，退款申請三週沒有回覆。快递一周了还没到。Pedí la devolución hace tres semanas y nadie responde 😡 ".utf8)
        let long = Array(repeating: text, count: 3).flatMap { $0 }
        for n in 0...300 {
            var fast = SHA256(hardware: true), slow = SHA256(hardware: false)
            fast.update(long.prefix(n))
            slow.update(long.prefix(n))
            #expect(fast.hexDigest == slow.hexDigest, "\(n) bytes")
        }
    }

    @Test func piecesGiveTheSameDigestAsTheWhole() {
        let text = Array("快递一周了还没到，订单号DD20240305001。El pedido llegó roto y nadie contesta. ".utf8)
        let whole = Array(repeating: text, count: 9).flatMap { $0 }
        for piece in [1, 7, 63, 64, 65, 200] {
            var h = SHA256()
            var i = 0
            while i < whole.count {
                h.update(whole[i..<min(i + piece, whole.count)])
                i += piece
            }
            #expect(h.hexDigest == SHA256.hex(whole), "pieces of \(piece)")
        }
        // A million 'a' (FIPS 180-4, appendix B.3).
        #expect(SHA256.hex([UInt8](repeating: 0x61, count: 1_000_000)) == "cdc76e5c9914fb9281a1c7e284d73e67f1809a48a497200e046d39ccc7112cd0")
    }
}
