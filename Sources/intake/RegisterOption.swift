import ArgumentParser
import ComplaintIntake
import ComplaintRegister
import Foundation

/// The --db option of the register commands, and opening the register it names.
struct RegisterOption: ParsableArguments {
    @Option(help: ArgumentHelp("The complaint register (SQLite) written by --db on email, text and batch.", valueName: "file"))
    var db: String

    /// Opens the register; commands that only read open it read-only, so they work on a file the user may only
    /// read and never change it.
    func open(access: ComplaintRegister.Access) throws -> ComplaintRegister {
        do { return try ComplaintRegister(path: db, access: access) } catch { throw CLIError(register: error) }
    }
}

func registerFailure(_ error: any Error) -> CLIError {
    guard let e = error as? RegisterError else { return .data(String(describing: error)) }
    return CLIError(register: e)
}

extension CaseStatus: ExpressibleByArgument {}
