@testable import DemarcOutput
import Foundation
import Testing

/// The writer in process: errnos injected at named steps through `failAt`
/// come back as typed failures, leave nothing behind and the old tree intact;
/// conflicts, adopt and force; what is kept of the user's entries.
@Suite("OutputWriter: typed failures, conflicts, what is kept (in process)")
struct OutputWriterTests {
    typealias Failure = OutputWriter.Failure

    static func manifest(_ files: [String: String]) -> Manifest {
        Manifest(generator: "demarc", model: .init(id: "test", version: "1", asOf: "2017-03-31"), system: [:], files: files)
    }

    static func bytes(_ files: [String: String]) -> [String: [UInt8]] { files.mapValues { Array($0.utf8) } }

    static let old = bytes(["en/a.txt": "a", "en/b.txt": "b", "en/deep/c.txt": "c"])
    static let new = bytes(["en/a.txt": "a", "en/b.txt": "B", "ja/d.txt": "d"])

    /// The case of a failure, without its associated values.
    static func kind(_ failure: Failure?) -> String {
        switch failure {
        case nil: "none"
        case .permissionDenied?: "permissionDenied"
        case .noSpace?: "noSpace"
        case .crossDevice?: "crossDevice"
        case .busy?: "busy"
        case let other?: "other: \(other)"
        }
    }

    /// A folder with a first build in `site` and a file of the user's in it.
    static func firstBuild() throws -> (dir: String, out: String) {
        let dir = try Setup.folder()
        let out = dir + "/site"
        _ = try OutputWriter(destination: out).write(old, manifest: manifest)
        try Setup.write(out + "/en/mine.txt", "mine")
        try Setup.mkdir(out + "/empty", mode: 0o700)
        return (dir, out)
    }

    @Test(arguments: [
        ("lock", EACCES, "permissionDenied"),
        ("staging", EACCES, "permissionDenied"),
        ("staging", ENOSPC, "noSpace"),
        ("file en/b.txt", ENOSPC, "noSpace"),
        ("file ja/d.txt", EACCES, "permissionDenied"),
        ("file en/a.txt", ENOSPC, "noSpace"),
        ("carry en/mine.txt", ENOSPC, "noSpace"),
        ("carry en/mine.txt", EACCES, "permissionDenied"),
        ("folder en", EACCES, "permissionDenied"),
        ("folder .", EBUSY, "busy"),
        ("manifest", ENOSPC, "noSpace"),
        ("sync", ENOSPC, "noSpace"),
        ("swap", EXDEV, "crossDevice"),
        ("swap", EBUSY, "busy"),
        ("swap", EACCES, "permissionDenied"),
    ])
    func anInjectedErrnoIsATypedFailureLeavingNothingAndTheOldTree(step: String, code: Int32, expected: String) throws {
        let (dir, out) = try Self.firstBuild()
        defer { try? FileManager.default.removeItem(atPath: dir) }
        let meta = Meta.tree(out).mapValues(\.ignoringAccessTime)
        let before = Tree.read(out), stamps = Tree.stamps(out), listing = Setup.listing(dir)
        var steps: [String] = []
        let seen = Steps()
        let writer = OutputWriter(destination: out, stepHook: { seen.add($0) }, failAt: { $0 == step ? code : nil })
        let failure = #expect(throws: Failure.self) { try writer.write(Self.new, manifest: Self.manifest) }
        steps = seen.all
        #expect(steps.contains(step), "the step \(step) was reached: \(steps)")
        #expect(Self.kind(failure) == expected, "\(step): \(String(describing: failure))")
        if step == "swap" {
            #expect(failure == Failure.from(code, path: out, operation: "swap the new output into"))
        }
        if step.hasPrefix("file ") || step == "manifest" || step.hasPrefix("folder ") {
            // Names the entry in the staging tree.
            let path: String? =
                switch failure {
                case .noSpace(let p)?, .permissionDenied(let p)?, .busy(let p)?: p
                default: nil
                }
            #expect(path?.hasPrefix(dir + "/.site.staging-") == true, "\(String(describing: path))")
        }
        #expect(!(failure?.description.contains("NSCocoaErrorDomain") ?? true))
        #expect(Setup.listing(dir) == listing, "no staging folder or lock left: \(Setup.listing(dir))")
        #expect(Meta.tree(out).mapValues(\.ignoringAccessTime) == meta, "the old tree's entries and metadata")
        #expect(Tree.read(out) == before)
        #expect(Tree.stamps(out) == stamps)
        // The same writer without the fault goes through.
        let report = try OutputWriter(destination: out).write(Self.new, manifest: Self.manifest)
        #expect(report == OutputWriter.Report(written: 2, unchanged: 1, removed: 1, carried: 1))
        #expect(Setup.listing(dir) == listing)
    }

