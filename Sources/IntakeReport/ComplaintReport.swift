/// The analysis report (schema `complaint-report/1`): the JSON contract that the CSV tables and the HTML page are
/// drawn from. Keys are added, never renamed.
public struct ComplaintReport: Sendable, Equatable, Codable {
    /// One week or month: its complaints by category, and the change against the period before.
    public struct PeriodRow: Sendable, Equatable, Codable {
        /// The first day of the period (`2024-03-04`, a Monday; `2024-03-01` for a month).
        public var period: String
        /// `2024-W10` or `2024-03`.
        public var label: String
        public var total: Int
        /// All four categories, zeros included.
        public var byCategory: [String: Int]
        /// `total` minus the previous period's (nil for the first period).
        public var change: Int?
        /// The change as a fraction of the previous period's total (nil when that was 0, or for the first period).
        public var changeRatio: Double?

        enum CodingKeys: String, CodingKey { case period, label, total, byCategory = "by_category", change, changeRatio = "change_ratio" }
    }

    /// A term or signal and the number of complaints carrying it.
    public struct Count: Sendable, Equatable, Codable {
        public var value: String
        public var count: Int
    }

    /// Where the complaints of one category concentrate.
    public struct Concentration: Sendable, Equatable, Codable {
        /// The lexicon terms found most often, most first.
        public var terms: [Count]
        /// The flags (signals such as `safety`, `regulator_threat`; `repeat_complaint`) found most often.
        public var signals: [Count]
    }

    /// A customer with more than one complaint in the period; the key is masked (`em***@example.cn`, `+86***5678`).
    public struct RepeatCustomer: Sendable, Equatable, Codable {
        public var customer: String
        public var complaints: Int
        public var maxEscalationLevel: Int
        public var maxRepeatCount: Int
        /// The id of the latest complaint, for `intake case`.
        public var lastComplaint: String
        public var lastReceivedAt: String

        enum CodingKeys: String, CodingKey {
            case customer, complaints, maxEscalationLevel = "max_escalation_level", maxRepeatCount = "max_repeat_count",
                 lastComplaint = "last_complaint", lastReceivedAt = "last_received_at"
        }
    }

    /// The customers who complained more than once, and how far up the escalation ladder they went.
    public struct RepeatCustomers: Sendable, Equatable, Codable {
        public var customers: Int
        public var complaints: Int
        /// Repeat customers by the highest escalation level reached, `"0"` to `"3"`.
        public var byEscalationLevel: [String: Int]
        public var top: [RepeatCustomer]

        enum CodingKeys: String, CodingKey { case customers, complaints, byEscalationLevel = "by_escalation_level", top }
    }

    /// How one department did at one step, timed from the received time.
    public struct Stage: Sendable, Equatable, Codable {
        public var reached: Int
        public var medianHours: Double?
        public var p90Hours: Double?
        /// The policy's deadline for the step, in hours from receipt (nil for `closed`).
        public var deadlineHours: Double?
        /// Cases that reached the step by their record's deadline, and their share of those that reached it.
        public var withinDeadline: Int?
        public var shareWithinDeadline: Double?

        enum CodingKeys: String, CodingKey {
            case reached, medianHours = "median_hours", p90Hours = "p90_hours", deadlineHours = "deadline_hours",
                 withinDeadline = "within_deadline", shareWithinDeadline = "share_within_deadline"
        }
    }

    /// One department's handling: its complaints in the period, its cases overdue at `at`, and each step.
    public struct Handling: Sendable, Equatable, Codable {
        public var complaints: Int
        public var overdue: Int
        public var investigating: Stage
        public var responded: Stage
        public var followedUp: Stage
        public var closed: Stage

        enum CodingKeys: String, CodingKey { case complaints, overdue, investigating, responded, followedUp = "followed_up", closed }
    }

    /// One remedy: how many asked for it (from the text), were given it (from the cases), and both.
    public struct RemedyRow: Sendable, Equatable, Codable {
        public var remedy: String
        public var asked: Int
        public var given: Int
        public var askedAndGiven: Int

        enum CodingKeys: String, CodingKey { case remedy, asked, given, askedAndGiven = "asked_and_given" }
    }

    /// A mean satisfaction and the number of answers behind it (mean nil without answers).
    public struct Mean: Sendable, Equatable, Codable {
        public var responses: Int
        public var mean: Double?
    }

    /// The customers' feedback (1 to 5).
    public struct Satisfaction: Sendable, Equatable, Codable {
        public var responses: Int
        public var mean: Double?
        /// Answers per score, `"1"` to `"5"`.
        public var distribution: [String: Int]
        /// Per remedy given (a case given two remedies counts for both).
        public var byRemedy: [String: Mean]
        /// Cases that reached every step by its deadline, and cases that reached a step late.
        public var withinDeadlines: Mean
        public var late: Mean

        enum CodingKeys: String, CodingKey {
            case responses, mean, distribution, byRemedy = "by_remedy", withinDeadlines = "within_deadlines", late
        }
    }

