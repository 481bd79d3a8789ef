import CIntakeData
import Foundation

/// Everything a pipeline reads and never changes: the data files and the models built from them.
/// Built once and shared by every worker.
public struct IntakeResources: Sendable {
    public let store: DataStore
    public let text: TextModel
    public let lexicon: KeywordLexicon
    /// The classifier, or nil when no model is at hand (a build before its first `intake train --embed`).
    public let classifier: Classifier?
    public let features = FeatureExtractor()

    /// Loads the built-in data with `lexiconDirectory` (a folder laid out like `lexicons/`) laid over it, and the
    /// model from `modelPath` or the built-in one.
    public init(lexiconDirectory: String? = nil, modelPath: String? = nil, maxTextScalars: Int = 10_000_000) throws(IntakeError) {
        var store = DataStore.builtIn()
        if let dir = lexiconDirectory {
            do { store = try store.overlaid(with: dir) } catch { throw .lexicon(error) }
        }
        let model: NaiveBayesModel?
        do {
            if let modelPath {
                guard let data = FileManager.default.contents(atPath: modelPath) else { throw ModelError.unreadable(path: modelPath) }
                model = try NaiveBayesModel(bytes: ModelBytes([UInt8](data)))
            } else {
                model = try Self.builtInModel()
            }
        } catch let e as ModelError {
            throw .model(e)
        } catch {
            throw .internal(String(describing: error))
        }
        try self.init(store: store, model: model, maxTextScalars: maxTextScalars)
    }

    /// Builds the resources from a data store and a model (nil for none, as when training).
    public init(store: DataStore, model: NaiveBayesModel?, maxTextScalars: Int = 10_000_000) throws(IntakeError) {
        self.store = store
        do {
            let normalizer = try Normalizer(variants: try HanVariants(store: store))
            lexicon = try KeywordLexicon(store: store, fold: normalizer.fold)
            text = try TextData.model(from: store, extraTerms: lexicon.segmentationWords, normalizer: normalizer, maxScalars: maxTextScalars)
        } catch let e as TextError {
            throw .text(e)
        } catch let e as LexiconError {
            throw .lexicon(e)
        } catch {
            throw .internal(String(describing: error))
        }
        classifier = model.map { Classifier(model: $0) }
    }

    /// The model built into the tool, or nil when this build has none.
    public static func builtInModel() throws(ModelError) -> NaiveBayesModel? {
        for i in 0..<ci_builtin_count() {
            let blob = ci_builtin_blob(i)
            guard let name = blob.name, String(cString: name) == "model/default.cimodel", let bytes = blob.bytes else { continue }
            return try NaiveBayesModel(bytes: ModelBytes(static: UnsafeRawPointer(bytes), count: Int(blob.length)))
        }
        return nil
    }
}

/// Why a pipeline could not be built or a complaint could not be processed.
public enum IntakeError: Error, Sendable, CustomStringConvertible {
    case text(TextError)
    case lexicon(LexiconError)
    case model(ModelError)
    case corpus(CorpusError)
    case policy(PolicyError)
    case `internal`(String)

    public var code: String {
        switch self {
        case .text(let e): e.code
        case .lexicon(let e): e.code
        case .model: "model_error"
        case .corpus: "corpus_error"
        case .policy: "policy_error"
        case .internal: "internal_error"
        }
    }

    public var description: String {
        switch self {
        case .text(let e): e.description
        case .lexicon(let e): e.description
        case .model(let e): e.description
        case .corpus(let e): e.description
        case .policy(let e): e.description
        case .internal(let m): "internal error: \(m)"
        }
    }
}
