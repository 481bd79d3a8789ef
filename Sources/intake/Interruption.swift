import ArgumentParser
import ComplaintIntake
import Dispatch
import Foundation

/// Records SIGINT and SIGTERM so a batch can stop after flushing what it finished.
final class Interruption: @unchecked Sendable {
    private let lock = NSLock()
    private var received: Int32?
    private var sources: [DispatchSourceSignal] = []

    init() {
        for sig in [SIGINT, SIGTERM] {
            signal(sig, SIG_IGN)
            let source = DispatchSource.makeSignalSource(signal: sig, queue: .global())
            source.setEventHandler { [weak self] in self?.lock.withLock { self?.received = sig } }
            source.resume()
            sources.append(source)
        }
    }

    var caught: Int32? { lock.withLock { received } }
}
