import IntakeCore
import IntakeText
import IntakeLexicon
import IntakeClassify
import IntakeExtract
import IntakeInput
/// Writes an ``IntakeRecord`` as one line of JSON, keys sorted, as `JSONEncoder` with `.sortedKeys` would but
/// without its boxing of every value: encoding was a sixth of the work of a batch.
package struct JSONWriter: ~Copyable {
    // A buffer of its own rather than [UInt8]: a record is some sixty keys and values, and Array's append pays
    // a uniqueness check and a call for each piece.
    private var base: UnsafeMutablePointer<UInt8>
    private var count = 0
    private var capacity: Int

    package init(capacity: Int) {
        self.capacity = max(capacity, 64)
        base = .allocate(capacity: self.capacity)
    }

    deinit { base.deallocate() }

    @inline(__always)
    private mutating func reserve(_ n: Int) {
        if count + n > capacity { grow(count + n) }
    }

    private mutating func grow(_ needed: Int) {
        var c = capacity * 2
        while c < needed { c *= 2 }
        let bigger = UnsafeMutablePointer<UInt8>.allocate(capacity: c)
        bigger.update(from: base, count: count)
        base.deallocate()
        base = bigger
        capacity = c
    }

    @inline(__always)
    private mutating func byte(_ b: UInt8) {
        reserve(1)
        base[count] = b
        count += 1
    }

    private mutating func append(_ p: UnsafePointer<UInt8>, _ n: Int) {
        reserve(n)
        (base + count).update(from: p, count: n)
        count += n
    }

    package mutating func raw(_ s: StaticString) { append(s.utf8Start, s.utf8CodeUnitCount) }

    /// The bytes with a line break after them; the writer is done.
    consuming func finishLine() -> [UInt8] {
        byte(0x0A)
        return Array(UnsafeBufferPointer(start: base, count: count))
    }

    package mutating func string(_ s: String) {
        byte(0x22)
        var s = s
        s.withUTF8 { u in
            // Runs of bytes that need no escape go in one copy.
            var run = 0
            for i in 0..<u.count {
                let b = u[i]
                guard b < 0x20 || b == 0x22 || b == 0x5C else { continue }
                if run < i { append(u.baseAddress! + run, i - run) }
                run = i + 1
                switch b {
                case 0x22: raw("\\\"")
                case 0x5C: raw("\\\\")
                case 0x0A: raw("\\n")
                case 0x0D: raw("\\r")
                case 0x09: raw("\\t")
                case 0x08: raw("\\b")
                case 0x0C: raw("\\f")
                default:
                    raw("\\u00")
                    byte(Self.hex[Int(b >> 4)])
                    byte(Self.hex[Int(b & 15)])
                }
            }
            if run < u.count { append(u.baseAddress! + run, u.count - run) }
        }
        byte(0x22)
    }

    private static let hex: [UInt8] = Array("0123456789abcdef".utf8)

    package mutating func int(_ v: Int) {
        if v >= 0, v < 10 { byte(0x30 + UInt8(v)); return }
        var digits = String(v)
        digits.withUTF8 { append($0.baseAddress!, $0.count) }
    }

    package mutating func double(_ v: Double) {
        if v.isFinite, v == v.rounded(), abs(v) < 1e15 { int(Int(v)) } else {
            var d = v.description
            d.withUTF8 { append($0.baseAddress!, $0.count) }
        }
    }

    package mutating func bool(_ v: Bool) { if v { raw("true") } else { raw("false") } }

    package mutating func optional(_ s: String?) { if let s { string(s) } else { raw("null") } }

    private var first = true

    /// `{"k1":…,"k2":…}`: the body writes `key(_:)` and a value for each member, keys in sorted order.
    package mutating func object(_ body: (inout JSONWriter) -> Void) {
        byte(0x7B)
        let outer = first
        first = true
        body(&self)
        first = outer
        byte(0x7D)
    }

    package mutating func key(_ k: StaticString) {
        let n = k.utf8CodeUnitCount
        reserve(n + 4)
        if !first {
            base[count] = 0x2C
            count += 1
        }
        first = false
        base[count] = 0x22
        (base + count + 1).update(from: k.utf8Start, count: n)
        base[count + 1 + n] = 0x22
        base[count + 2 + n] = 0x3A
        count += n + 3
    }

    package mutating func array<T>(_ items: [T], _ each: (inout JSONWriter, T) -> Void) {
        byte(0x5B)
        for (i, item) in items.enumerated() {
            if i > 0 { byte(0x2C) }
            each(&self, item)
        }
        byte(0x5D)
    }
}

