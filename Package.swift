// swift-tools-version: 6.2
import PackageDescription

let package = Package(
    name: "Demarc",
    platforms: [.macOS(.v13)],
    products: [
        .executable(name: "demarc", targets: ["demarc"]),
        .library(name: "DemarcModel", targets: ["DemarcModel"]),
    ],
    dependencies: [
        .package(url: "https://github.com/jpsim/Yams", exact: "6.2.2"),
        .package(url: "https://github.com/apple/swift-argument-parser", exact: "1.8.2"),
        .package(url: "https://github.com/swiftlang/swift-subprocess", exact: "1.0.2"),
    ],
    targets: [
        // The model: types, loading, diagnostics, derivation. Knows nothing of
        // Graphviz, templates or the command line.
        .target(
            name: "DemarcModel",
            dependencies: [.product(name: "Yams", package: "Yams")]
        ),
        // Models/ and Templates/ compiled into the binary as Swift source by
        // the EmbedResources build-tool plugin (see docs/embedding.md).
        .target(
            name: "DemarcResources",
            plugins: [.plugin(name: "EmbedResources")]
        ),
        .executableTarget(name: "demarc-embed", path: "Sources/DemarcEmbed"),
        .plugin(
            name: "EmbedResources",
            capability: .buildTool(),
            dependencies: ["demarc-embed"]
        ),
        // The command line. Only this target depends on ArgumentParser.
        .executableTarget(
            name: "demarc",
            dependencies: [
                "DemarcModel",
                "DemarcResources",
                .product(name: "ArgumentParser", package: "swift-argument-parser"),
            ]
        ),
        .testTarget(
            name: "DemarcModelTests",
            dependencies: ["DemarcModel", "DemarcResources"],
            resources: [.copy("Fixtures")]
        ),
        .testTarget(
            name: "DemarcCLITests",
            dependencies: [
                "demarc",
                "DemarcModel",
                .product(name: "Subprocess", package: "swift-subprocess"),
            ],
            resources: [.copy("Fixtures")]
        ),
    ]
)
