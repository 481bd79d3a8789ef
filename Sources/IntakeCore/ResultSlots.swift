import Foundation

/// Fixed-size result slots written from concurrent iterations, each slot by exactly one of them, and read once
/// they are done (training's folds, `intake batch`'s chunks).
package final class ResultSlots<T>: @unchecked Sendable {
    // Every access holds the lock.
    private var storage: [T?]
    private let lock = NSLock()

    package init(count: Int) { storage = [T?](repeating: nil, count: count) }

    package var count: Int { lock.withLock { storage.count } }

    package subscript(i: Int) -> T? {
        get { lock.withLock { storage[i] } }
        set { lock.withLock { storage[i] = newValue } }
    }

    package var values: [T?] { lock.withLock { storage } }
}