extension IntakeRecord {
    /// The record as one line of JSON (sorted keys, a line break at the end), the form `intake` prints.
    /// Records with an explanation go through `JSONEncoder` (nil here).
    public func jsonLine() -> [UInt8]? {
        guard explanation == nil else { return nil }
        var w = JSONWriter(capacity: 2048 + text.utf8.count * 2)
        w.object { w in
            w.key("attachments"); w.array(attachments) { $0.string($1) }
            w.key("category"); w.string(category.rawValue)
            w.key("channel"); w.string(channel.rawValue)
            w.key("confidence"); w.double(confidence)
            w.key("customer")
            w.object { w in
                if let v = customer.email { w.key("email"); w.string(v) }
                if let v = customer.name { w.key("name"); w.string(v) }
                if let v = customer.phone { w.key("phone"); w.string(v) }
                if let v = customer.tier { w.key("tier"); w.string(v) }
            }
            w.key("department"); w.string(department)
            w.key("due")
            w.object { w in
                w.key("follow_up_by"); w.string(due.followUpBy)
                w.key("investigate_by"); w.string(due.investigateBy)
                if let r = due.replacementBy { w.key("replacement_by"); w.string(r) }
                w.key("respond_by"); w.string(due.respondBy)
            }
            if let duplicate { w.key("duplicate"); w.bool(duplicate) }
            w.key("escalation")
            w.object { w in
                w.key("level"); w.int(escalation.level)
                w.key("reasons"); w.array(escalation.reasons) { $0.string($1) }
            }
            w.key("fields"); fields.write(&w)
            w.key("flags"); w.array(flags) { $0.string($1) }
            w.key("id"); w.string(id)
            w.key("language"); w.string(language.rawValue)
            w.key("model")
            w.object { w in
                w.key("corpus_sha"); w.string(model.corpusSHA)
                if let digest = model.digest { w.key("digest"); w.string(digest) }
                w.key("lexicons_sha"); w.string(model.lexiconsSHA)
                w.key("name"); w.string(model.name)
            }
            w.key("received_at"); w.optional(receivedAt)
            w.key("repeat_count"); w.int(repeatCount)
            if let repeatOf { w.key("repeat_of"); w.array(repeatOf) { $0.string($1) } }
            if let replyTo { w.key("reply_to"); w.string(replyTo) }
            w.key("schema"); w.string(schema)
            w.key("scores")
            w.object { w in
                w.key("delivery"); w.double(scores.delivery)
                w.key("other"); w.double(scores.other)
                w.key("quality"); w.double(scores.quality)
                w.key("service"); w.double(scores.service)
            }
            w.key("secondary"); w.array(secondary) { $0.string($1.rawValue) }
            w.key("severity"); w.string(severity)
            w.key("subject"); w.optional(subject)
            w.key("text"); w.string(text)
            w.key("warnings"); w.array(warnings) { $0.string($1) }
        }
        return w.finishLine()
    }
}

extension ExtractedFields {
    fileprivate func write(_ w: inout JSONWriter) {
        func span(_ w: inout JSONWriter, _ text: String, _ start: Int, _ end: Int, _ value: String) {
            w.key("end"); w.int(end)
            w.key("start"); w.int(start)
            w.key("text"); w.string(text)
            w.key("value"); w.string(value)
        }
        w.object { w in
            w.key("amounts")
            w.array(amounts) { w, a in
                w.object { w in
                    w.key("approximate"); w.bool(a.approximate)
                    w.key("currency"); w.optional(a.currency)
                    span(&w, a.text, a.start, a.end, a.value)
                }
            }
            w.key("dates")
            w.array(dates) { w, d in
                w.object { w in
                    w.key("ambiguous"); w.bool(d.ambiguous)
                    w.key("end"); w.int(d.end)
                    w.key("receipt"); w.bool(d.receipt)
                    w.key("relative"); w.bool(d.relative)
                    w.key("start"); w.int(d.start)
                    w.key("text"); w.string(d.text)
                    w.key("value"); w.string(d.value)
                }
            }
            w.key("emails")
            w.array(emails) { w, e in w.object { w in span(&w, e.text, e.start, e.end, e.value) } }
            w.key("order_numbers")
            w.array(orderNumbers) { w, n in
                w.object { w in
                    w.key("confidence"); w.string(n.confidence)
                    span(&w, n.text, n.start, n.end, n.value)
                }
            }
            w.key("phones")
            w.array(phones) { w, p in
                w.object { w in
                    if let c = p.country { w.key("country"); w.string(c) }
                    span(&w, p.text, p.start, p.end, p.value)
                }
            }
            w.key("reference_numbers")
            w.array(referenceNumbers) { w, n in
                w.object { w in
                    w.key("kind"); w.string(n.kind)
                    span(&w, n.text, n.start, n.end, n.value)
                }
            }
            w.key("remedies"); w.array(remedies) { $0.string($1.rawValue) }
            w.key("tracking_numbers")
            w.array(trackingNumbers) { w, t in
                w.object { w in
                    if let c = t.carrier { w.key("carrier"); w.string(c) }
                    span(&w, t.text, t.start, t.end, t.value)
                }
            }
        }
    }
}
