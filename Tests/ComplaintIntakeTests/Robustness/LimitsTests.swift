import Foundation
import IntakeTestSupport
import Testing
@testable import ComplaintIntake

/// Each limit and kind of bad input ends in a typed error or a warning with a stable code, never a crash.
@Suite("Limits and bad input")
struct LimitsTests {
    static func mail(_ headers: String, _ body: String) -> [UInt8] {
        Array((headers + "\r\n\r\n" + body).utf8)
    }

    /// Feeds `input` in reads of an odd size, the way `intake batch` reads, so that some lines start in one read and
    /// end in the next.
    static func feedInReads(_ input: [UInt8], to splitter: inout JSONLinesSplitter) -> [JSONLinesSplitter.Line] {
        var lines: [JSONLinesSplitter.Line] = []
        var start = 0
        while start < input.count {
            let end = min(start + 4_093, input.count)
            lines += splitter.feed(Array(input[start..<end]))
            start = end
        }
        return lines
    }

    @Test("a message over the size limit is email_too_large")
    func messageSize() {
        var limits = EmailLimits()
        limits.maxMessageBytes = 1_000
        let big = Self.mail("From: a@b.es\r\nSubject: x", String(repeating: "El pedido no llega. ", count: 100))
        #expect(throws: EmailError.tooLarge(bytes: big.count, limit: 1_000)) { try EmailParser(limits: limits).parse(big) }
    }

    @Test("MIME nested deeper than the limit keeps the text it reached and warns mime_too_deep")
    func depth() throws {
        var body = "--b30z\r\nContent-Type: text/plain; charset=utf-8\r\n\r\n快递三天没动了\r\n--b30z--\r\n"
        for d in stride(from: 29, through: 0, by: -1) {
            body = "--b\(d)z\r\nContent-Type: multipart/mixed; boundary=b\(d + 1)z\r\n\r\n" + body + "--b\(d)z--\r\n"
        }
        let m = Self.mail("From: x@y.cn\r\nContent-Type: multipart/mixed; boundary=b0z", body)
        let shallow = try EmailParser().parse(m)
        #expect(shallow.text.isEmpty && shallow.warnings.contains("mime_too_deep") && shallow.warnings.contains("no_text_part"))
        var limits = EmailLimits()
        limits.maxDepth = 64
        #expect(try EmailParser(limits: limits).parse(m).text.contains("快递三天没动了"))
        // A text part at the top and a chain of 30 nested parts after it: the text is kept, the depth warned about.
        let deep = try EmailParser().parse(Self.mail("Content-Type: multipart/mixed; boundary=top",
            "--top\r\nContent-Type: text/plain; charset=utf-8\r\n\r\nhola, el pedido no llega\r\n--top\r\nContent-Type: multipart/mixed; boundary=b0z\r\n\r\n" + body + "--top--\r\n"))
        #expect(deep.warnings.contains("mime_too_deep"))
        #expect(deep.text.contains("el pedido no llega"))
    }

    @Test("more parts than the limit: too_many_parts, the first text part kept")
    func parts() throws {
        var body = "--p\r\nContent-Type: text/plain; charset=utf-8\r\n\r\n收到的杯子是碎的\r\n"
        for i in 0..<600 { body += "--p\r\nContent-Type: application/octet-stream; name=f\(i).bin\r\n\r\nAAAA\r\n" }
        body += "--p--\r\n"
        let m = try EmailParser().parse(Self.mail("Content-Type: multipart/mixed; boundary=p", body))
        #expect(m.warnings.contains("too_many_parts"))
        #expect(m.text.contains("收到的杯子是碎的"))
    }

    @Test("a header line over the limit is cut and warned about")
    func headerLine() throws {
        let m = try EmailParser().parse(Self.mail("Subject: " + String(repeating: "queja ", count: 20_000), "No me han devuelto el dinero."))
        #expect(m.warnings.contains("header_line_too_long"))
        #expect(m.text.contains("devuelto el dinero"))
    }

    @Test("base64 garbage in the body is decoded as far as it goes and warned about")
    func base64Garbage() throws {
        let m = try EmailParser().parse(Self.mail("Content-Type: text/plain; charset=utf-8\r\nContent-Transfer-Encoding: base64",
                                                  "5b+r6YCS5rKh5Yiw!!!***%%%" + String(repeating: "@", count: 5_000)))
        #expect(m.warnings.contains("base64_invalid"))
    }