    public var schema = "complaint-report/1"
    /// The first and last day or time included, as given (nil: unbounded).
    public var from: String?
    public var to: String?
    /// The time overdue cases are measured at.
    public var at: String
    /// `week` or `month`: whether the periods are under `by_week` or `by_month`.
    public var by: PeriodGrain
    public var total: Int
    public var byCategory: [String: Int]
    public var byDepartment: [String: Int]
    public var byLanguage: [String: Int]
    public var byChannel: [String: Int]
    public var bySeverity: [String: Int]
    /// Department → category → count.
    public var byDepartmentCategory: [String: [String: Int]]
    /// In time order, empty periods included.
    public var periods: [PeriodRow]
    /// Category → its top terms and signals.
    public var concentration: [String: Concentration]
    public var repeatCustomers: RepeatCustomers
    /// Cases overdue at `at`: the number `intake due --overdue --at` lists (the whole register, whatever the period).
    public var overdue: Int
    /// Department → its handling.
    public var handling: [String: Handling]
    public var remedies: [RemedyRow]
    public var satisfaction: Satisfaction

    enum CodingKeys: String, CodingKey {
        case schema, from, to, at, by, total, byCategory = "by_category", byDepartment = "by_department", byLanguage = "by_language",
             byChannel = "by_channel", bySeverity = "by_severity", byDepartmentCategory = "by_department_category",
             byWeek = "by_week", byMonth = "by_month", concentration, repeatCustomers = "repeat_customers", overdue, handling,
             remedies, satisfaction
    }

    public init(from: String?, to: String?, at: String, by: PeriodGrain, total: Int, byCategory: [String: Int], byDepartment: [String: Int],
                byLanguage: [String: Int], byChannel: [String: Int], bySeverity: [String: Int], byDepartmentCategory: [String: [String: Int]],
                periods: [PeriodRow], concentration: [String: Concentration], repeatCustomers: RepeatCustomers, overdue: Int,
                handling: [String: Handling], remedies: [RemedyRow], satisfaction: Satisfaction) {
        self.from = from
        self.to = to
        self.at = at
        self.by = by
        self.total = total
        self.byCategory = byCategory
        self.byDepartment = byDepartment
        self.byLanguage = byLanguage
        self.byChannel = byChannel
        self.bySeverity = bySeverity
        self.byDepartmentCategory = byDepartmentCategory
        self.periods = periods
        self.concentration = concentration
        self.repeatCustomers = repeatCustomers
        self.overdue = overdue
        self.handling = handling
        self.remedies = remedies
        self.satisfaction = satisfaction
    }

    public init(from decoder: any Decoder) throws {
        let c = try decoder.container(keyedBy: CodingKeys.self)
        schema = try c.decode(String.self, forKey: .schema)
        from = try c.decodeIfPresent(String.self, forKey: .from)
        to = try c.decodeIfPresent(String.self, forKey: .to)
        at = try c.decode(String.self, forKey: .at)
        by = try c.decode(PeriodGrain.self, forKey: .by)
        total = try c.decode(Int.self, forKey: .total)
        byCategory = try c.decode([String: Int].self, forKey: .byCategory)
        byDepartment = try c.decode([String: Int].self, forKey: .byDepartment)
        byLanguage = try c.decode([String: Int].self, forKey: .byLanguage)
        byChannel = try c.decode([String: Int].self, forKey: .byChannel)
        bySeverity = try c.decode([String: Int].self, forKey: .bySeverity)
        byDepartmentCategory = try c.decode([String: [String: Int]].self, forKey: .byDepartmentCategory)
        periods = try c.decode([PeriodRow].self, forKey: by == .week ? .byWeek : .byMonth)
        concentration = try c.decode([String: Concentration].self, forKey: .concentration)
        repeatCustomers = try c.decode(RepeatCustomers.self, forKey: .repeatCustomers)
        overdue = try c.decode(Int.self, forKey: .overdue)
        handling = try c.decode([String: Handling].self, forKey: .handling)
        remedies = try c.decode([RemedyRow].self, forKey: .remedies)
        satisfaction = try c.decode(Satisfaction.self, forKey: .satisfaction)
    }

    public func encode(to encoder: any Encoder) throws {
        var c = encoder.container(keyedBy: CodingKeys.self)
        try c.encode(schema, forKey: .schema)
        try c.encode(from, forKey: .from)
        try c.encode(to, forKey: .to)
        try c.encode(at, forKey: .at)
        try c.encode(by, forKey: .by)
        try c.encode(total, forKey: .total)
        try c.encode(byCategory, forKey: .byCategory)
        try c.encode(byDepartment, forKey: .byDepartment)
        try c.encode(byLanguage, forKey: .byLanguage)
        try c.encode(byChannel, forKey: .byChannel)
        try c.encode(bySeverity, forKey: .bySeverity)
        try c.encode(byDepartmentCategory, forKey: .byDepartmentCategory)
        try c.encode(periods, forKey: by == .week ? .byWeek : .byMonth)
        try c.encode(concentration, forKey: .concentration)
        try c.encode(repeatCustomers, forKey: .repeatCustomers)
        try c.encode(overdue, forKey: .overdue)
        try c.encode(handling, forKey: .handling)
        try c.encode(remedies, forKey: .remedies)
        try c.encode(satisfaction, forKey: .satisfaction)
    }
}
