import DemarcOutput
import Foundation
import Testing

/// The writer on its own, in this process, without Graphviz.
@Suite("The output writer, in process")
struct WriterTests {
    static func manifest(_ hashes: [String: String]) -> Manifest {
        Manifest(generator: "test", model: .init(id: "m", version: "1", asOf: "2017-03-31"), system: ["graphviz": "2.42"], files: hashes)
    }

    static func temporary() throws -> String {
        let url = FileManager.default.temporaryDirectory.appendingPathComponent("demarc-output-\(UUID().uuidString)")
        try FileManager.default.createDirectory(at: url, withIntermediateDirectories: true)
        return url.path
    }

    @Test func theManifestIsSortedAndStable() {
        let a = Self.manifest(["b": "2", "a": "1"]).encoded(), b = Self.manifest(["a": "1", "b": "2"]).encoded()
        #expect(a == b)
        let text = String(decoding: a, as: UTF8.self)
        #expect(text.range(of: "\"a\"")!.lowerBound < text.range(of: "\"b\"")!.lowerBound)
        #expect(Manifest.decode(a) == Self.manifest(["a": "1", "b": "2"]))
        #expect(Manifest.hash(Array("abc".utf8)) == "ba7816bf8f01cfea414140de5dae2223b00361a396177a9cb410ff61f20015ad")
    }

    @Test func writesThenLeavesAnUnchangedTreeAlone() throws {
        let dir = try Self.temporary()
        defer { try? FileManager.default.removeItem(atPath: dir) }
        let writer = OutputWriter(destination: dir + "/out")
        let files = ["ja/a.txt": Array("あ".utf8), "en/b.txt": Array("b".utf8)]
        let first = try writer.write(files, manifest: Self.manifest)
        #expect(first.written == 2 && !first.untouched)
        #expect(FileManager.default.contents(atPath: dir + "/out/ja/a.txt") == Data("あ".utf8))
        let second = try writer.write(files, manifest: Self.manifest)
        #expect(second.untouched)
        var changed = files
        changed["en/b.txt"] = Array("c".utf8)
        changed.removeValue(forKey: "ja/a.txt")
        let third = try writer.write(changed, manifest: Self.manifest)
        #expect(third.written == 1 && third.removed == 1)
        #expect(!FileManager.default.fileExists(atPath: dir + "/out/ja/a.txt"))
    }
}
