import IntakeCore
import IntakeText
import IntakeLexicon
import Foundation

/// A trained multinomial naive Bayes model in its compact binary form, read in place without parsing.
///
/// Layout (little-endian): `CIMODEL2`, the metadata length and JSON (padded to 8 bytes), the feature count, table
/// size and pool length, the class log priors, then an open-addressing hash table of entry numbers (each with 12
/// more bits of the hash, so that most probes for an unknown feature end in the table), the entries
/// (the FNV-1a hash of the feature string, one log-likelihood per class, the string's length and pool offset:
/// 32 bytes, half a cache line) and the string pool. Loading checks the layout once; a lookup hashes the
/// feature, probes the table and compares the stored hash and length, so the built-in model is ready in
/// microseconds and a lookup touches the table and one entry.
public struct NaiveBayesModel: Sendable {
    /// What the model was trained on and with.
    public struct Metadata: Codable, Sendable, Equatable {
        public var name: String
        public var corpusSHA: String
        public var lexiconsSHA: String
        public var alpha: Double
        public var priorStrength: Double
        public var temperature: Double
        public var documents: Int
        public var minDocumentFrequency: Int
        /// λ: each keyword-lexicon hit adds λ × its weight to its category's log score, beside the words' likelihoods.
        public var lexiconWeight: Double
        /// The features the model reads (``FeatureExtractor``): `words-v2`, stop words out and no lexicon features.
        public var features: String
        /// For a desk model (`intake train --add`): the labels added to the corpus and how much each counted.
        public var desk: Desk?

        /// What a desk added to the corpus.
        public struct Desk: Codable, Sendable, Equatable {
            /// How many labels were added.
            public var labels: Int
            /// How many corpus texts each label counted as.
            public var weight: Double
            /// SHA-256 of the label files, in the order given.
            public var labelsSHA: String
            /// Whether the lexicon terms found in a text are features too (`t:term`), learned from the labels alone: a
            /// term the desk's labels put in another category than its lexicon's then speaks for that one as well.
            public var termFeatures: Bool
            /// Whether the class prior is the labels' category mix instead of uniform.
            public var deskPrior: Bool
            /// The desk's correction of the scores, per language (`zh`, `es`), where the labels showed one that helps.
            public var calibration: [String: DeskCalibration]?

            public init(labels: Int, weight: Double, labelsSHA: String, termFeatures: Bool = false, deskPrior: Bool = false,
                        calibration: [String: DeskCalibration]? = nil) {
                self.labels = labels
                self.weight = weight
                self.labelsSHA = labelsSHA
                self.termFeatures = termFeatures
                self.deskPrior = deskPrior
                self.calibration = calibration
            }

            package enum CodingKeys: String, CodingKey {
                case labels, weight, labelsSHA = "labels_sha", termFeatures = "term_features", deskPrior = "desk_prior", calibration
            }
        }

        public init(name: String, corpusSHA: String, lexiconsSHA: String, alpha: Double, priorStrength: Double, temperature: Double,
                    documents: Int, minDocumentFrequency: Int, lexiconWeight: Double = 0, features: String = FeatureExtractor.version) {
            self.name = name
            self.corpusSHA = corpusSHA
            self.lexiconsSHA = lexiconsSHA
            self.alpha = alpha
            self.priorStrength = priorStrength
            self.temperature = temperature
            self.documents = documents
            self.minDocumentFrequency = minDocumentFrequency
            self.lexiconWeight = lexiconWeight
            self.features = features
        }

