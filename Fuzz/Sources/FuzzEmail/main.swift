import ComplaintIntake
import FuzzSupport

/// An RFC 5322 message from arbitrary bytes: a message or a typed error, never a crash.
@_cdecl("LLVMFuzzerTestOneInput")
public func fuzzOne(_ data: UnsafePointer<UInt8>?, _ size: Int) -> CInt {
    var limits = EmailLimits()
    limits.maxMessageBytes = 1 << 20
    _ = try? EmailParser(limits: limits).parse(bytes(data, size))
    return 0
}

runFuzzer(fuzzOne)
