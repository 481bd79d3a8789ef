/// Where a complaint stands in the procedure: investigate, respond with a plan, follow up, close.
public enum CaseStatus: String, Sendable, Codable, CaseIterable {
    case open, investigating, responded, followedUp = "followed_up", closed

    /// The statuses a case may move to from this one. A case can be closed early (withdrawn, solved on the spot),
    /// but never reopened or moved backwards.
    public var next: [CaseStatus] {
        switch self {
        case .open: [.investigating, .closed]
        case .investigating: [.responded, .closed]
        case .responded: [.followedUp, .closed]
        case .followedUp: [.closed]
        case .closed: []
        }
    }

    /// The deadline of the record that the case must meet next, as a key of `due`.
    var deadlineKey: String? {
        switch self {
        case .open: "investigate_by"
        case .investigating: "respond_by"
        case .responded, .followedUp: "follow_up_by"
        case .closed: nil
        }
    }
}
