import Synchronization

/// A bounded number of places for work: a request takes one or, when all are taken, waits a short while for one to
/// come free and is then turned away, so that load beyond the service's capacity gets a quick 503 instead of an
/// ever-growing queue.
final class AdmissionLimiter: Sendable {
    private struct Waiter {
        let id: UInt64
        let continuation: CheckedContinuation<Bool, Never>
    }

    private struct State {
        var free: Int
        var waiters: [Waiter] = []
        var nextID: UInt64 = 0
    }

    private let state: Mutex<State>
    private let patience: Duration
    let capacity: Int

    init(capacity: Int, patience: Duration) {
        self.capacity = max(1, capacity)
        self.patience = patience
        state = Mutex(State(free: max(1, capacity)))
    }

    /// Takes a place, waiting up to the patience for one; false when none came free. Every true must be followed by
    /// one ``release()``.
    func acquire() async -> Bool {
        let id: UInt64? = state.withLock { s in
            if s.free > 0 {
                s.free -= 1
                return nil
            }
            s.nextID += 1
            return s.nextID
        }
        guard let id else { return true }
        return await withCheckedContinuation { c in
            let queued = state.withLock { s in
                // A place may have come free between the two locks.
                if s.free > 0 {
                    s.free -= 1
                    return false
                }
                s.waiters.append(Waiter(id: id, continuation: c))
                return true
            }
            guard queued else { c.resume(returning: true); return }
            Task { [patience] in
                try? await Task.sleep(for: patience)
                self.giveUp(id)
            }
        }
    }

    /// Hands the place to the longest waiter, or frees it.
    func release() {
        let next: Waiter? = state.withLock { s in
            if s.waiters.isEmpty {
                s.free += 1
                return nil
            }
            return s.waiters.removeFirst()
        }
        next?.continuation.resume(returning: true)
    }

    private func giveUp(_ id: UInt64) {
        let waiter: Waiter? = state.withLock { s in
            guard let i = s.waiters.firstIndex(where: { $0.id == id }) else { return nil }
            return s.waiters.remove(at: i)
        }
        waiter?.continuation.resume(returning: false)
    }

    /// Places taken now (a gauge for /metrics and a check for tests).
    var inUse: Int { state.withLock { capacity - $0.free } }
}
