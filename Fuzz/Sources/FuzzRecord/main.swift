import ComplaintIntake
import FuzzSupport
import Foundation

let pipeline = try! IntakePipeline()
let encoder = JSONEncoder()

/// A whole record from arbitrary bytes: read as an e-mail when it looks like one, else as a JSON line, else as
/// text; the result is a record that encodes to JSON, or a typed error.
@_cdecl("LLVMFuzzerTestOneInput")
public func fuzzOne(_ data: UnsafePointer<UInt8>?, _ size: Int) -> CInt {
    let bytes = bytes(data, size)
    let message: Message
    if let m = try? EmailParser().parse(bytes), bytes.firstIndex(of: 0x3A).map({ $0 < 80 }) == true {
        message = m
    } else if let m = try? BatchLineParser().message(json: bytes[...]) {
        message = m
    } else {
        message = Message(channel: .unknown, text: String(decoding: bytes, as: UTF8.self))
    }
    if let record = try? pipeline.process(message, reference: Day(year: 2024, month: 3, day: 20)) {
        _ = try! encoder.encode(record)
    }
    return 0
}

runFuzzer(fuzzOne)
