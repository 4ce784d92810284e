import DemarcTestSupport
import Foundation

// `demarc-synthetic DIR [LAYERS OFFERINGS REQUIREMENTS ITEMS]`: writes the one
// synthetic-model generator's files (DemarcTestSupport.SyntheticModel) into
// DIR, for benchmarks (scripts/bench.sh). A development tool: not part of the
// `demarc` binary.
let arguments = Array(CommandLine.arguments.dropFirst())
let numbers = arguments.dropFirst().compactMap { Int($0) }.filter { $0 > 0 }
guard let folder = arguments.first, [0, 4].contains(arguments.count - 1), numbers.count == arguments.count - 1 else {
    FileHandle.standardError.write(Data("usage: demarc-synthetic DIR [LAYERS OFFERINGS REQUIREMENTS ITEMS]\n".utf8))
    exit(2)
}
let model =
    numbers.count == 4
    ? SyntheticModel(layers: numbers[0], offerings: numbers[1], requirements: numbers[2], items: numbers[3])
    : SyntheticModel()
do {
    for (path, bytes) in model.files().sorted(by: { $0.key < $1.key }) {
        let url = URL(fileURLWithPath: folder).appendingPathComponent(path)
        try FileManager.default.createDirectory(at: url.deletingLastPathComponent(), withIntermediateDirectories: true)
        try Data(bytes).write(to: url)
    }
    print("\(folder): \(model.entries) entries, \(model.offerings) offerings, \(model.layers) layers")
} catch {
    FileHandle.standardError.write(Data("demarc-synthetic: \(error)\n".utf8))
    exit(1)
}
