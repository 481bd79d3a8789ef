import ArgumentParser
import ComplaintIntake
import ComplaintRegister
import Foundation

/// Options every command that reads complaints shares.
struct DataOptions: ParsableArguments {
    @Option(name: .long, help: ArgumentHelp("A folder laid out like lexicons/ whose files are added to the built-in ones.",
                                            valueName: "dir"))
    var lexicons: String?

    func resources() throws -> IntakeResources {
        do {
            return try IntakeResources(lexiconDirectory: lexicons)
        } catch {
            throw CLIError.data(error.description)
        }
    }
}

/// Every failure of the tool, and the one place where each maps to an exit status of the command-line contract.
enum CLIError: Error, CustomStringConvertible {
    case data(String)
    case input(String)
    case usage(String)
    case unreadable(String)
    /// The output cannot be written (a full disk, a closed pipe that is not a pager).
    case output(String)
    /// A failure that may pass: the register busy past its timeout, a full disk, an I/O error.
    case temporary(String)

    var description: String {
        switch self {
        case .data(let m), .input(let m), .usage(let m), .unreadable(let m), .output(let m), .temporary(let m): m
        }
    }

    /// Exit status by the contract (sysexits.h): 65 bad input data, 66 an input cannot be read, 64 bad usage,
    /// 74 the output cannot be written, 75 try again later, 78 bad configuration.
    var exitCode: Int32 {
        switch self {
        case .input: 65
        case .unreadable: 66
        case .usage: 64
        case .output: 74
        case .temporary: 75
        case .data: 78
        }
    }

    /// A register failure: transient ones (busy, full disk, I/O) say try again later, the rest are configuration.
    init(register e: RegisterError) {
        switch e {
        case .unknownCase, .invalidTransition, .invalidSatisfaction: self = .usage("\(e.code): \(e.description)")
        case .missing: self = .unreadable("\(e.code): \(e.description)")
        case _ where e.isTransient: self = .temporary("\(e.code): \(e.description)")
        default: self = .data("\(e.code): \(e.description)")
        }
    }

    /// A failure to make a record: register failures as above, the rest bad input.
    init(record error: any Error) {
        if let e = error as? RegisterError { self.init(register: e); return }
        let (code, text) = error.codeAndMessage
        self = .input("\(code): \(text)")
    }
}

/// Writes all of `data` to standard output, retrying interrupted writes; the errno of a failed write, or nil.
func writeAll(_ data: Data) -> Int32? {
    data.withUnsafeBytes { (p: UnsafeRawBufferPointer) -> Int32? in
        var offset = 0
        while offset < p.count {
            let n = Foundation.write(1, p.baseAddress! + offset, p.count - offset)
            if n > 0 { offset += n; continue }
            if n < 0, errno == EINTR { continue }
            return n < 0 ? errno : EIO
        }
        return nil
    }
}

/// Writes all of `data` to standard output.
/// - Throws: ``CLIError/output(_:)`` when it cannot (exit status 74), instead of trapping as FileHandle's write does.
func writeOutput(_ data: Data) throws {
    if let failure = writeAll(data) {
        throw CLIError.output("cannot write the output: \(String(cString: strerror(failure)))")
    }
}

/// The most bytes `text`, `explain` and `tokens` read from standard input: 10 MB, as `email` takes.
let maxTextBytes = 10 * 1024 * 1024

/// Reads the complaint text from the argument, or from standard input when there is none. At most `limit` bytes
/// and one more are read, so a huge input is refused without being held.
func readTextArgument(_ argument: String?, limit: Int = maxTextBytes) throws -> String {
    if let argument { return argument }
    var data = Data()
    do {
        while data.count <= limit, let d = try FileHandle.standardInput.read(upToCount: min(1 << 20, limit + 1 - data.count)), !d.isEmpty {
            data.append(d)
        }
    } catch {
        throw CLIError.unreadable("cannot read standard input: \(error.localizedDescription)")
    }
    if data.count > limit {
        throw CLIError.input("text_too_long: standard input has more than \(limit) bytes, over the limit; split it, or send it as a batch")
    }
    guard let text = String(data: data, encoding: .utf8) else {
        let bytes = [UInt8](data)
        var offset = 0
        var it = bytes.makeIterator()
        var decoder = UTF8()
        loop: while true {
            switch decoder.decode(&it) {
            case .scalarValue(let s): offset += String(s).utf8.count
            case .emptyInput, .error: break loop
            }
        }
        throw ValidationError("standard input is not valid UTF-8 (first bad byte at offset \(offset))")
    }
    return text
}

func printJSON<T: Encodable>(_ value: T, pretty: Bool) throws {
    let encoder = JSONEncoder()
    encoder.outputFormatting = pretty ? [.prettyPrinted, .sortedKeys, .withoutEscapingSlashes] : [.sortedKeys, .withoutEscapingSlashes]
    var data = try encoder.encode(value)
    data.append(0x0A)
    try writeOutput(data)
}
