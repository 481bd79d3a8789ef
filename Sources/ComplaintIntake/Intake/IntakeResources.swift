/// Everything a pipeline reads and never changes: the data store and the models built from it.
/// Built once, shared by every worker.
public struct IntakeResources: Sendable {
    public let store: DataStore
    public let text: TextModel

    /// Loads the built-in data, with `lexiconDirectory` (a folder laid out like `lexicons/`) laid over it.
    public init(lexiconDirectory: String? = nil, maxTextScalars: Int = 10_000_000) throws(IntakeError) {
        do {
            var store = DataStore.builtIn()
            if let dir = lexiconDirectory { store = try store.overlaid(with: dir) }
            try self.init(store: store, maxTextScalars: maxTextScalars)
        } catch let e as LexiconError {
            throw .lexicon(e)
        } catch let e as IntakeError {
            throw e
        } catch {
            throw .internal(String(describing: error))
        }
    }

    public init(store: DataStore, maxTextScalars: Int = 10_000_000) throws(IntakeError) {
        self.store = store
        do {
            let normalizer = try Normalizer()
            text = try TextData.model(from: store, extraTerms: [], normalizer: normalizer, maxScalars: maxTextScalars)
        } catch let e as TextError {
            throw .text(e)
        } catch let e as LexiconError {
            throw .lexicon(e)
        } catch {
            throw .internal(String(describing: error))
        }
    }
}

/// Why a pipeline could not be built or a complaint could not be processed.
public enum IntakeError: Error, Sendable, CustomStringConvertible {
    case text(TextError)
    case lexicon(LexiconError)
    case `internal`(String)

    public var code: String {
        switch self {
        case .text(let e): e.code
        case .lexicon(let e): e.code
        case .internal: "internal_error"
        }
    }

    public var description: String {
        switch self {
        case .text(let e): e.description
        case .lexicon(let e): e.description
        case .internal(let m): "internal error: \(m)"
        }
    }
}
