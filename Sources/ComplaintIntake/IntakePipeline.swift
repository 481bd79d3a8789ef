import IntakeCore
import IntakeText
import IntakeLexicon
import IntakeClassify
import IntakeExtract
import IntakeInput
import Foundation

/// The stateless intake pipeline: message in, record out. Build it once and call it from any number of tasks.
///
/// ```swift
/// let pipeline = try IntakePipeline()
/// let record = try pipeline.process(Message(channel: .web, text: "快递一周了还没到，订单号DD20240305001"))
/// print(record.category, record.department, record.fields.orderNumbers)
/// ```
public struct IntakePipeline: Sendable {
    public let resources: IntakeResources
    public let extractor: FieldExtractor
    public let router: Router
    private let pool: WorkerPool

    /// A pipeline over the built-in model, lexicons and policy, or the files given.
    /// - Parameters:
    ///   - lexicons: a folder laid out like `lexicons/` whose files are added to the built-in ones.
    ///   - model: a model file from `intake train` instead of the built-in one.
    ///   - policy: a JSON or TOML policy file whose keys override the built-in policy; its `model` key names the model
    ///     file when `model` is nil.
    public init(lexicons: String? = nil, model: String? = nil, policy: String? = nil) throws(IntakeError) {
        var resources = try IntakeResources(lexiconDirectory: lexicons, modelPath: model)
        var p: Policy
        do {
            p = try Policy.builtIn(store: resources.store)
            if let policy { p = try Policy.load(path: policy, over: p) }
        } catch { throw .policy(error) }
        if model == nil, let path = p.model { resources = try resources.replacingModel(path: path) }
        try self.init(resources: resources, policy: p)
    }

    /// A pipeline over resources already loaded.
    public init(resources: IntakeResources, policy: Policy) throws(IntakeError) {
        guard resources.classifier != nil else { throw .model(.noBuiltInModel) }
        self.resources = resources
        extractor = FieldExtractor(data: resources.extraction)
        router = Router(policy: policy)
        pool = WorkerPool(resources: resources)
    }

    /// Turns one message into its intake record.
    /// - Parameters:
    ///   - reference: the day relative dates resolve against when the message has no received time (default: today).
    ///   - explain: add the features and lexicon hits behind the category.
    ///   - knownRepeats: earlier complaints of the same customer that a register found.
    /// - Throws: ``IntakeError`` when the text cannot be read (empty, too long, no letters or digits to read).
    public func process(_ message: Message, reference: Day? = nil, explain: Bool = false, knownRepeats: Int = 0) throws(IntakeError) -> IntakeRecord {
        let worker: TextWorker
        do { worker = try pool.acquire() } catch { throw .text(error) }
        defer { pool.release(worker) }
        var content = message.content ?? message.text
        if content.trimmingWhitespace().isEmpty, message.warnings.contains("no_text_part") {
            // An e-mail with no text of its own: its subject is all there is to read, and with no subject it is
            // still recorded, for triage, rather than lost.
            guard let subject = message.subject, !subject.trimmingWhitespace().isEmpty else { return unread(message) }
            content = subject
        }
        let tf: TextFeatures
        do { tf = try worker.features(of: content) } catch { throw .text(error) }
        let classifier = resources.classifier!
        let c = classifier.classify(keys: tf.keys, hits: tf.hits, language: tf.analysis.language.lexiconCode, secondaryThreshold: router.policy.secondaryThreshold)
        let now = Date()
        let received = message.receivedAt ?? now
        let referenceDay = message.receivedAt.flatMap { Day(secondsSince1970: $0.timeIntervalSince1970) }
            ?? reference ?? Day(secondsSince1970: now.timeIntervalSince1970) ?? Day(ordinal: 0)!
        let fields = extractor.extract(tf.analysis.text, language: tf.analysis.language, negationScopes: tf.negationScopes, reference: referenceDay,
                                       defaultCurrency: router.policy.defaultCurrency, defaultCountry: router.policy.defaultCountry)
        let routing = router.route(category: c.category, fields: fields, tier: message.customer.tier, received: received, referenceDay: referenceDay, knownRepeats: knownRepeats)
        var customer = message.customer
        if customer.email == nil { customer.email = fields.emails.first?.value }
        if let given = customer.phone {
            customer.phone = extractor.normalizedPhone(given, language: tf.analysis.language, defaultCountry: router.policy.defaultCountry)
        } else {
            customer.phone = fields.phones.first?.value ?? message.signature.flatMap {
                extractor.phone(inSignature: $0, language: tf.analysis.language, defaultCountry: router.policy.defaultCountry)
            }
        }
        var warnings = message.warnings + fields.warnings
        if message.receivedAt == nil { warnings.append("no_received_time") }
        // Text with no words (only emoji, digits or marks) still gets a record, but its category is a guess.
        if !tf.analysis.spans.contains(where: { $0.kind == .word || $0.kind == .ideographic || $0.kind == .hashtag }) { warnings.append("no_words") }
        if Self.hasControlCharacters(content) { warnings.append("control_characters") }
        var explanation: IntakeRecord.Explanation?
        if explain {
            explanation = .init(
                features: classifier.contributions(features: tf.features),
                lexiconHits: tf.hits.map { h in
                    let o = tf.analysis.text.originalRange(h.range)
                    return .init(term: h.entry.term, category: h.entry.category, negated: h.negated,
                                 text: tf.analysis.text.originalText(o), start: o.lowerBound, end: o.upperBound)
                },
                signals: fields.signals)
        }
        return record(message, language: tf.analysis.language, category: c.category, confidence: c.confidence, scores: c.scores,
                      secondary: c.secondary, customer: customer, fields: fields, routing: routing, warnings: warnings, explanation: explanation)
    }

