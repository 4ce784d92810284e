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
        .package(url: "https://github.com/apple/swift-crypto", exact: "4.5.2"),
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
        // libgvc from the system (Debian libgraphviz-dev), seen only by DemarcGraphviz.
        .systemLibrary(
            name: "CGraphviz",
            pkgConfig: "libgvc",
            providers: [.apt(["libgraphviz-dev"])]
        ),
        // The one door to Graphviz: DOT in, bytes out, under one process-wide lock.
        .target(name: "DemarcGraphviz", dependencies: ["CGraphviz"]),
        // Small C helpers Swift's Glibc module lacks (renameat2 RENAME_EXCHANGE).
        .target(name: "CDemarcSystem"),
        // Model → DOT: pure functions, golden-tested; no Graphviz.
        .target(name: "DemarcDiagrams", dependencies: ["DemarcModel"]),
        // Rendering through worker processes and the output writer.
        .target(
            name: "DemarcBuild",
            dependencies: [
                "DemarcModel", "DemarcDiagrams", "DemarcGraphviz", "CDemarcSystem",
                .product(name: "Crypto", package: "swift-crypto"),
                .product(name: "Subprocess", package: "swift-subprocess"),
            ]
        ),
        // The command line. Only this target depends on ArgumentParser.
        .executableTarget(
            name: "demarc",
            dependencies: [
                "DemarcModel",
                "DemarcResources",
                "DemarcBuild",
                .product(name: "ArgumentParser", package: "swift-argument-parser"),
            ]
        ),
        .testTarget(
            name: "DemarcModelTests",
            dependencies: ["DemarcModel", "DemarcResources"],
            resources: [.copy("Fixtures")]
        ),
        .testTarget(name: "DemarcGraphvizTests", dependencies: ["DemarcGraphviz"]),
        .testTarget(
            name: "DemarcDiagramsTests",
            dependencies: ["DemarcDiagrams", "DemarcModel", "DemarcResources", "DemarcGraphviz"],
            exclude: ["Snapshots"]
        ),
        .testTarget(
            name: "DemarcCLITests",
            dependencies: [
                "demarc",
                "DemarcModel",
                "DemarcBuild",
                "DemarcGraphviz",
                .product(name: "Subprocess", package: "swift-subprocess"),
            ],
            resources: [.copy("Fixtures")]
        ),
    ]
)
