import ArgumentParser
import ComplaintIntake
import IntakeTraining
import Foundation

struct EmbedCommand: ParsableCommand {
    static let configuration = CommandConfiguration(
        commandName: "embed",
        abstract: "Build the lexicons (and a model file) into the tool: the compiled lexicons and the model as binary files, listed for .incbin."
    )

    @Option(help: "The lexicon folder to embed.") var lexicons = "lexicons"
    @Option(help: "A model file to embed as the default model (default: the one in Sources/CIntakeData/data/).") var model: String?
    @Option(help: "The C file to write.") var output = "Sources/CIntakeData/blobs.c"
    @Option(help: ArgumentHelp("The corpus slices to build in (for intake train --add), listed in corpus.c beside the C file.", valueName: "dir"))
    var corpus = "corpus/parts"

    func run() throws {
        try writeBuiltinData(lexicons: lexicons, model: model, output: output)
        try writeBuiltinCorpus(directory: corpus, output: (output as NSString).deletingLastPathComponent + "/corpus.c")
    }
}

/// Builds the lexicon folder (and a model file) into the tool: the compiled lexicons and the model go to
/// `Sources/CIntakeData/data/`, and `output` lists them with the lexicon files for `.incbin`.
func writeBuiltinData(lexicons: String, model: String?, output: String) throws {
    let dataDir = (output as NSString).deletingLastPathComponent + "/data"
    try FileManager.default.createDirectory(atPath: dataDir, withIntermediateDirectories: true)
    var blobs: [CEmbedder.Blob] = []
    let files = try DataStore.files(in: lexicons)
    for (path, file) in files.sorted(by: { $0.key < $1.key }) {
        blobs.append(CEmbedder.Blob(name: "lexicons/" + path, path: "lexicons/" + path, bytes: file.bytes))
    }
    let compiled = try IntakeResources(store: DataStore(builtin: files), model: nil).compiled()
    for (name, bytes) in zip(IntakeResources.compiledBlobNames, compiled) {
        let file = (name as NSString).lastPathComponent
        try Data(bytes).write(to: URL(fileURLWithPath: dataDir + "/" + file))
        blobs.append(CEmbedder.Blob(name: name, path: "Sources/CIntakeData/data/" + file, bytes: bytes))
    }
    let modelPath = dataDir + "/default.cimodel"
    if let model, model != modelPath {
        guard let data = FileManager.default.contents(atPath: model) else { throw CLIError.input("cannot read \(model)") }
        try data.write(to: URL(fileURLWithPath: modelPath))
    }
    if let data = FileManager.default.contents(atPath: modelPath) {
        blobs.append(CEmbedder.Blob(name: "model/default.cimodel", path: "Sources/CIntakeData/data/default.cimodel", bytes: [UInt8](data)))
    }
    try CEmbedder.source(blobs).write(toFile: output, atomically: true, encoding: .utf8)
    print("wrote \(blobs.count) files into \(output) (the compiled lexicons and the model in \(dataDir))")
}
