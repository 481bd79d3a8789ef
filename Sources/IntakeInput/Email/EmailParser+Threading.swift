import IntakeCore

extension EmailParser {
    /// The message ids a message answers, nearest first: `In-Reply-To`, then `References` from its last id (the
    /// message answered) back to its first (the thread's start), each once, without angle brackets.
    package static func threadReferences(_ headers: [Header]) -> [String] {
        var out: [String] = []
        var seen = Set<String>()
        let inReplyTo = headers.filter { $0.name == "in-reply-to" }.flatMap { messageIDs($0.value) }
        let references = headers.filter { $0.name == "references" }.flatMap { messageIDs($0.value) }
        for id in inReplyTo + references.reversed() where seen.insert(id).inserted { out.append(id) }
        return out
    }

    /// The `<id>` tokens of a header value (RFC 5322 msg-id), in order. Mail clients fold long References headers
    /// and some write ids without brackets; a bare value with an `@` and no spaces is taken as one id.
    package static func messageIDs(_ value: String) -> [String] {
        var ids: [String] = []
        var rest = Substring(value)
        while let open = rest.firstIndex(of: "<") {
            guard let close = rest[open...].firstIndex(of: ">") else { break }
            let id = rest[rest.index(after: open)..<close].trimmingSpaces()
            if !id.isEmpty, !id.contains(" ") { ids.append(id) }
            rest = rest[rest.index(after: close)...]
        }
        if ids.isEmpty {
            let bare = value.trimmingSpaces()
            if bare.contains("@"), !bare.contains(where: { $0 == " " || $0 == "\t" }) { ids.append(bare) }
        }
        return ids
    }
}
