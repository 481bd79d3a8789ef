import ArgumentParser
import ComplaintIntake
import Foundation

extension Category: ExpressibleByArgument {}

/// The department the policy (built in, with the keys of `policy` laid over it) gives `category`.
func department(for category: Category, policy: String?) throws -> String {
    do {
        var p = try Policy.builtIn()
        if let policy { p = try Policy.load(path: policy, over: p) }
        guard let d = p.departments[category] else { throw CLIError.data("the policy names no department for \(category.rawValue)") }
        return d
    } catch let e as PolicyError {
        if case .unreadable = e { throw CLIError.unreadable(e.description) }
        throw CLIError.data(e.description)
    }
}
