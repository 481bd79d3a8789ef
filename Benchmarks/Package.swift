// swift-tools-version: 6.1
// The benchmarks live in their own package so that `swift test` at the top level does not build them.
// Run: cd Benchmarks && swift package benchmark
import Foundation
import PackageDescription

// A path dependency is named after its folder, which differs between clones.
let root = URL(fileURLWithPath: #filePath).deletingLastPathComponent().deletingLastPathComponent().lastPathComponent

let package = Package(
    name: "IntakeBenchmarks",
    platforms: [.macOS(.v15)],
    dependencies: [
        .package(path: ".."),
        .package(url: "https://github.com/ordo-one/benchmark", from: "1.38.1", traits: ["MallocInterposer"]),
    ],
    targets: [
        .executableTarget(
            name: "IntakeBenchmarks",
            dependencies: [
                .product(name: "ComplaintIntake", package: root),
                .product(name: "Benchmark", package: "benchmark"),
            ],
            path: "Benchmarks/IntakeBenchmarks",
            plugins: [.plugin(name: "BenchmarkPlugin", package: "benchmark")]
        ),
    ]
)
