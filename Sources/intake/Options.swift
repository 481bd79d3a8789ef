import ArgumentParser
import ComplaintIntake
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

enum CLIError: Error, CustomStringConvertible {
    case data(String)
    case input(String)
    case usage(String)
    case unreadable(String)

    var description: String {
        switch self {
        case .data(let m), .input(let m), .usage(let m), .unreadable(let m): m
        }
    }

    /// Exit status by the contract: 65 bad input data, 66 an input cannot be read, 64 bad usage, 78 bad configuration.
    var exitCode: Int32 {
        switch self {
        case .input: 65
        case .unreadable: 66
        case .usage: 64
        case .data: 78
        }
    }
}

/// Reads the complaint text from the argument, or from standard input when there is none.
func readTextArgument(_ argument: String?) throws -> String {
    if let argument { return argument }
    let data = FileHandle.standardInput.readDataToEndOfFile()
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
    let data = try encoder.encode(value)
    FileHandle.standardOutput.write(data)
    FileHandle.standardOutput.write(Data("\n".utf8))
}
