import Benchmark
import ComplaintIntake
import Foundation

/// Real-length complaints from the corpus, both languages, the same set for every stage.
let texts: [String] = {
    let root = URL(fileURLWithPath: #filePath).deletingLastPathComponent().deletingLastPathComponent()
        .deletingLastPathComponent().deletingLastPathComponent()
    var out: [String] = []
    for slice in ["zh-2-mainland", "es-2-spain"] {
        let path = root.appendingPathComponent("corpus/parts/\(slice).jsonl").path
        guard let data = FileManager.default.contents(atPath: path) else { continue }
        for line in String(decoding: data, as: UTF8.self).split(separator: "\n").prefix(500) {
            if let o = try? JSONSerialization.jsonObject(with: Data(line.utf8)) as? [String: Any], let t = o["text"] as? String { out.append(t) }
        }
    }
    return out
}()

let benchmarks: @Sendable () -> Void = {
    Benchmark.defaultConfiguration = .init(metrics: [.throughput, .wallClock, .mallocCountTotal, .peakMemoryResident], maxDuration: .seconds(5))
    let pipeline = try! IntakePipeline()
    let resources = pipeline.resources
    let worker = try! TextWorker(resources: resources)
    let normalizer = try! Normalizer(variants: .builtIn)
    let analyzer = try! TextAnalyzer(model: resources.text)
    let analyses = texts.map { try! analyzer.analyze($0) }
    let features = texts.map { try! worker.features(of: $0) }
    let reference = Day(iso: "2024-03-20")!

    // Start-up: what a process pays before its first record (the mail hook starts one per e-mail).
    Benchmark("start-up: built-in resources, compiled form") { b in
        for _ in b.scaledIterations { blackHole(try? IntakeResources()) }
    }
    Benchmark("start-up: resources built from the lexicon files") { b in
        for _ in b.scaledIterations { blackHole(try? IntakeResources(store: DataStore.builtIn(), model: nil)) }
    }
    Benchmark("normalize") { b in
        for _ in b.scaledIterations { for t in texts { blackHole(try? normalizer.normalize(t)) } }
    }
    Benchmark("normalize + identify + segment") { b in
        for _ in b.scaledIterations { for t in texts { blackHole(try? analyzer.analyze(t)) } }
    }
    Benchmark("extract") { b in
        for _ in b.scaledIterations {
            for (a, f) in zip(analyses, features) {
                blackHole(pipeline.extractor.extract(a.text, language: a.language, negationScopes: f.negationScopes, reference: reference))
            }
        }
    }
    Benchmark("classify (features + naive Bayes)") { b in
        for _ in b.scaledIterations { for f in features { blackHole(resources.classifier!.classify(keys: f.keys, hits: f.hits)) } }
    }
    Benchmark("whole record") { b in
        for _ in b.scaledIterations { for t in texts { blackHole(try? pipeline.process(Message(text: t), reference: reference)) } }
    }
}
