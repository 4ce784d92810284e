// swift-tools-version: 6.2
import PackageDescription

let package = Package(
    name: "Demarc",
    products: [
        .executable(name: "demarc", targets: ["demarc"]),
        .library(name: "DemarcModel", targets: ["DemarcModel"]),
    ],
    dependencies: [
        .package(url: "https://github.com/jpsim/Yams", exact: "6.2.2"),
        .package(url: "https://github.com/apple/swift-argument-parser", exact: "1.8.2"),
        .package(url: "https://github.com/swiftlang/swift-subprocess", exact: "1.0.2"),
        .package(url: "https://github.com/apple/swift-crypto", exact: "4.5.2"),
        .package(url: "https://github.com/hummingbird-project/swift-mustache", exact: "2.1.1"),
    ],
    targets: [
        // DEMARC_TRACE=1: when each stage of a run begins and ends (docs/performance.md). No dependencies.
        .target(name: "DemarcTrace"),
        // The model: types, loading, diagnostics, derivation. Knows nothing of
        // Graphviz, templates or the command line.
        .target(
            name: "DemarcModel",
            dependencies: ["DemarcTrace", .product(name: "Yams", package: "Yams"), .product(name: "Crypto", package: "swift-crypto")]
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
        // The views: flat, worded values for every output, from one string
        // table per language (Templates/strings). On the model only.
        .target(name: "DemarcViews", dependencies: ["DemarcModel", "DemarcResources"]),
        // Views → DOT: pure functions, golden-tested; no Graphviz.
        .target(name: "DemarcDiagrams", dependencies: ["DemarcModel", "DemarcViews"]),
        // Page templates (Templates/pages, mustache) checked against the page
        // views' keys when loaded, rendered with text escaped once; no Graphviz.
        .target(
            name: "DemarcPages",
            dependencies: ["DemarcModel", "DemarcViews", "DemarcResources", .product(name: "Mustache", package: "swift-mustache")]
        ),
        // The one writer of output folders and its manifest; no Graphviz.
        .target(
            name: "DemarcOutput",
            dependencies: ["CDemarcSystem", "DemarcModel", "DemarcTrace", .product(name: "Crypto", package: "swift-crypto")]
        ),
        // Small C helpers Swift's Glibc module lacks (renameat2 RENAME_EXCHANGE).
        .target(name: "CDemarcSystem"),
        // libgvc from the system (Debian libgraphviz-dev), seen only by DemarcGraphviz.
        .systemLibrary(
            name: "CGraphviz",
            pkgConfig: "libgvc",
            providers: [.apt(["libgraphviz-dev"])]
        ),
        // The one door to Graphviz: DOT in, bytes out, under one process-wide lock.
        .target(name: "DemarcGraphviz", dependencies: ["CGraphviz"]),
        // Rendering through the door, in this process or in worker processes.
        .target(
            name: "DemarcRender",
            dependencies: ["DemarcGraphviz", "DemarcTrace", .product(name: "Subprocess", package: "swift-subprocess")]
        ),
        // The build: parts (diagrams…) from views, rendered, finished, ready for the writer.
        .target(
            name: "DemarcBuild",
            dependencies: [
                "DemarcModel", "DemarcViews", "DemarcDiagrams", "DemarcPages", "DemarcOutput", "DemarcRender", "DemarcGraphviz", "DemarcTrace",
            ]
        ),
        // The command line. Only this target depends on ArgumentParser.
        .executableTarget(
            name: "demarc",
            dependencies: [
                "DemarcModel",
                "DemarcResources",
                "DemarcViews",
                "DemarcBuild",
                "DemarcDiagrams",
                "DemarcGraphviz",
                "DemarcOutput",
                "DemarcPages",
                "DemarcRender",
                "DemarcTrace",
                .product(name: "ArgumentParser", package: "swift-argument-parser"),
                .product(name: "Subprocess", package: "swift-subprocess"),
            ]
        ),
        // Models for tests and benchmarks: the embedded ones and the synthetic-model generator.
        // The synthetic-model generator as a command, for scripts/bench.sh.
        .executableTarget(name: "demarc-synthetic", dependencies: ["DemarcTestSupport"], path: "Sources/DemarcSynthetic"),
        // The benchmark's door timing (scripts/bench.sh, docs/performance.md); not part of the product.
        .executableTarget(name: "demarc-bench-door", dependencies: ["DemarcGraphviz"], path: "Sources/DemarcBench"),
        .target(name: "DemarcTestSupport", dependencies: ["DemarcModel", "DemarcResources", .product(name: "Yams", package: "Yams")]),
        .testTarget(
            name: "DemarcModelTests",
            dependencies: ["DemarcModel", "DemarcResources", "DemarcTestSupport"],
            resources: [.copy("Fixtures")]
        ),
        .testTarget(name: "DemarcViewsTests", dependencies: ["DemarcViews", "DemarcModel", "DemarcTestSupport"]),
        .testTarget(name: "DemarcGraphvizTests", dependencies: ["DemarcGraphviz"]),
        .testTarget(
            name: "DemarcDiagramsTests",
            dependencies: ["DemarcDiagrams", "DemarcViews", "DemarcModel", "DemarcTestSupport"],
            exclude: ["Snapshots"]
        ),
        .testTarget(name: "DemarcOutputTests", dependencies: ["DemarcOutput"]),
        .testTarget(
            name: "DemarcPagesTests",
            dependencies: [
                "DemarcPages", "DemarcViews", "DemarcModel", "DemarcTestSupport", .product(name: "Mustache", package: "swift-mustache"),
            ],
            exclude: ["Snapshots"]
        ),
        .testTarget(
            name: "DemarcBuildTests",
            dependencies: [
                "DemarcBuild", "DemarcRender", "DemarcViews", "DemarcModel", "DemarcTestSupport", "DemarcGraphviz", "DemarcOutput",
                .product(name: "Subprocess", package: "swift-subprocess"),
            ]
        ),
        .testTarget(
            name: "DemarcCLITests",
            dependencies: [
                "demarc",
                "DemarcModel",
                "DemarcBuild",
                "DemarcOutput",
                "DemarcRender",
                "DemarcGraphviz",
                "CDemarcSystem",
                .product(name: "Subprocess", package: "swift-subprocess"),
            ],
            resources: [.copy("Fixtures")]
        ),
    ]
)
