import IntakeCore
import IntakeText
import IntakeLexicon
import IntakeClassify
import IntakeExtract
import IntakeInput
import CIntakeData
import Foundation

/// Everything a pipeline reads and never changes: the data files and the models built from them.
/// Built once and shared by every worker.
public struct IntakeResources: Sendable {
    public let store: DataStore
    public let text: TextModel
    public let lexicon: KeywordLexicon
    /// The words the field extractors look for.
    public let extraction: ExtractionData
    /// The classifier, or nil when no model is at hand (a build before its first `intake train --embed`).
    public private(set) var classifier: Classifier?
    /// SHA-256 of the model file the classifier was read from; nil for the built-in model.
    public private(set) var modelSHA: String? = nil
    /// What the classifier reads of a text.
    public let features: FeatureExtractor

    /// Loads the built-in data with `lexiconDirectory` (a folder laid out like `lexicons/`) laid over it, and the
    /// model from `modelPath` or the built-in one.
    public init(lexiconDirectory: String? = nil, modelPath: String? = nil, maxTextScalars: Int = 10_000_000) throws(IntakeError) {
        var store = DataStore.builtIn()
        if let dir = lexiconDirectory {
            do { store = try store.overlaid(with: dir) } catch { throw .lexicon(error) }
        }
        let (model, sha) = try Self.model(path: modelPath)
        if lexiconDirectory == nil, let compiled = Self.builtInCompiled() {
            try self.init(store: store, compiled: compiled, isStatic: true, model: model, maxTextScalars: maxTextScalars)
        } else {
            try self.init(store: store, model: model, maxTextScalars: maxTextScalars)
        }
        modelSHA = sha
    }

    /// The same resources with the model file at `path` (a desk model named by the policy).
    public func replacingModel(path: String) throws(IntakeError) -> IntakeResources {
        var copy = self
        let (model, sha) = try Self.model(path: path)
        copy.classifier = model.map { Classifier(model: $0) }
        copy.modelSHA = sha
        return copy
    }

    /// The model at `path` and the SHA-256 of its file, or the built-in one.
    private static func model(path modelPath: String?) throws(IntakeError) -> (NaiveBayesModel?, String?) {
        let model: NaiveBayesModel?
        var sha: String?
        do {
            if let modelPath {
                guard let data = FileManager.default.contents(atPath: modelPath) else { throw ModelError.unreadable(path: modelPath) }
                let bytes = [UInt8](data)
                model = try NaiveBayesModel(bytes: ModelBytes(bytes))
                var h = SHA256()
                h.update(bytes)
                sha = h.hexDigest
            } else {
                model = try Self.builtInModel()
            }
        } catch let e as ModelError {
            throw .model(e)
        } catch {
            throw .internal(String(describing: error))
        }
        return (model, sha)
    }

    /// Builds the resources from a data store and a model (nil for none, as when training).
    public init(store: DataStore, model: NaiveBayesModel?, maxTextScalars: Int = 10_000_000) throws(IntakeError) {
        self.store = store
        do {
            let normalizer = try Normalizer(variants: try HanVariants(store: store))
            lexicon = try KeywordLexicon(store: store, fold: normalizer.fold)
            text = try TextData.model(from: store, extraTerms: lexicon.segmentationWords, normalizer: normalizer, maxScalars: maxTextScalars)
            extraction = try ExtractionData(store: store, fold: normalizer.fold)
            features = FeatureExtractor(stopWords: lexicon.stopWords)
        } catch let e as TextError {
            throw .text(e)
        } catch let e as LexiconError {
            throw .lexicon(e)
        } catch {
            throw .internal(String(describing: error))
        }
        classifier = model.map { Classifier(model: $0) }
    }

    /// Reads the text model, lexicon and extraction words from their compiled form (see ``compiled()``) instead
    /// of building them from the files of `store`. When `isStatic` (the blob built into the tool), their tables
    /// are used where they lie; otherwise they are copied.
    /// `compiled` holds the three parts in the order of ``CompiledLexicons/blobNames``.
    package init(store: DataStore, compiled: [UnsafeRawBufferPointer], isStatic: Bool = false, model: NaiveBayesModel?,
         maxTextScalars: Int) throws(IntakeError) {
        self.store = store
        do throws(BinaryFormatError) {
            guard compiled.count == CompiledLexicons.blobNames.count else { throw BinaryFormatError.badValue(at: 0, "\(compiled.count) parts instead of \(CompiledLexicons.blobNames.count)") }
            (text, lexicon, extraction) = try CompiledLexicons.decode(text: compiled[0], keywords: compiled[1], extraction: compiled[2],
                                                                      isStatic: isStatic, maxScalars: maxTextScalars)
            features = FeatureExtractor(stopWords: lexicon.stopWords)
        } catch {
            throw .lexicon(.damagedCompiledData(reason: error.description))
        }
        classifier = model.map { Classifier(model: $0) }
    }

