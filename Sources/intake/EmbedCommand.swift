import ArgumentParser
import ComplaintIntake
import IntakeTraining
import Foundation

struct EmbedCommand: ParsableCommand {
    static let configuration = CommandConfiguration(
        commandName: "embed",
        abstract: "Write the lexicons (and a model file) into a C source file built into the tool."
    )

    @Option(help: "The lexicon folder to embed.") var lexicons = "lexicons"
    @Option(help: "A model file to embed as the default model.") var model: String?
    @Option(help: "The C file to write.") var output = "Sources/CIntakeData/blobs.c"

    func run() throws {
        try writeBuiltinData(lexicons: lexicons, model: model, output: output)
    }
}

/// Writes the lexicon folder (and a model file) into the C source that is built into the tool.
func writeBuiltinData(lexicons: String, model: String?, output: String) throws {
    var blobs: [(name: String, bytes: [UInt8])] = []
    let files = try DataStore.files(in: lexicons)
    for (path, file) in files.sorted(by: { $0.key < $1.key }) {
        blobs.append(("lexicons/" + path, file.bytes))
    }
    blobs.append((IntakeResources.compiledBlobName, try IntakeResources(store: DataStore(builtin: files), model: nil).compiled()))
    if let model {
        guard let data = FileManager.default.contents(atPath: model) else { throw CLIError.input("cannot read \(model)") }
        blobs.append(("model/default.cimodel", [UInt8](data)))
    }
    try CEmbedder.source(blobs).write(toFile: output, atomically: true, encoding: .utf8)
    print("wrote \(blobs.count) files into \(output)")
}
