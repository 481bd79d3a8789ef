import ComplaintIntake
import ComplaintRegister
import Foundation
import IntakeReport

/// What the routes share: the pipeline, the register, the token, the limits and the metrics. Built once at start-up,
/// so that a bad model, policy, register or token file stops the service before it listens.
struct IntakeService: Sendable {
    let settings: ServerSettings
    let pipeline: IntakePipeline
    let register: ComplaintRegister?
    let token: String?
    let metrics = ServerMetrics()
    let requests: AdmissionLimiter
    let batches: AdmissionLimiter
    let parser = BatchLineParser()
    let reports: ReportPages

    init(settings: ServerSettings) throws(StartError) {
        self.settings = settings
        do { pipeline = try IntakePipeline(lexicons: settings.lexicons, model: settings.model, policy: settings.policy) } catch {
            throw .pipeline(error)
        }
        if let db = settings.db {
            do { register = try ComplaintRegister(path: db, repeatWindowDays: pipeline.router.policy.repeatWindowDays) } catch {
                throw .register(error)
            }
        } else {
            register = nil
        }
        reports = try ReportPages(policy: pipeline.router.policy, lexicons: settings.lexicons)
        token = try settings.tokenFile.map(Self.readToken)
        requests = AdmissionLimiter(capacity: settings.maxConcurrentRequests, patience: settings.queueTimeout)
        batches = AdmissionLimiter(capacity: settings.maxConcurrentBatches, patience: settings.queueTimeout)
    }

    /// The token is the file's first line, without surrounding white space: editors and `echo` add a line break.
    static func readToken(_ path: String) throws(StartError) -> String {
        guard let data = FileManager.default.contents(atPath: path), let text = String(data: data, encoding: .utf8) else {
            throw .tokenFile(path: path, reason: "it cannot be read as UTF-8 text")
        }
        let token = text.split(whereSeparator: \.isNewline).first.map { $0.trimmingCharacters(in: .whitespaces) } ?? ""
        guard token.count >= 16 else { throw .tokenFile(path: path, reason: "its first line must hold a token of at least 16 characters") }
        return token
    }

    /// The record of one message, stored when there is a register: repeats raise its escalation and the same message
    /// again comes back as the stored record with `duplicate: true`, as `intake text --db` reports them.
    func record(_ message: Message) throws -> IntakeRecord {
        let record: IntakeRecord
        if let register {
            record = try register.ingest(message, with: pipeline).record
        } else {
            record = try pipeline.process(message)
        }
        metrics.record(category: record.category, language: record.language)
        return record
    }

    func requireRegister() throws(APIError) -> ComplaintRegister {
        guard let register else { throw .noRegister }
        return register
    }

    /// Closes the register once no request is left.
    func close() throws(RegisterError) { try register?.close() }
}

/// Why the service cannot start; each message says what to change.
public enum StartError: Error, Sendable, CustomStringConvertible {
    case pipeline(IntakeError)
    case register(RegisterError)
    case tokenFile(path: String, reason: String)
    case report(ReportError)
    case resource(String)

    public var description: String {
        switch self {
        case .pipeline(let e): "\(e.code): \(e.description)"
        case .register(let e): "\(e.code): \(e.description)"
        case .tokenFile(let path, let reason): "the token file \(path) cannot be used: \(reason)"
        case .report(let e): "the report's data cannot be used: \(e.description)"
        case .resource(let m): m
        }
    }
}
