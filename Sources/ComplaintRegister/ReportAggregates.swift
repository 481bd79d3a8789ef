/// The counts the register gives a report, aggregated in SQL over a period of received times. Plain values: the
/// report target turns them into tables, periods and charts.
public enum ReportAggregates {
    /// Complaints received in a period: `from` inclusive, `until` exclusive, both ISO 8601 in UTC (nil: unbounded).
    public struct Period: Sendable, Equatable {
        public var from: String?
        public var until: String?

        public init(from: String? = nil, until: String? = nil) {
            self.from = from
            self.until = until
        }
    }

    /// How many complaints of one kind were received on one day (UTC).
    public struct VolumeCell: Sendable, Equatable {
        /// `YYYY-MM-DD`.
        public var day: String
        public var category: String
        public var department: String
        public var language: String
        public var channel: String
        public var severity: String
        public var count: Int
    }

    /// How many complaints of a category carry a lexicon term (`kind` `term`) or a flag (`kind` `signal`).
    public struct FacetCount: Sendable, Equatable {
        public var kind: String
        public var category: String
        public var value: String
        public var count: Int
    }

    /// A customer with more than one complaint in the period.
    public struct RepeatCustomer: Sendable, Equatable {
        /// `email:…`, `phone:…` or `order:…`, as the register recognizes the customer.
        public var key: String
        public var complaints: Int
        /// The highest escalation level any of the customer's complaints reached (0 to 3).
        public var maxEscalationLevel: Int
        /// The highest repeat count a record of the customer's gave (the register counts across the repeat window).
        public var maxRepeatCount: Int
        /// The id and received time of the latest of the customer's complaints.
        public var lastComplaint: String
        public var lastReceivedAt: String
    }

    /// The repeat customers of a period.
    public struct RepeatCustomers: Sendable, Equatable {
        public var customers: Int
        public var complaints: Int
        /// Repeat customers by the highest escalation level they reached.
        public var customersByLevel: [Int: Int]
        /// The customers with the most complaints, most first.
        public var top: [RepeatCustomer]
    }

    /// The steps a case takes after it is received, each timed from the received time.
    public enum Stage: String, Sendable, CaseIterable, Codable {
        case investigating, responded, followedUp = "followed_up", closed

        var order: Int { Self.allCases.firstIndex(of: self) ?? 0 }

        /// The record's deadline for the step (`closed` has none).
        public var deadlineKey: String? {
            switch self {
            case .investigating: "investigate_by"
            case .responded: "respond_by"
            case .followedUp: "follow_up_by"
            case .closed: nil
            }
        }
    }

    /// How long one department took to reach one step.
    public struct StageTimes: Sendable, Equatable {
        public var department: String
        public var stage: Stage
        /// Cases that reached the step.
        public var reached: Int
        /// Median and 90th percentile, in minutes from the received time (nearest rank).
        public var medianMinutes: Int
        public var p90Minutes: Int
        /// Cases that reached the step by the record's deadline for it (nil for `closed`).
        public var withinDeadline: Int?
    }

    /// Complaints alike in what was asked, what was given, the feedback and whether they were handled in time.
    public struct OutcomeCell: Sendable, Equatable {
        /// Remedies asked for in the text.
        public var asked: [String]
        /// Remedies given (`intake case --remedy`).
        public var given: [String]
        /// The latest satisfaction, 1 to 5.
        public var satisfaction: Int?
        /// True when any step the case reached was reached after its deadline.
        public var late: Bool
        public var count: Int
    }
}
