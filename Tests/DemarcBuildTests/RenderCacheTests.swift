@testable import DemarcBuild
import DemarcModel
@testable import DemarcOutput
import DemarcRender
import DemarcTestSupport
import Foundation
import Testing

@Suite("The render cache")
struct RenderCacheTests {
    static func folder() throws -> String {
        let url = FileManager.default.temporaryDirectory.appendingPathComponent("demarc-cache-test-\(UUID().uuidString)")
        try FileManager.default.createDirectory(at: url, withIntermediateDirectories: true)
        return url.path
    }

    static func builder() throws -> Builder {
        try Builder(derivation: Fixture.p2, options: BuildOptions(parts: [.diagrams, .pages], formats: [.svg, .png, .pdf]))
    }

    static func ready(_ directory: String) throws -> RenderCache {
        let cache = RenderCache(directory: directory + "/cache")
        try cache.prepare()
        return cache
    }

    static func entries(_ cache: RenderCache) throws -> [String] {
        let root = cache.directory + "/renders"
        return try FileManager.default.contentsOfDirectory(atPath: root).flatMap { folder in
            try FileManager.default.contentsOfDirectory(atPath: root + "/" + folder).map { root + "/" + folder + "/" + $0 }
        }.sorted()
    }

    @Test func cachedAndUncachedBuildsAreByteIdenticalAndAFullHitRendersNothing() async throws {
        let dir = try Self.folder()
        defer { try? FileManager.default.removeItem(atPath: dir) }
        let cache = try Self.ready(dir)
        let builder = try Self.builder()
        let uncached = try await builder.build(renderer: InProcessRenderer())
        let filling = try await builder.build(renderer: InProcessRenderer(), cache: cache)
        #expect(filling.rendered == 42 && filling.cached == 0)
        let counting = CountingRenderer()
        let cached = try await builder.build(renderer: counting, cache: cache)
        #expect(cached.cached == 42 && cached.rendered == 0)
        #expect(await counting.log.jobs.isEmpty, "a build the cache answers wholly starts no render, not even the font check")
        #expect(filling.files == uncached)
        #expect(cached.files == uncached)
    }

    @Test func aDamagedEntryIsDetectedRemovedAndRenderedAgain() async throws {
        let dir = try Self.folder()
        defer { try? FileManager.default.removeItem(atPath: dir) }
        let cache = try Self.ready(dir)
        let builder = try Builder(derivation: Fixture.p2, options: BuildOptions(formats: [.svg]))
        let first = try await builder.build(renderer: InProcessRenderer(), cache: cache)
        let entries = try Self.entries(cache)
        #expect(entries.count == first.rendered)
        // One byte flipped in one entry, another cut short.
        var bytes = try #require(FileManager.default.contents(atPath: entries[0]))
        bytes[bytes.count / 2] ^= 0x01
        try bytes.write(to: URL(fileURLWithPath: entries[0]))
        let truncated = try #require(FileManager.default.contents(atPath: entries[1]))
        try truncated.prefix(truncated.count - 7).write(to: URL(fileURLWithPath: entries[1]))
        let counting = CountingRenderer()
        let again = try await builder.build(renderer: counting, cache: cache)
        #expect(again.damaged == 2 && again.rendered == 2 && again.cached == first.rendered - 2)
        #expect(await counting.log.jobs.count == 3, "the font check and the two diagrams")
        #expect(again.files == first.files)
        let healed = try await builder.build(renderer: InProcessRenderer(), cache: cache)
        #expect(healed.cached == first.rendered && healed.damaged == 0)
    }

    @Test func aChangedFinishingVersionOrSystemOrDiagramChangesTheKey() throws {
        let builder = try Builder(derivation: Fixture.p2, options: BuildOptions(formats: [.svg]))
        let input = PartInput(builder: builder, language: .ja, views: builder.views(.ja))
        let make = try #require(DiagramsPart().plan(input).renders.first)
        let render = make()
        let key = Builder.cacheKey(render)
        #expect(key == Builder.cacheKey(render), "the same diagram, the same key")
        #expect(Builder.cacheKey(render, finishing: FinishingVersion.current + 1) != key)
        #expect(Builder.cacheKey(render, system: ["graphviz": "2.42.2-7+deb12u1", "pango": "other"]) != key)
        var changed = render
        changed.job.dot += " "
        #expect(Builder.cacheKey(changed) != key)
        changed = render
        changed.finishing[2] += "!"
        #expect(Builder.cacheKey(changed) != key, "a changed title is a different entry")
        #expect(RenderCache.key(["ab", "c"]) != RenderCache.key(["a", "bc"]), "parts are length-prefixed")
    }