        public init(from decoder: any Decoder) throws {
            let c = try decoder.container(keyedBy: CodingKeys.self)
            name = try c.decode(String.self, forKey: .name)
            corpusSHA = try c.decode(String.self, forKey: .corpusSHA)
            lexiconsSHA = try c.decode(String.self, forKey: .lexiconsSHA)
            alpha = try c.decode(Double.self, forKey: .alpha)
            priorStrength = try c.decode(Double.self, forKey: .priorStrength)
            temperature = try c.decode(Double.self, forKey: .temperature)
            documents = try c.decode(Int.self, forKey: .documents)
            minDocumentFrequency = try c.decode(Int.self, forKey: .minDocumentFrequency)
            lexiconWeight = try c.decodeIfPresent(Double.self, forKey: .lexiconWeight) ?? 0
            features = try c.decodeIfPresent(String.self, forKey: .features) ?? "words-v1"
            desk = try c.decodeIfPresent(Desk.self, forKey: .desk)
        }

        package enum CodingKeys: String, CodingKey {
            case name, alpha, temperature, documents
            case corpusSHA = "corpus_sha", lexiconsSHA = "lexicons_sha", priorStrength = "prior_strength"
            case minDocumentFrequency = "min_document_frequency", lexiconWeight = "lexicon_weight", features, desk
        }
    }

    public let metadata: Metadata
    package let storage: ModelBytes
    private let priorsOffset: Int
    private let entriesOffset: Int
    private let tableOffset: Int
    private let tableMask: Int
    private let poolOffset: Int
    public let featureCount: Int

    package static let magic = Array("CIMODEL2".utf8)
    /// The first version, whose entries held no hash: read by nothing now, named in the error.
    package static let magicVersion1 = Array("CIMODEL1".utf8)
    package static let classes = Category.allCases.count
    package static let entrySize = 32

    /// Reads a model from its bytes; throws when they are not a model of this version.
    public init(bytes: ModelBytes) throws(ModelError) {
        storage = bytes
        let b = bytes
        guard b.count >= 16, (0..<8).allSatisfy({ b[$0] == Self.magic[$0] }) else {
            throw b.count >= 8 && (0..<8).allSatisfy({ b[$0] == Self.magicVersion1[$0] }) ? .olderVersion : .notAModel
        }
        let metaLength = Int(b.u32(8))
        guard 12 + metaLength <= b.count else { throw .truncated }
        do {
            metadata = try JSONDecoder().decode(Metadata.self, from: Data(b.slice(12, metaLength)))
        } catch {
            throw .badMetadata(String(describing: error))
        }
        if let bad = metadata.desk?.calibration?.first(where: { !$0.value.isWellFormed }) {
            throw .badMetadata("the desk calibration for \(bad.key) needs 16 finite weights and 4 finite biases")
        }
        var p = (12 + metaLength + 7) & ~7
        guard p + 16 <= b.count else { throw .truncated }
        featureCount = Int(b.u32(p))
        let tableSize = Int(b.u32(p + 4))
        let poolLength = Int(b.u32(p + 8))
        p += 16
        priorsOffset = p
        p += 4 * Self.classes
        tableOffset = p
        p += 4 * tableSize
        entriesOffset = p
        p += featureCount * Self.entrySize
        poolOffset = p
        guard tableSize > 0, tableSize & (tableSize - 1) == 0, tableSize > featureCount, p + poolLength == b.count else {
            throw .truncated
        }
        tableMask = tableSize - 1
    }

    /// The log priors as the four starting scores.
    package var priors: (Double, Double, Double, Double) {
        (Double(storage.f32(priorsOffset)), Double(storage.f32(priorsOffset + 4)), Double(storage.f32(priorsOffset + 8)),
         Double(storage.f32(priorsOffset + 12)))
    }

    /// Log prior of each category, in ``Category/allCases`` order.
    public var logPriors: [Double] { (0..<Self.classes).map { Double(storage.f32(priorsOffset + 4 * $0)) } }

    /// The log-likelihoods of a feature per category, or nil for a feature the model does not know.
    public func logLikelihoods(_ feature: String) -> [Double]? { logLikelihoods(FeatureKey(feature)) }

    /// The log-likelihoods of a feature by its key, or nil for a feature the model does not know.
    public func logLikelihoods(_ key: FeatureKey) -> [Double]? {
        guard let base = entryOffset(key) else { return nil }
        return (0..<Self.classes).map { Double(storage.f32(base + 8 + 4 * $0)) }
    }

