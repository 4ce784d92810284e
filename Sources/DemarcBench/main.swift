import DemarcGraphviz
import Foundation

// The Swift side of the benchmark's door comparison (scripts/bench.sh): the
// same DOT rendered through the Graphviz door, warm, many iterations, as
// Benchmarks/door.c does through libgvc directly. Prints nanoseconds per
// iteration. Not part of the product.
// Usage: demarc-bench-door FILE.dot FORMAT ITERATIONS
let arguments = CommandLine.arguments
guard arguments.count == 4, let format = Graphviz.Format(rawValue: arguments[2]), let iterations = Int(arguments[3]), iterations > 0,
    let dot = try? String(contentsOfFile: arguments[1], encoding: .utf8)
else {
    FileHandle.standardError.write(Data("usage: demarc-bench-door FILE.dot svg|png|pdf ITERATIONS\n".utf8))
    exit(2)
}
do {
    _ = try Graphviz.render(dot: dot, format: format, name: arguments[1])  // warm-up
    let start = DispatchTime.now().uptimeNanoseconds
    for _ in 0..<iterations { _ = try Graphviz.render(dot: dot, format: format, name: arguments[1]) }
    print((DispatchTime.now().uptimeNanoseconds - start) / UInt64(iterations))
} catch {
    FileHandle.standardError.write(Data("\(error)\n".utf8))
    exit(1)
}
