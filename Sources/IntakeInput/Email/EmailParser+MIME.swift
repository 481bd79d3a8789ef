import Foundation
import IntakeCore
import IntakeText

/// The MIME tree (RFC 2045-2046): multipart bodies, boundaries (and the one a body really uses), message/rfc822 forwards, transfer encodings.
extension EmailParser {
    func walk(headers: [Header], body: ArraySlice<UInt8>, depth: Int, state: inout WalkState, warnings: inout [String]) {
        state.parts += 1
        guard state.parts <= limits.maxParts else {
            if !warnings.contains("too_many_parts") { warnings.append("too_many_parts") }
            return
        }
        let (type, params) = Self.parameters(headers.first { $0.name == "content-type" }?.value ?? "text/plain")
        let (disposition, dparams) = Self.parameters(headers.first { $0.name == "content-disposition" }?.value ?? "")
        let encoding = headers.first { $0.name == "content-transfer-encoding" }?.value.lowercased().trimmingSpaces() ?? "7bit"
        if type.hasPrefix("multipart/") {
            guard depth < limits.maxDepth else {
                if !warnings.contains("mime_too_deep") { warnings.append("mime_too_deep") }
                return
            }
            guard let boundary = params["boundary"], !boundary.isEmpty else {
                warnings.append("multipart_without_boundary")
                return
            }
            var parts = Self.split(body, boundary: boundary)
            if parts.isEmpty {
                // The boundary named in the header never occurs: look for the one the body uses, else read it whole.
                if let found = Self.boundaryInBody(body), found != boundary {
                    parts = Self.split(body, boundary: found)
                    warnings.append("multipart_boundary_mismatch")
                }
                if parts.isEmpty {
                    warnings.append("multipart_boundary_not_found")
                    walk(headers: [Header(name: "content-type", value: "text/plain")], body: body, depth: depth + 1, state: &state, warnings: &warnings)
                    return
                }
            }
            for part in parts {
                var w: [String] = []
                let (h, start) = Self.headers(part, limits: limits, warnings: &w)
                warnings += w
                walk(headers: h, body: part[start...], depth: depth + 1, state: &state, warnings: &warnings)
            }
            return
        }
        var filename = dparams["filename"] ?? params["name"]
        if let f = filename { filename = Self.decodeWords(f, warnings: &warnings) }
        if type == "message/rfc822" {
            state.attachments.append(filename ?? "(forwarded message)")
            if state.forwarded == nil, depth < limits.maxDepth {
                state.forwarded = Self.transferDecoded(body, encoding: encoding, warnings: &warnings)[...]
            }
            return
        }
        let isText = type == "text/plain" || type == "text/html" || type.isEmpty
        if disposition == "attachment" || !isText || (filename != nil && disposition != "inline") {
            state.attachments.append(filename ?? "(unnamed \(type))")
            return
        }
        let raw = Self.transferDecoded(body, encoding: encoding, warnings: &warnings)
        let text = Self.decodeCharset(raw, charset: params["charset"], warnings: &warnings)
        if type == "text/html" { if state.html == nil { state.html = text } }
        else if state.plain == nil { state.plain = text }
    }

    package static func transferDecoded(_ body: ArraySlice<UInt8>, encoding: String, warnings: inout [String]) -> [UInt8] {
        switch encoding {
        case "base64":
            let (bytes, clean) = Base64.decode(body)
            if !clean { warnings.append("base64_invalid") }
            return bytes
        case "quoted-printable": return QuotedPrintable.decode(body)
        default: return Array(body)
        }
    }

    /// The boundary a body really uses: the first `--token` line followed by a header line.
    package static func boundaryInBody(_ body: ArraySlice<UInt8>) -> String? {
        var lines = body.split(separator: 0x0A, omittingEmptySubsequences: false).makeIterator()
        var previous: String?
        var checked = 0
        while let raw = lines.next(), checked < 10_000 {
            checked += 1
            let line = String(decoding: raw, as: UTF8.self).trimmingWhitespace()
            if let p = previous, line.contains(":"), !line.hasPrefix(" ") {
                return p
            }
            previous = nil
            if line.hasPrefix("--"), line.count > 2, line.count <= 72, !line.contains(" ") {
                var b = String(line.dropFirst(2))
                if b.hasSuffix("--") { b = String(b.dropLast(2)) }
                if !b.isEmpty { previous = b }
            }
        }
        return nil
    }

    /// The parts between `--boundary` lines.
    package static func split(_ body: ArraySlice<UInt8>, boundary: String) -> [ArraySlice<UInt8>] {
        let delimiter = Array(("--" + boundary).utf8)
        var parts: [ArraySlice<UInt8>] = []
        var start: Int?
        var i = body.startIndex
        while i < body.endIndex {
            let end = body[i...].firstIndex(of: 0x0A) ?? body.endIndex
            var line = body[i..<end]
            if line.last == 0x0D { line = line.dropLast() }
            while line.last == 0x20 || line.last == 0x09 { line = line.dropLast() }
            if line.starts(with: delimiter) {
                let rest = line.dropFirst(delimiter.count)
                if let s = start {
                    var partEnd = i
                    // The line break before a boundary belongs to the boundary.
                    if partEnd > s, body[partEnd - 1] == 0x0A { partEnd -= 1 }
                    if partEnd > s, body[partEnd - 1] == 0x0D { partEnd -= 1 }
                    parts.append(body[s..<max(s, partEnd)])
                }
                if rest.starts(with: [0x2D, 0x2D]) { return parts }
                start = end < body.endIndex ? end + 1 : body.endIndex
            }
            i = end < body.endIndex ? end + 1 : body.endIndex
        }
        if let s = start, s < body.endIndex { parts.append(body[s...]) }
        return parts
    }
}