    /// The record of `message` from what the stages made of it: the one place a record is put together.
    private func record(_ message: Message, language: Language, category: Category, confidence: Double, scores: [Category: Double],
                        secondary: [Category], customer: Customer, fields: ExtractedFields, routing: Router.Routing, warnings: [String],
                        explanation: IntakeRecord.Explanation?) -> IntakeRecord {
        let meta = resources.classifier!.model.metadata
        var record = IntakeRecord(
            id: message.id ?? Self.derivedID(message),
            channel: message.channel,
            receivedAt: message.receivedAt.map(Timestamp.iso),
            language: language,
            category: category,
            confidence: Self.round(confidence),
            scores: .init(quality: Self.round(scores[.quality] ?? 0), delivery: Self.round(scores[.delivery] ?? 0),
                          service: Self.round(scores[.service] ?? 0), other: Self.round(scores[.other] ?? 0)),
            secondary: secondary,
            department: routing.department,
            customer: customer,
            subject: message.subject,
            text: message.text,
            fields: fields,
            severity: routing.severity,
            escalation: routing.escalation,
            due: routing.due,
            flags: routing.flags,
            warnings: warnings,
            attachments: message.attachments,
            repeatCount: routing.repeatCount,
            model: .init(name: meta.name, corpusSHA: meta.corpusSHA, lexiconsSHA: meta.lexiconsSHA, digest: resources.modelSHA),
            explanation: explanation)
        record.replyTo = message.replyTo
        return record
    }

    /// The record of a message with nothing to read (an e-mail of attachments only): category `other`, routed to
    /// triage, no fields, with the message's warnings so that a person opens it.
    package func unread(_ message: Message) -> IntakeRecord {
        let now = Date()
        let received = message.receivedAt ?? now
        let day = message.receivedAt.flatMap { Day(secondsSince1970: $0.timeIntervalSince1970) }
        let routing = router.route(category: .other, fields: ExtractedFields(), tier: message.customer.tier, received: received, referenceDay: day, knownRepeats: 0)
        var warnings = message.warnings
        if message.receivedAt == nil { warnings.append("no_received_time") }
        let uniform = Dictionary(uniqueKeysWithValues: Category.allCases.map { ($0, 0.25) })
        return record(message, language: .unknown, category: .other, confidence: 0.25, scores: uniform, secondary: [],
                      customer: message.customer, fields: ExtractedFields(), routing: routing, warnings: warnings, explanation: nil)
    }

    /// C0 controls other than line breaks and tabs; in UTF-8 they are single bytes, so the bytes tell.
    package static func hasControlCharacters(_ text: String) -> Bool {
        var text = text
        return text.withUTF8 { u in u.contains { $0 < 0x20 && $0 != 0x0A && $0 != 0x0D && $0 != 0x09 } }
    }

