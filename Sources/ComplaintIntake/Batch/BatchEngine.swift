import Dispatch
import Foundation
import IntakeCore

/// The ordered, bounded, multi-worker engine behind every batch: `intake batch`, ``IntakePipeline/records(for:concurrency:reference:)``
/// and the HTTP service's `/v1/batch`.
///
/// Inputs come in chunks. Long-lived worker threads take the inputs of the chunks in flight one at a time, oldest chunk
/// first, and a worker that finds a chunk all taken moves on to the next, so none waits for another's last input. A
/// chunk's outputs are handed back in input order once all of them are done, and at most two chunks stay in flight
/// besides the one being filled: memory holds three chunks, whatever the length of the stream. With one worker
/// everything runs on the caller's thread, so that one job uses one core.
///
/// Each worker thread builds its own work function once (``init(workers:makeWorker:)``), so per-thread state such as
/// an encoder or the pipeline's ICU handles stays with one thread for the whole run.
public final class BatchEngine<Input: Sendable, Output: Sendable>: @unchecked Sendable {
    public typealias Work = (Input) -> Output

    public let workers: Int
    private let makeWorker: @Sendable () -> Work
    private var inline: Work?
    private var queue: WorkQueue<Input, Output>?
    private var inFlight: [Chunk<Input, Output>] = []

    /// - Parameters:
    ///   - workers: worker threads (at least 1).
    ///   - makeWorker: called once on each worker thread for the function that turns one input into its output.
    public init(workers: Int, makeWorker: @escaping @Sendable () -> Work) {
        self.workers = max(1, workers)
        self.makeWorker = makeWorker
    }

    /// Hands a chunk of inputs to the workers, and returns the outputs of the chunks that are finished, oldest first,
    /// each in input order. Waits while more than two chunks are in flight.
    public func submit(_ inputs: [Input]) -> [[Output]] {
        // An empty chunk would never be done: no worker would finish an input of it.
        guard !inputs.isEmpty else { return [] }
        guard workers > 1 else {
            if inline == nil { inline = makeWorker() }
            return [inputs.map(inline!)]
        }
        let chunk = Chunk<Input, Output>(inputs)
        if queue == nil { queue = WorkQueue(workers: workers, makeWorker: makeWorker) }
        queue!.submit(chunk)
        inFlight.append(chunk)
        var done: [[Output]] = []
        while inFlight.count > 2 {
            let oldest = inFlight.removeFirst()
            oldest.done.wait()
            done.append(oldest.outputs())
        }
        return done
    }

    /// Waits for every chunk in flight and returns their outputs, oldest first; then stops the workers.
    public func finish() -> [[Output]] {
        var done: [[Output]] = []
        for chunk in inFlight {
            chunk.done.wait()
            done.append(chunk.outputs())
        }
        inFlight = []
        queue?.close()
        queue = nil
        return done
    }
}

/// A chunk of inputs, the outputs the workers write for it, and the signal that all of them are in.
final class Chunk<Input: Sendable, Output: Sendable>: @unchecked Sendable {
    let inputs: [Input]
    let slots: ResultSlots<Output>
    let done = DispatchSemaphore(value: 0)
    // Guarded by the queue's lock.
    var handedOut = 0
    var remaining: Int

    init(_ inputs: [Input]) {
        self.inputs = inputs
        slots = ResultSlots(count: inputs.count)
        remaining = inputs.count
    }

    // Every slot is written before `done` is signalled.
    func outputs() -> [Output] { slots.values.map { $0! } }
}

/// The inputs of the chunks in flight, handed to long-lived worker threads one at a time, oldest chunk first.
final class WorkQueue<Input: Sendable, Output: Sendable>: @unchecked Sendable {
    // Guards `chunks`, `closed` and each chunk's counters.
    private let condition = NSCondition()
    private var chunks: [Chunk<Input, Output>] = []
    private var closed = false
    private let finished = DispatchGroup()

    init(workers: Int, makeWorker: @escaping @Sendable () -> (Input) -> Output) {
        for _ in 0..<workers {
            finished.enter()
            let thread = Thread { [self] in
                let work = makeWorker()
                while let (chunk, i) = next() {
                    chunk.slots[i] = work(chunk.inputs[i])
                    finish(chunk)
                }
                finished.leave()
            }
            thread.start()
        }
    }

    func submit(_ chunk: Chunk<Input, Output>) {
        condition.withLock {
            chunks.append(chunk)
            condition.broadcast()
        }
    }

    /// Stops the workers once every input is taken, and waits for them.
    func close() {
        condition.withLock {
            closed = true
            condition.broadcast()
        }
        finished.wait()
    }

    private func next() -> (Chunk<Input, Output>, Int)? {
        condition.withLock {
            while true {
                while let first = chunks.first, first.handedOut == first.inputs.count { chunks.removeFirst() }
                if let first = chunks.first {
                    defer { first.handedOut += 1 }
                    return (first, first.handedOut)
                }
                if closed { return nil }
                condition.wait()
            }
        }
    }

    private func finish(_ chunk: Chunk<Input, Output>) {
        let last = condition.withLock {
            chunk.remaining -= 1
            return chunk.remaining == 0
        }
        if last { chunk.done.signal() }
    }
}