    @Test func entriesAreWrittenForThisUserOnlyAndAtomically() async throws {
        let dir = try Self.folder()
        defer { try? FileManager.default.removeItem(atPath: dir) }
        let cache = try Self.ready(dir)
        #expect(cache.store("ab" + String(repeating: "0", count: 62), ["a.svg": [1, 2, 3]]))
        var st = stat()
        for folder in [cache.directory, cache.directory + "/renders", cache.directory + "/renders/ab"] {
            #expect(lstat(folder, &st) == 0 && st.st_mode & 0o777 == 0o700, "\(folder)")
        }
        let entry = try #require(try Self.entries(cache).first)
        #expect(lstat(entry, &st) == 0 && st.st_mode & 0o777 == 0o600)
        #expect(!(try Self.entries(cache).contains { $0.contains(".tmp-") }), "no temporary file left")
        // A folder of another kind is refused, not used.
        let link = dir + "/link"
        try FileManager.default.createSymbolicLink(atPath: link, withDestinationPath: cache.directory)
        #expect(throws: RenderCache.Unusable.notAFolder(link)) { try RenderCache(directory: link).prepare() }
        // A loose mode is tightened.
        chmod(cache.directory, 0o755)
        try cache.prepare()
        #expect(lstat(cache.directory, &st) == 0 && st.st_mode & 0o777 == 0o700)
    }

    /// Two builds filling and reading one cache at once: every read is a whole
    /// entry or a miss, and both builds give the same files.
    @Test func concurrentBuildsShareTheCacheSafely() async throws {
        let dir = try Self.folder()
        defer { try? FileManager.default.removeItem(atPath: dir) }
        let cache = try Self.ready(dir)
        let key = "cd" + String(repeating: "1", count: 62)
        let files = ["x.png": [UInt8](repeating: 7, count: 300_000), "x.svg": Array("<svg/>".utf8)]
        await withTaskGroup(of: Bool.self) { group in
            for i in 0..<16 {
                group.addTask {
                    if i % 2 == 0 { return cache.store(key, files) }
                    switch cache.read(key) {
                    case .hit(let read): return read == files
                    case .miss: return true
                    case .damaged: return false
                    }
                }
            }
            for await ok in group { #expect(ok) }
        }
        let builder = try Builder(derivation: Fixture.p2, options: BuildOptions(formats: [.svg, .png]))
        async let a = builder.build(renderer: InProcessRenderer(), cache: cache)
        async let b = builder.build(renderer: InProcessRenderer(), cache: cache)
        let (first, second) = try await (a, b)
        #expect(first.files == second.files)
        let third = try await builder.build(renderer: CountingRenderer(), cache: cache)
        #expect(third.rendered == 0 && third.files == first.files)
    }

    @Test func theSizeCapRemovesWhatWasUsedLongestAgo() throws {
        let dir = try Self.folder()
        defer { try? FileManager.default.removeItem(atPath: dir) }
        let cache = RenderCache(directory: dir + "/cache", maxBytes: 10_000)
        try cache.prepare()
        let keys = (0..<6).map { String(format: "%02x", $0) + String(repeating: "2", count: 62) }
        for (i, key) in keys.enumerated() {
            #expect(cache.store(key, ["f": [UInt8](repeating: UInt8(i), count: 3_000)]))
            // Used at distinct times, oldest first.
            var times = [timespec(tv_sec: 1_000_000 + i * 100, tv_nsec: 0), timespec(tv_sec: 1_000_000 + i * 100, tv_nsec: 0)]
            utimensat(AT_FDCWD, cache.path(key), &times, 0)
        }
        _ = cache.read(keys[0])  // used now: kept
        cache.trim()
        let left = Set(try Self.entries(cache).map { ($0 as NSString).lastPathComponent })
        #expect(left == [keys[0], keys[5]], "under 80% of the cap, the most recently used kept")
    }

    @Test func theDocumentedPlace() {
        #expect(RenderCache.defaultDirectory(["DEMARC_CACHE_DIR": "/x", "HOME": "/h"]) == "/x")
        #expect(RenderCache.defaultDirectory(["XDG_CACHE_HOME": "/c", "HOME": "/h"]) == "/c/demarc")
        #expect(RenderCache.defaultDirectory(["HOME": "/h"]) == "/h/.cache/demarc")
        #expect(RenderCache.defaultDirectory([:]) == nil)
    }
}

/// Finishing (SVG and PDF) is part of every cache key through its version.
/// This digest of what finishing makes of fixed input changes whenever
/// finishing does: raise `FinishingVersion.current` then, and record the new
/// digest here, so that no cache serves files finished the old way.
@Suite("The finishing version")
struct FinishingVersionTests {
    static let digests: [Int: String] = [
        2: "487d1d3a86b98360f13f3907fb3b99db84642de5b280a96eca375e90715d19eb"
    ]

