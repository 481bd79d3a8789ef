import ComplaintIntake
import FuzzSupport

let parser = BatchLineParser()

/// One JSON Lines line from arbitrary bytes: a message or a typed input error.
@_cdecl("LLVMFuzzerTestOneInput")
public func fuzzOne(_ data: UnsafePointer<UInt8>?, _ size: Int) -> CInt {
    _ = try? parser.message(json: bytes(data, size)[...])
    return 0
}

runFuzzer(fuzzOne)