    @Test("JSON lines: NUL bytes, lone surrogates, invalid UTF-8 at every position", arguments: 0..<24)
    func invalidUTF8Everywhere(_ position: Int) {
        var line = Array(#"{"text":"快递没到 pedido"}"#.utf8)
        line.insert(0xFF, at: position)
        // The offset is the first byte of the broken sequence: the inserted byte, or the start of the character it cut.
        do {
            _ = try BatchLineParser().message(json: line[...])
            Issue.record("no error for a bad byte at \(position)")
        } catch {
            guard case .invalidUTF8(let offset) = error else { Issue.record("\(error)"); return }
            #expect((position - 3...position).contains(offset))
        }
    }

    @Test("a lone surrogate escape becomes U+FFFD and the rest of the complaint is kept, in both languages")
    func loneSurrogate() throws {
        for (line, kept) in [(#"{"text":"el pedido \ud800 no llega"}"#, "el pedido \u{FFFD} no llega"),
                             (#"{"text":"快递\udfff没到"}"#, "快递\u{FFFD}没到"),
                             (#"{"text":"\ud83d\ud83d\ude21 sin respuesta"}"#, "\u{FFFD}😡 sin respuesta")] {
            let bytes = Array(line.utf8)
            #expect(try BatchLineParser().message(json: bytes[...]).text == kept)
        }
    }

    @Test("a 50 MB line is one line_too_long and is never held whole")
    func hugeLine() {
        var splitter = JSONLinesSplitter(maxLineBytes: 10 * 1024 * 1024)
        var lines: [JSONLinesSplitter.Line] = []
        lines += splitter.feed(Array(#"{"text":"第一行：快递丢了"}"#.utf8) + [0x0A])
        let chunk = [UInt8](repeating: 0x61, count: 1 << 20)
        lines += splitter.feed(Array(#"{"text":""#.utf8))
        for _ in 0..<50 { lines += splitter.feed(chunk) }
        lines += splitter.feed(Array(#""}"#.utf8) + [0x0A] + Array(#"{"text":"la tercera línea"}"#.utf8))
        if let last = splitter.finishInput() { lines.append(last) }
        #expect(lines.map(\.number) == [1, 2, 3])
        guard lines.count == 3, case .failure(let e) = lines[1].bytes else { Issue.record("no line_too_long"); return }
        #expect(e.code == "line_too_long")
        if case .success(let b) = lines[2].bytes { #expect(String(decoding: b, as: UTF8.self).contains("tercera")) }
    }

    @Test("each line's buffer is the size of that line, not of the longest line before it (memory stays flat)")
    func lineBuffersFitTheirLines() {
        // A read holds thousands of lines; buffers sized to an earlier long line made a million-line batch
        // peak 60% higher than ten thousand lines.
        var splitter = JSONLinesSplitter(maxLineBytes: 1 << 20)
        let long = #"{"text":""# + String(repeating: "客服一直不回复，", count: 400) + #""}"#
        var input = Array(long.utf8) + [0x0A]
        let shorts = [#"{"text":"快递三天没动了"}"#, #"{"text":"La tostadora llegó rota, quiero el reembolso"}"#,
                      #"{"text":"客服態度很差，退款還沒到帳"}"#]
        for i in 0..<2_000 { input += Array(shorts[i % 3].utf8) + [0x0A] }
        let lines = Self.feedInReads(input, to: &splitter)
        #expect(lines.count == 2_001)
        for line in lines.dropFirst() {
            guard case .success(let b) = line.bytes else { Issue.record("line \(line.number) failed"); continue }
            #expect(b.capacity < 4 * b.count + 64, "line \(line.number): \(b.count) bytes in a buffer of \(b.capacity)")
        }
    }

    @Test("text of only emoji, only digits, or with NUL bytes gets a record with the warning that says so", arguments: [
        ("😡😡😡👎", "no_words"), ("1234567890", "no_words"), ("el pedido\u{0}\u{0} no llega", "control_characters"),
        ("快递\u{0}还没到", "control_characters"),
    ])
    func odd(_ text: String, _ warning: String) throws {
        let r = try Fixtures.pipeline.process(Message(receivedAt: Timestamp.parse("2024-03-20T10:00:00Z"), text: text))
        #expect(r.warnings.contains(warning), "\(r.warnings)")
        #expect(!r.warnings.contains("no_words") || warning == "no_words")
        #expect(r.text == text)
    }

    @Test("10,000 lines with 1,000 bad ones spread through them: 10,000 results in order, 1,000 errors")
    func tenThousand() async throws {
        var input: [UInt8] = []
        let goods = ["快递一周了还没到，订单号DD2024030500%d", "El producto llegó roto, pedido ES-%d", "客服态度太差了 %d", "me cobraron dos veces la factura %d"]
        for i in 0..<10_000 {
            if i % 10 == 7 {
                switch i % 4 {
                case 0: input += Array(#"{"text": "sin cerrar"#.utf8)
                case 1: input += Array(#"{"id": "x"}"#.utf8)
                case 2: input += Array(#"{"text":"bad "#.utf8) + [0xC3, 0x28] + Array(#""}"#.utf8)
                default: input += Array("[1,2,3]".utf8)
                }
            } else {
                input += Array(#"{"id":"l\#(i)","text":"\#(String(format: goods[i % 4], i))"}"#.utf8)
            }
            input.append(0x0A)
        }
        var splitter = JSONLinesSplitter(maxLineBytes: 1 << 20)
        var lines = Self.feedInReads(input, to: &splitter)
        if let l = splitter.finishInput() { lines.append(l) }
        let parser = BatchLineParser()
        let messages = lines.map { l -> Result<Message, InputError> in
            switch l.bytes {
            case .failure(let e): return .failure(e)
            case .success(let b): do throws(InputError) { return .success(try parser.message(json: b[...])) } catch { return .failure(error) }
            }
        }
        var outputs = 0, errors = 0, order: [String] = []
        for m in messages {
            switch m {
            case .failure: errors += 1
            case .success(let msg):
                let r = try Fixtures.pipeline.process(msg, reference: Day(iso: "2024-03-20"))
                order.append(r.id)
            }
            outputs += 1
        }
        #expect(lines.count == 10_000)
        #expect(outputs == 10_000)
        #expect(errors == 1_000)
        #expect(order.first == "l0" && order.last == "l9999")
    }
}