    /// Adds the log-likelihoods of `key` to `scores` (one per category); a feature the model does not know adds nothing.
    @inline(__always)
    package func accumulate(_ key: FeatureKey, into scores: inout (Double, Double, Double, Double)) {
        guard let base = entryOffset(key) else { return }
        scores.0 += Double(storage.f32(base + 8))
        scores.1 += Double(storage.f32(base + 12))
        scores.2 += Double(storage.f32(base + 16))
        scores.3 += Double(storage.f32(base + 20))
    }

    /// Where the feature's entry starts. A table slot holds the entry number and 12 more bits of the hash, so a
    /// probe reads an entry only when those bits agree; the entry's hash and length then settle it. No feature
    /// string is built or hashed again.
    private func entryOffset(_ key: FeatureKey) -> Int? {
        var slot = Int(truncatingIfNeeded: key.hash) & tableMask
        let tag = Self.tag(key.hash)
        // At most one pass over the table: a damaged file with no empty slot ends in a miss, not a loop.
        for _ in 0...tableMask {
            let v = storage.u32(tableOffset + 4 * slot)
            if v == 0 { return nil }
            // A damaged file's entry number past the entries is a miss, not a read outside the model.
            if v >> Self.indexBits == tag, case let e = Int(v & Self.indexMask) - 1, e < featureCount {
                let base = entriesOffset + e * Self.entrySize
                if storage.u64(base) == key.hash, Int(storage.u32(base + 24)) == key.length { return base }
            }
            slot = (slot + 1) & tableMask
        }
        return nil
    }

    package static let indexBits: UInt32 = 20
    package static let indexMask: UInt32 = 1 << indexBits - 1
    /// The most features a model holds: entry numbers fill 20 bits of a slot.
    public static let maxFeatures = Int(indexMask) - 1
    @inline(__always)
    package static func tag(_ hash: UInt64) -> UInt32 { UInt32(truncatingIfNeeded: hash >> (64 - 12)) }

    /// Every feature with its log-likelihoods (for inspection and tests).
    public func allFeatures() -> [(String, [Double])] {
        (0..<featureCount).map { e in
            let base = entriesOffset + e * Self.entrySize
            let length = Int(storage.u32(base + 24)), offset = Int(storage.u32(base + 28))
            let name = String(decoding: storage.slice(poolOffset + offset, length), as: UTF8.self)
            return (name, (0..<Self.classes).map { Double(storage.f32(base + 8 + 4 * $0)) })
        }
    }

    /// Serializes a model.
    public static func encode(metadata: Metadata, logPriors: [Double], features: [(String, [Double])]) throws -> [UInt8] {
        guard features.count <= maxFeatures else { throw ModelError.tooManyFeatures(features.count) }
        var out = magic
        let meta = try JSONEncoder.sorted.encode(metadata)
        out.appendU32(UInt32(meta.count))
        out.append(contentsOf: meta)
        while out.count % 8 != 0 { out.append(0) }
        var tableSize = 16
        // A load of at most 0.6: a miss still ends after a probe or two, and the table costs less than twice its entries.
        while tableSize * 3 < features.count * 5 { tableSize *= 2 }
        var pool: [UInt8] = []
        var entries: [UInt8] = []
        var table = [UInt32](repeating: 0, count: tableSize)
        for (i, (name, logps)) in features.enumerated() {
            let bytes = Array(name.utf8)
            let hash = bytes.withUnsafeBufferPointer { FNV.hash($0) }
            entries.appendU32(UInt32(truncatingIfNeeded: hash))
            entries.appendU32(UInt32(truncatingIfNeeded: hash >> 32))
            for v in logps { entries.appendF32(Float(v)) }
            entries.appendU32(UInt32(bytes.count))
            entries.appendU32(UInt32(pool.count))
            var slot = Int(truncatingIfNeeded: hash) & (tableSize - 1)
            while table[slot] != 0 { slot = (slot + 1) & (tableSize - 1) }
            table[slot] = tag(hash) << indexBits | UInt32(i + 1)
            pool.append(contentsOf: bytes)
        }
        out.appendU32(UInt32(features.count))
        out.appendU32(UInt32(tableSize))
        out.appendU32(UInt32(pool.count))
        out.appendU32(0)
        for v in logPriors { out.appendF32(Float(v)) }
        for v in table { out.appendU32(v) }
        out.append(contentsOf: entries)
        out.append(contentsOf: pool)
        return out
    }
}