    package static func round(_ x: Double) -> Double { (x * 10_000).rounded() / 10_000 }

    /// `sha256:` and the first 16 hex digits of the digest of the sender, the received time and the text: the same
    /// message always gets the same id, and two customers who write the same words get two.
    package static func derivedID(_ m: Message) -> String {
        var h = SHA256()
        h.update(fields: [m.customer.email?.lowercased(), m.customer.name, m.customer.phone, m.receivedAt.map(Timestamp.iso), m.channel.rawValue])
        h.update(m.text.utf8)
        return "sha256:" + h.hexDigest.prefix(16)
    }
}

/// Text workers (ICU handles are not thread-safe) lent to one caller at a time.
///
/// A thread gets back the worker it returned last when that one is idle: a worker's ICU buffers and tables then stay
/// in the cache of the core that thread runs on, instead of moving between cores with every message.
package final class WorkerPool: @unchecked Sendable {
    private let resources: IntakeResources
    // Guarded by `lock`.
    private var idle: [(thread: pthread_t, worker: TextWorker)] = []
    private let lock = NSLock()

    package init(resources: IntakeResources) { self.resources = resources }

    package func acquire() throws(TextError) -> TextWorker {
        let me = pthread_self()
        let w: TextWorker? = lock.withLock {
            guard !idle.isEmpty else { return nil }
            let i = idle.lastIndex { pthread_equal($0.thread, me) != 0 } ?? idle.count - 1
            return idle.remove(at: i).worker
        }
        if let w { return w }
        return try TextWorker(resources: resources)
    }

    package func release(_ w: TextWorker) { lock.withLock { idle.append((pthread_self(), w)) } }
}

extension IntakePipeline {
    /// One result of a batch: the record, or the error that kept a message from becoming one.
    public typealias BatchResult = Result<IntakeRecord, IntakeError>

    /// Processes a stream of messages on up to `concurrency` worker threads of the ``BatchEngine`` and yields one
    /// result per message, in input order. Messages go to the workers in chunks, and at most three chunks are held,
    /// so memory does not grow with the stream.
    public func records<S: AsyncSequence & Sendable>(
        for messages: S, concurrency: Int = ProcessInfo.processInfo.activeProcessorCount, reference: Day? = nil
    ) -> AsyncThrowingStream<BatchResult, any Error> where S.Element == Message {
        let pipeline = self
        let workers = max(1, concurrency)
        let chunkSize = 64 * workers
        return AsyncThrowingStream { continuation in
            let task = Task {
                let engine = BatchEngine<Message, BatchResult>(workers: workers) {
                    { message in
                        do throws(IntakeError) { return .success(try pipeline.process(message, reference: reference)) } catch { return .failure(error) }
                    }
                }
                let driver = EngineDriver(engine)
                do {
                    var pending: [Message] = []
                    for try await message in messages {
                        pending.append(message)
                        if pending.count >= chunkSize {
                            for chunk in await driver.submit(pending) { for r in chunk { continuation.yield(r) } }
                            pending.removeAll(keepingCapacity: true)
                        }
                        try Task.checkCancellation()
                    }
                    for chunk in await driver.submit(pending) + (await driver.finish()) { for r in chunk { continuation.yield(r) } }
                    continuation.finish()
                } catch {
                    _ = await driver.finish()
                    continuation.finish(throwing: error)
                }
            }
            continuation.onTermination = { _ in task.cancel() }
        }
    }
}

/// Calls a ``BatchEngine``, whose calls wait for its workers, from async code: each call waits on a thread of its own
/// instead of holding one of the few threads Swift concurrency runs tasks on.
package final class EngineDriver<Input: Sendable, Output: Sendable>: @unchecked Sendable {
    // The engine is called from one task at a time, one call after another.
    private let engine: BatchEngine<Input, Output>
    private let queue = DispatchQueue(label: "intake.batch-engine")

    package init(_ engine: BatchEngine<Input, Output>) { self.engine = engine }

    package func submit(_ inputs: [Input]) async -> [[Output]] {
        await withCheckedContinuation { c in queue.async { c.resume(returning: self.engine.submit(inputs)) } }
    }

    package func finish() async -> [[Output]] {
        await withCheckedContinuation { c in queue.async { c.resume(returning: self.engine.finish()) } }
    }
}