    /// The text model, keyword lexicon and extraction words in the compact form the tool loads at start-up, one part
    /// per stage in the order of ``CompiledLexicons/blobNames`` (`intake embed` builds them into the tool beside the
    /// lexicon files they come from).
    public func compiled() -> [[UInt8]] { CompiledLexicons.encode(text: text, lexicon: lexicon, extraction: extraction) }

    /// The names ``compiled()`` is built into the tool under.
    public static let compiledBlobNames = CompiledLexicons.blobNames

    /// The compiled parts built into the tool (static memory), if this build has all of them.
    package static func builtInCompiled() -> [UnsafeRawBufferPointer]? {
        let parts = CompiledLexicons.blobNames.compactMap { builtInBlob($0) }
        return parts.count == CompiledLexicons.blobNames.count ? parts : nil
    }

    /// The model built into the tool, or nil when this build has none.
    public static func builtInModel() throws(ModelError) -> NaiveBayesModel? {
        guard let blob = builtInBlob("model/default.cimodel") else { return nil }
        return try NaiveBayesModel(bytes: ModelBytes(static: blob.baseAddress!, count: blob.count))
    }

    /// The bytes of the built-in blob called `name` (static memory), if this build has it.
    package static func builtInBlob(_ name: String) -> UnsafeRawBufferPointer? {
        for i in 0..<ci_builtin_count() {
            let blob = ci_builtin_blob(i)
            guard let cname = blob.name, String(cString: cname) == name, let bytes = blob.bytes, blob.length > 0 else { continue }
            return UnsafeRawBufferPointer(start: bytes, count: Int(blob.length))
        }
        return nil
    }
}

/// The data built from the lexicon files, in a form that loads in place: the tries' tables as they lie in memory
/// (the built-in copy is read where it lies), the other tables as arrays. Building them from the files (parsing,
/// folding every term through ICU, inserting) cost a process more than its whole start-up otherwise.
package enum CompiledLexicons {
    /// One part per stage's data, each with its own header: the text layer's, the keyword lexicon's, the extractors'.
    package static let blobNames = ["compiled/text.bin", "compiled/keywords.bin", "compiled/extraction.bin"]
    private static let magics = ["CITXT003", "CIKEY003", "CIEXT003"].map { Array($0.utf8) }

    package static func encode(text: TextModel, lexicon: KeywordLexicon, extraction: ExtractionData) -> [[UInt8]] {
        func part(_ k: Int, _ body: (inout BinaryWriter) -> Void) -> [UInt8] {
            var w = BinaryWriter()
            for b in magics[k] { w.u8(b) }
            body(&w)
            return w.bytes
        }
        return [part(0) { text.write(to: &$0) }, part(1) { lexicon.write(to: &$0) }, part(2) { extraction.write(to: &$0) }]
    }

    package static func decode(text: UnsafeRawBufferPointer, keywords: UnsafeRawBufferPointer, extraction: UnsafeRawBufferPointer,
                               isStatic: Bool, maxScalars: Int) throws(BinaryFormatError) -> (TextModel, KeywordLexicon, ExtractionData) {
        func reader(_ bytes: UnsafeRawBufferPointer, _ k: Int) throws(BinaryFormatError) -> BinaryReader {
            var r = BinaryReader(bytes, isStatic: isStatic)
            for b in magics[k] where try r.u8() != b {
                throw .badValue(at: 0, "\(blobNames[k]) does not start with \(String(decoding: magics[k], as: UTF8.self))")
            }
            return r
        }
        var r = try reader(text, 0)
        let t = try TextModel(from: &r, maxScalars: maxScalars)
        guard r.isAtEnd else { throw .badValue(at: r.offset, "bytes follow the text tables") }
        r = try reader(keywords, 1)
        let l = try KeywordLexicon(from: &r)
        guard r.isAtEnd else { throw .badValue(at: r.offset, "bytes follow the keyword tables") }
        r = try reader(extraction, 2)
        let e = try ExtractionData(from: &r)
        guard r.isAtEnd else { throw .badValue(at: r.offset, "bytes follow the extraction tables") }
        return (t, l, e)
    }
}

/// Why a pipeline could not be built or a complaint could not be processed.
public enum IntakeError: Error, Sendable, CustomStringConvertible {
    case text(TextError)
    case lexicon(LexiconError)
    case model(ModelError)
    case policy(PolicyError)
    case `internal`(String)

    public var code: String {
        switch self {
        case .text(let e): e.code
        case .lexicon(let e): e.code
        case .model: "model_error"
        case .policy: "policy_error"
        case .internal: "internal_error"
        }
    }

    public var description: String {
        switch self {
        case .text(let e): e.description
        case .lexicon(let e): e.description
        case .model(let e): e.description
        case .policy(let e): e.description
        case .internal(let m): "internal error: \(m)"
        }
    }
}
