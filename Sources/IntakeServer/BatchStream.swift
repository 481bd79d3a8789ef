import ComplaintIntake
import Foundation
import Hummingbird

/// One `/v1/batch` request: JSON Lines read from the request body as they arrive, run through the library's
/// ``BatchEngine`` in chunks, and written back one line per input line, in input order, error records in place.
/// The engine holds at most three chunks and the body is only read as fast as the response is taken, so memory does
/// not grow with the stream.
struct BatchStream: Sendable {
    let service: IntakeService

    func run(_ body: RequestBody, into writer: inout any ResponseBodyWriter) async throws {
        let service = service
        let processor = BatchLineProcessor(parser: service.parser) { try service.record($0) }
        let workers = max(1, service.settings.batchWorkers)
        let driver = EngineDriver(BatchEngine<BatchLine, BatchOutcome>(workers: workers) { processor.process })
        var reader = BatchReader(format: .jsonl, parser: service.parser, maxLineBytes: service.settings.maxBodyBytes)
        let chunkSize = 256 * workers
        var pending: [BatchLine] = []
        pending.reserveCapacity(chunkSize)
        do {
            for try await buffer in body {
                for line in try reader.feed(Array(buffer.readableBytesView)) {
                    pending.append(line)
                    if pending.count >= chunkSize {
                        try await write(await driver.submit(pending), to: &writer)
                        pending.removeAll(keepingCapacity: true)
                    }
                }
            }
            pending += try reader.finish()
            try await write(await driver.submit(pending), to: &writer)
            try await write(await driver.finish(), to: &writer)
        } catch {
            // The client went away or stopped sending: the workers still stop before the request ends.
            _ = await driver.finish()
            throw error
        }
    }

    private func write(_ chunks: [[BatchOutcome]], to writer: inout any ResponseBodyWriter) async throws {
        for outcomes in chunks {
            var buffer = ByteBuffer()
            buffer.reserveCapacity(outcomes.count * 2048)
            for outcome in outcomes {
                switch outcome {
                case .record(_, _, let line): buffer.writeBytes(line)
                case .failure(let code, let line):
                    service.metrics.error(code: code)
                    buffer.writeBytes(line)
                }
            }
            try await writer.write(buffer)
        }
    }
}