/// Why a model file could not be used.
public enum ModelError: Error, Sendable, Equatable, CustomStringConvertible {
    case notAModel
    /// A model written by an earlier version of intake, in a layout this one no longer reads.
    case olderVersion
    /// More features than a model file can number (see ``NaiveBayesModel/maxFeatures``).
    case tooManyFeatures(Int)
    case truncated
    case badMetadata(String)
    case unreadable(path: String)
    case noBuiltInModel

    public var description: String {
        switch self {
        case .notAModel: "not a ComplaintIntake model file (it does not start with CIMODEL2); make one with `intake train`"
        case .tooManyFeatures(let n): "\(n) features are more than a model holds (\(NaiveBayesModel.maxFeatures)); train with a higher minimum document frequency"
        case .olderVersion: "the model file was written by an earlier version of intake (CIMODEL1); train it again with `intake train`"
        case .truncated: "the model file is truncated or damaged; train it again with `intake train`"
        case .badMetadata(let m): "the model's metadata cannot be read: \(m)"
        case .unreadable(let path): "cannot read the model file \(path)"
        case .noBuiltInModel: "this build carries no built-in model; give a model file, or build one into the tool"
        }
    }
}

/// The bytes of a model: a copy read from a file, or the blob built into the binary (never freed).
public final class ModelBytes: @unchecked Sendable {
    // Immutable after init; the built-in blob is static memory.
    private let base: UnsafeRawPointer
    package let count: Int
    private let owned: [UInt8]?

    public init(_ bytes: [UInt8]) {
        owned = bytes
        count = bytes.count
        let p = UnsafeMutableRawPointer.allocate(byteCount: max(bytes.count, 1), alignment: 8)
        bytes.withUnsafeBytes { p.copyMemory(from: $0.baseAddress!, byteCount: bytes.count) }
        base = UnsafeRawPointer(p)
    }

    package init(static pointer: UnsafeRawPointer, count: Int) {
        owned = nil
        base = pointer
        self.count = count
    }

    deinit {
        if owned != nil { UnsafeMutableRawPointer(mutating: base).deallocate() }
    }

    package subscript(i: Int) -> UInt8 { base.load(fromByteOffset: i, as: UInt8.self) }
    package func u32(_ at: Int) -> UInt32 { UInt32(littleEndian: base.loadUnaligned(fromByteOffset: at, as: UInt32.self)) }
    package func u64(_ at: Int) -> UInt64 { UInt64(littleEndian: base.loadUnaligned(fromByteOffset: at, as: UInt64.self)) }
    package func f32(_ at: Int) -> Float { Float(bitPattern: u32(at)) }
    package func slice(_ at: Int, _ length: Int) -> [UInt8] { Array(UnsafeRawBufferPointer(start: base + at, count: length)) }
    package var bytes: [UInt8] { slice(0, count) }
}

package enum FNV {
    package static let start: UInt64 = 0xcbf29ce484222325

    @inline(__always)
    package static func step(_ h: UInt64, _ b: UInt8) -> UInt64 { (h ^ UInt64(b)) &* 0x100000001b3 }

    package static func hash(_ bytes: UnsafeBufferPointer<UInt8>) -> UInt64 {
        var h = start
        for b in bytes { h = step(h, b) }
        return h
    }
}

extension JSONEncoder {
    package static var sorted: JSONEncoder {
        let e = JSONEncoder()
        e.outputFormatting = [.sortedKeys, .withoutEscapingSlashes]
        return e
    }
}