    @Test func finishingOutputMatchesItsVersion() {
        let svg = Array(
            """
            <?xml version="1.0" encoding="UTF-8" standalone="no"?>
            <!-- Generated by graphviz -->
            <svg width="10pt" height="10pt" viewBox="0 0 10 10" xmlns="http://www.w3.org/2000/svg" xmlns:xlink="http://www.w3.org/1999/xlink">
            <g id="graph0" class="graph"><title>g</title>
            <g id="surface59"><path d="M 0 0"/></g>
            <g id="a_n1"><a xlink:href="entry-1.svg" xlink:title="t &amp; u"><text>A &lt; B</text></a></g>
            </g>
            </svg>
            """.utf8)
        let pdf = Array(
            "%PDF-1.5\n1 0 obj\n<< /CreationDate (D:20261204093000+09'00) >>\nendobj\nxref\n0 2\n0000000000 65535 f \n0000000009 00000 n \ntrailer\n<< >>\nstartxref\n60\n%%EOF\n"
                .utf8)
        var all: [UInt8] = []
        for links in [SVGFinisher.Links.keep, .remove, .prefix("https://w.example/ja/diagrams/")] {
            for standalone in [true, false] {
                all += SVGFinisher.finish(svg, id: "d1", title: "T & \"t\"", description: "D <d>", standalone: standalone, links: links)
            }
        }
        all += PDFFinisher.finish(pdf, asOf: Day(year: 2017, month: 3, day: 31)!)
        let digest = Manifest.hash(all)
        #expect(
            Self.digests[FinishingVersion.current] == digest,
            "finishing changed (digest \(digest)): raise FinishingVersion.current and record this digest for it")
    }
}

/// The system versions the manifest records and the cache keys name.
@Suite("System versions from the package database")
struct SystemVersionsTests {
    @Test func onlyInstalledPackagesOfTheListAreRead() throws {
        let status = """
            Package: libgvc6-plugins
            Status: install ok installed
            Version: 9.9

            Package: libgvc6
            Status: install ok installed
            Priority: optional
            Version: 2.42.2-7+deb12u1
            Description: rich set of graph drawing tools
             Package: zlib1g
             a continuation line that looks like a header

            Package: libcairo2
            Status: deinstall ok config-files
            Version: 1.16.0-7

            Package: fonts-noto-cjk
            Version: 1:20220127+repack1-1
            Status: install ok installed
            """
        let path = FileManager.default.temporaryDirectory.appendingPathComponent("dpkg-status-\(UUID().uuidString)").path
        try status.write(toFile: path, atomically: true, encoding: .utf8)
        defer { try? FileManager.default.removeItem(atPath: path) }
        #expect(SystemVersions.read(statusFile: path) == ["graphviz": "2.42.2-7+deb12u1", "fonts-noto-cjk": "1:20220127+repack1-1"])
        #expect(SystemVersions.read(statusFile: path + ".missing") == [:])
    }

    /// The one-pass reader agrees with splitting the whole file, on this machine's database.
    @Test func theRealDatabaseReadsAsAFullParseDoes() throws {
        guard let text = try? String(contentsOfFile: "/var/lib/dpkg/status", encoding: .utf8) else { return }
        let wanted = Dictionary(SystemVersions.packages, uniquingKeysWith: { a, _ in a })
        var expected: [String: String] = [:]
        for stanza in text.components(separatedBy: "\n\n") {
            var package: String?, version: String?, installed = false
            for line in stanza.split(separator: "\n") {
                if line.hasPrefix("Package: ") { package = String(line.dropFirst(9)) }
                if line.hasPrefix("Version: ") { version = String(line.dropFirst(9)) }
                if line.hasPrefix("Status: ") { installed = line.hasSuffix(" installed") }
            }
            if let package, let version, installed, let component = wanted[package] { expected[component] = version }
        }
        #expect(SystemVersions.read() == expected)
        #expect(expected["graphviz"] != nil, "libgvc6 is installed here")
    }
}
