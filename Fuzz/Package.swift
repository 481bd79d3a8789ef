// swift-tools-version: 6.0
// libFuzzer targets, in their own package so that the tests do not build them. Build and run them with
// scripts/fuzz, which passes -sanitize=fuzzer,address; each target reads arbitrary bytes.
import Foundation
import PackageDescription

// A path dependency is named after its folder, which differs between clones.
let root = URL(fileURLWithPath: #filePath).deletingLastPathComponent().deletingLastPathComponent().lastPathComponent

let package = Package(
    name: "IntakeFuzz",
    platforms: [.macOS(.v15)],
    dependencies: [.package(path: "..")],
    targets: [.target(name: "FuzzSupport")] + ["FuzzEmail", "FuzzText", "FuzzExtract", "FuzzDates", "FuzzBatchLine", "FuzzRecord"].map {
        .executableTarget(name: $0, dependencies: ["FuzzSupport", .product(name: "ComplaintIntake", package: root)])
    }
)