    /// A first build that fails leaves nothing: no folder, no lock, no parent folders it made.
    @Test(arguments: [("manifest", ENOSPC), ("swap", EXDEV), ("staging", EACCES)])
    func aFailedFirstBuildLeavesNoFolderNoLockNoParents(step: String, code: Int32) throws {
        let dir = try Setup.folder()
        defer { try? FileManager.default.removeItem(atPath: dir) }
        let writer = OutputWriter(destination: dir + "/a/b/site", failAt: { $0 == step ? code : nil })
        #expect(throws: Failure.self) { try writer.write(Self.new, manifest: Self.manifest) }
        #expect(Setup.listing(dir).isEmpty, "\(Setup.listing(dir))")
    }

    @Test func linkingFailuresFallBackToCopiesKeepingOwnerModeTimesAndXattrs() throws {
        let (dir, out) = try Self.firstBuild()
        defer { try? FileManager.default.removeItem(atPath: dir) }
        let mine = out + "/en/mine.txt"
        try Setup.chown(mine, Setup.nobody)
        try Setup.chmod(mine, 0o604)
        try XAttr.set(mine, "user.origin", "the user")
        try Setup.stamp(mine)
        try FileManager.default.createSymbolicLink(atPath: out + "/en/link", withDestinationPath: "mine.txt")
        try Setup.chown(out + "/en/link", Setup.nobody)
        try Setup.stamp(out + "/en/link")
        #expect(mkfifo(out + "/en/fifo", 0o620) == 0)
        try Setup.chmod(out + "/en/fifo", 0o620)
        try Setup.stamp(out + "/en/fifo")
        let before = Meta.tree(out)
        // EXDEV for every link of the user's entries, and EPERM for Demarc's unchanged file.
        let writer = OutputWriter(
            destination: out,
            failAt: { step in
                step.hasPrefix("carry ") ? EXDEV : step == "file en/a.txt" ? EPERM : nil
            })
        let report = try writer.write(Self.new, manifest: Self.manifest)
        #expect(report.carried == 3)
        #expect(report.written == 3, "b, d, and a written again instead of linked")
        let after = Meta.tree(out)
        for path in ["en/mine.txt", "en/link", "en/fifo"] {
            let was = try #require(before[path]), now = try #require(after[path])
            #expect(now.inode != was.inode, "\(path) copied")
            #expect(now.ignoringInode == was.ignoringInode, "\(path): \(now) ≠ \(was)")
        }
        #expect(after["en/mine.txt"]?.xattrs["user.origin"] == Array("the user".utf8))
        #expect(FileManager.default.contents(atPath: mine) == Data("mine".utf8))
        #expect((try? FileManager.default.destinationOfSymbolicLink(atPath: out + "/en/link")) == "mine.txt")
        #expect(FileManager.default.contents(atPath: out + "/en/a.txt") == Data("a".utf8))
    }

    @Test func foldersOfYoursKeepTheirMetadataAndEmptyFoldersStayStaleOnesGo() throws {
        let (dir, out) = try Self.firstBuild()
        defer { try? FileManager.default.removeItem(atPath: dir) }
        // en/ is Demarc's folder at first; the user makes it theirs (owner, mode, xattr, times).
        try Setup.chown(out + "/en", Setup.nobody, 100)
        try Setup.chmod(out + "/en", 0o2750)
        try XAttr.set(out + "/en", "user.folder", "mine")
        try Setup.mkdir(out + "/empty/inner", mode: 0o711)
        for path in ["/en/mine.txt", "/en", "/empty/inner", "/empty", ""] { try Setup.stamp(out + path) }
        try XAttr.set(out, "user.top", "top")
        try Setup.chmod(out, 0o750)
        try Setup.stamp(out)
        let before = Meta.tree(out)
        let report = try OutputWriter(destination: out).write(Self.new, manifest: Self.manifest)
        #expect(report == OutputWriter.Report(written: 2, unchanged: 1, removed: 1, carried: 1))
        let after = Meta.tree(out)
        for path in [".", "en", "empty", "empty/inner", "en/mine.txt"] {
            #expect(after[path] == before[path], "\(path): \(String(describing: after[path])) ≠ \(String(describing: before[path]))")
        }
        // Demarc's unchanged file: the same inode (hashing it may move its access time).
        #expect(after["en/a.txt"]?.ignoringAccessTime == before["en/a.txt"]?.ignoringAccessTime)
        #expect(after["en/deep"] == nil, "a folder that held only a stale file of Demarc's goes with it")
        #expect(after["ja"].map { $0.mode & 0o7777 } == 0o755, "a folder Demarc creates is 0755")
        #expect(after["en/b.txt"].map { $0.mode & 0o7777 } == 0o644)
    }

    @Test func conflictsAreTypedAndForceOverwritesThem() throws {
        let (dir, out) = try Self.firstBuild()
        defer { try? FileManager.default.removeItem(atPath: dir) }
        try Setup.write(out + "/en/b.txt", "edited")  // Demarc's, edited: would be overwritten
        try Setup.write(out + "/en/deep/c.txt", "edited")  // Demarc's, edited: would be removed
        try Setup.write(out + "/ja/d.txt", "mine")  // the user's, where Demarc writes
        let before = Tree.read(out)
        let failure = #expect(throws: Failure.self) { try OutputWriter(destination: out).write(Self.new, manifest: Self.manifest) }
        let expected: [OutputWriter.Conflict] = [
            .init(path: "en/b.txt", kind: .editedByHand), .init(path: "en/deep/c.txt", kind: .editedByHand),
            .init(path: "ja/d.txt", kind: .notDemarcs),
        ]
        #expect(failure == .conflicts(out, expected))
        #expect(Tree.read(out) == before)
        let report = try OutputWriter(destination: out, force: true).write(Self.new, manifest: Self.manifest)
        #expect(report.overwritten == 3)
        #expect(Tree.read(out)["en/b.txt"] == Data("B".utf8))
        #expect(Tree.read(out)["en/deep/c.txt"] == nil)
        #expect(Tree.read(out)["ja/d.txt"] == Data("d".utf8))
        #expect(Tree.read(out)["en/mine.txt"] == Data("mine".utf8))
    }

    @Test func somethingInTheWayOfAFolderIsAConflictAndSoIsAFolderInTheWayOfAFile() throws {
        let dir = try Setup.folder()
        defer { try? FileManager.default.removeItem(atPath: dir) }
        let out = dir + "/site"
        try Setup.write(out + "/ja", "a file where Demarc needs a folder")
        try Setup.write(out + "/en/a.txt/inside", "a folder where Demarc writes a file")
        let refused = #expect(throws: Failure.self) { try OutputWriter(destination: out).write(Self.new, manifest: Self.manifest) }
        #expect(refused == .notEmptyNotDemarcs(out, [.init(path: "en/a.txt", kind: .inTheWay), .init(path: "ja", kind: .inTheWay)]))
        let failure = #expect(throws: Failure.self) { try OutputWriter(destination: out, adopt: true).write(Self.new, manifest: Self.manifest) }
        #expect(failure == .conflicts(out, [.init(path: "en/a.txt", kind: .inTheWay), .init(path: "ja", kind: .inTheWay)]))
        let report = try OutputWriter(destination: out, adopt: true, force: true).write(Self.new, manifest: Self.manifest)
        #expect(report.overwritten == 2)
        #expect(Tree.read(out)["en/a.txt"] == Data("a".utf8))
    }

    @Test func aSymlinkAsTheOutputFolderIsRefusedAndNotFollowed() throws {
        let dir = try Setup.folder()
        defer { try? FileManager.default.removeItem(atPath: dir) }
        try Setup.mkdir(dir + "/real")
        try FileManager.default.createSymbolicLink(atPath: dir + "/site", withDestinationPath: "real")
        let failure = #expect(throws: Failure.self) { try OutputWriter(destination: dir + "/site").write(Self.new, manifest: Self.manifest) }
        #expect(failure == .symlinkInTheWay(dir + "/site"))
        #expect(Setup.listing(dir + "/real").isEmpty)
        #expect(Setup.listing(dir) == ["real", "site"])
    }

    @Test func anEmptyDestinationAndSlashAreRefused() throws {
        #expect(throws: Failure.emptyDestination) { try OutputWriter(destination: "").write(Self.new, manifest: Self.manifest) }
        #expect(throws: Failure.rootDestination) { try OutputWriter(destination: "/tmp/..").write(Self.new, manifest: Self.manifest) }
    }
}

/// Step names seen by a hook (the hook is @Sendable).
final class Steps: @unchecked Sendable {
    private var names: [String] = []
    private let lock = NSLock()
    func add(_ name: String) { lock.lock(); names.append(name); lock.unlock() }
    var all: [String] { lock.lock(); defer { lock.unlock() }; return names }
}
