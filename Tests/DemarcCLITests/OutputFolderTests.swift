@testable import DemarcOutput
import Foundation
import Testing

/// The issue's table "the output folder — nothing of the user's lost or
/// changed": one test per row, the reproducer run end to end on the built
/// binary (B = Demarc.binary, M = a model from `demarc init M`, F =
/// `Demarc.small`). Permission rows run the binary as uid 65534 with setpriv.
@Suite("demarc build: the output folder, nothing of yours lost or changed (end to end)")
struct OutputFolderTests {
    // Row: empty --out.
    @Test func anEmptyOutIsAUsageErrorAndTheCurrentFolderStays() async throws {
        let dir = try Setup.folder()
        defer { try? FileManager.default.removeItem(atPath: dir) }
        let model = try await Demarc.initModel(in: dir)
        let x = dir + "/x"
        try FileManager.default.createDirectory(atPath: x + "/keep", withIntermediateDirectories: true)
        let r = try await Demarc.run(["build", model, "--out", ""] + Demarc.small, in: x, timeout: 300)
        #expect(r.status == 2, "\(r.stderr)")
        #expect(r.stderr.contains("--out"))
        #expect(Setup.listing(x) == ["keep"])
        #expect(Setup.listing(dir).filter { $0.contains("staging") || $0.hasSuffix(".lock") }.isEmpty)
    }

    // Row: empty init target.
    @Test func initWithAnEmptyDirIsAUsageErrorAndWritesNothing() async throws {
        let dir = try Setup.folder()
        defer { try? FileManager.default.removeItem(atPath: dir) }
        let y = dir + "/y"
        try Setup.write(y + "/model.yaml", "mine\n")
        let r = try await Demarc.run(["init", ""], in: y)
        #expect(r.status == 2, "\(r.stderr)")
        #expect(!r.stdout.contains("wrote"))
        #expect(Setup.listing(y) == ["model.yaml"])
        #expect(FileManager.default.contents(atPath: y + "/model.yaml") == Data("mine\n".utf8))
        // A non-empty folder is refused too, writing nothing.
        let again = try await Demarc.run(["init", y])
        #expect(again.status == 1)
        #expect(again.stderr.contains("not empty"))
        #expect(Setup.listing(y) == ["model.yaml"])
        #expect(FileManager.default.contents(atPath: y + "/model.yaml") == Data("mine\n".utf8))
    }

    // Row: a non-empty folder of the user's (refused without --adopt; with it,
    // every entry keeps mode, owner, times, xattrs; empty folders stay).
    @Test func aNonEmptyFolderOfYoursIsRefusedUnlessAdoptedAndThenKeepsEverything() async throws {
        let dir = try Setup.folder()
        defer { try? FileManager.default.removeItem(atPath: dir) }
        let model = try await Demarc.initModel(in: dir)
        let r = dir + "/r"
        try Setup.mkdir(r, mode: 0o700)
        try Setup.mkdir(r + "/.ssh", mode: 0o700)
        try Setup.mkdir(r + "/empty", mode: 0o750)
        try Setup.write(r + "/.ssh/k", "key")
        try Setup.chmod(r + "/.ssh/k", 0o600)
        // The user's own en/ (Demarc writes into it): owned by 65534, 0750, an xattr.
        try Setup.mkdir(r + "/en", mode: 0o750)
        try Setup.write(r + "/en/notes.txt", "mine")
        try FileManager.default.createSymbolicLink(atPath: r + "/link", withDestinationPath: "en/notes.txt")
        for path in ["/.ssh", "/.ssh/k", "/empty", "/en", "/en/notes.txt", "/link"] { try Setup.chown(r + path, Setup.nobody) }
        try XAttr.set(r, "user.top", "T")
        try XAttr.set(r + "/.ssh/k", "user.k", "secret")
        try XAttr.set(r + "/empty", "user.e", "E")
        try XAttr.set(r + "/en", "user.lang", "en")
        for path in ["/.ssh/k", "/en/notes.txt", "/link", "/.ssh", "/empty", "/en", ""] { try Setup.stamp(r + path) }
        let before = Meta.tree(r)

        let refused = try await Demarc.run(["build", model, "--out", r] + Demarc.small, timeout: 300)
        #expect(refused.status == 1, "\(refused.stderr)")
        #expect(refused.stderr.contains("--adopt"))
        #expect(refused.stderr.contains(r))
        #expect(!refused.stderr.contains("NSCocoaErrorDomain"))
        #expect(Meta.tree(r) == before, "a refused build changed nothing")
        #expect(Setup.listing(dir).filter { $0.contains("staging") }.isEmpty)

        let adopted = try await Demarc.run(["build", model, "--out", r, "--adopt"] + Demarc.small, timeout: 300)
        #expect(adopted.status == 0, "\(adopted.stderr)")
        #expect(adopted.stdout.contains("3 of yours carried over"))
        let after = Meta.tree(r)
        for (path, meta) in before {
            // Folders are re-created (another inode); everything else is the same entry.
            #expect(after[path] == meta, "\(path): \(String(describing: after[path])) ≠ \(meta)")
        }
        #expect(after["en/diagrams/comparison.svg"] != nil)
        // Folders Demarc creates itself get 0755.
        #expect(after["en/diagrams"].map { $0.mode & 0o7777 } == 0o755)
        #expect(after["en/diagrams/inline"].map { $0.mode & 0o7777 } == 0o755)
        #expect(FileManager.default.contents(atPath: r + "/.ssh/k") == Data("key".utf8))
    }

    // Row: a non-empty folder — a lone .gitkeep counts as empty.
    @Test func aLoneGitkeepCountsAsEmpty() async throws {
        let dir = try Setup.folder()
        defer { try? FileManager.default.removeItem(atPath: dir) }
        let model = try await Demarc.initModel(in: dir)
        let out = dir + "/Output"
        try Setup.write(out + "/.gitkeep", "")
        let r = try await Demarc.run(["build", model, "--out", out] + Demarc.small, timeout: 300)
        #expect(r.status == 0, "\(r.stderr)")
        #expect(FileManager.default.fileExists(atPath: out + "/.gitkeep"))
        #expect(FileManager.default.fileExists(atPath: out + "/en/diagrams/comparison.svg"))
        // A second file is not empty any more.
        let other = dir + "/other"
        try Setup.write(other + "/.gitkeep", "")
        try Setup.write(other + "/README", "mine")
        let refused = try await Demarc.run(["build", model, "--out", other] + Demarc.small, timeout: 300)
        #expect(refused.status == 1)
        #expect(Setup.listing(other) == [".gitkeep", "README"])
    }

    // Row: a non-empty folder — where keeping the owner is impossible (another
    // user's folder inside the output, the build run as 65534), refuse naming it.
    @Test func anotherUsersFolderInTheOutputIsRefusedNamingIt() async throws {
        let dir = try Setup.folder()
        defer { try? FileManager.default.removeItem(atPath: dir) }
        let model = try await Demarc.initModel(in: dir)
        let home = dir + "/n"
        try Setup.mkdir(home)
        try Setup.chown(home, Setup.nobody)
        let site = home + "/site"
        let first = try await Demarc.runAsNobody(["build", model, "--out", site] + Demarc.small, home: home)
        #expect(first.status == 0, "\(first.stderr)")
        try Setup.mkdir(site + "/roots", mode: 0o755)  // root's, as root made it
        try Setup.write(site + "/roots/file", "root's")
        // Listing a folder may move its access time; everything else must stay.
        let before = Meta.tree(site).mapValues(\.ignoringAccessTime), listing = Setup.listing(home)
        let r = try await Demarc.runAsNobody(["build", model, "--out", site, "--format", "svg", "--lang", "ja", "--diagrams", "comparison"], home: home)
        #expect(r.status == 1, "\(r.stderr)")
        #expect(r.stderr.contains(site + "/roots"))
        #expect(r.stderr.contains("belongs to another user"))
        #expect(!r.stderr.contains("NSCocoaErrorDomain"))
        #expect(Meta.tree(site).mapValues(\.ignoringAccessTime) == before)
        #expect(Setup.listing(home) == listing, "nothing left beside the output")
    }

    // Row: a non-empty folder — a git repository after `git gc` (empty
    // .git/refs/heads, .git/refs/tags) stays a repository with --adopt.
    @Test func aGitRepositoryAdoptedAfterGcStaysARepository() async throws {
        let dir = try Setup.folder()
        defer { try? FileManager.default.removeItem(atPath: dir) }
        let model = try await Demarc.initModel(in: dir)
        let repo = dir + "/repo"
        let git = ["git", "-c", "user.name=Demarc Test", "-c", "user.email=test@example.invalid", "-C", repo]
        #expect(try await tool(["git", "init", "-q", repo]).status == 0)
        try Setup.write(repo + "/README.md", "a repository\n")
        #expect(try await tool(git + ["add", "README.md"]).status == 0)
        #expect(try await tool(git + ["commit", "-q", "-m", "first"]).status == 0)
        #expect(try await tool(git + ["gc", "-q"]).status == 0)
        var isFolder: ObjCBool = false
        #expect(Setup.listing(repo + "/.git/refs/heads").isEmpty, "git gc packed the refs")
        let r = try await Demarc.run(["build", model, "--out", repo, "--adopt"] + Demarc.small, timeout: 300)
        #expect(r.status == 0, "\(r.stderr)")
        #expect(FileManager.default.fileExists(atPath: repo + "/.git/refs/heads", isDirectory: &isFolder) && isFolder.boolValue)
        #expect(FileManager.default.fileExists(atPath: repo + "/.git/refs/tags"))
        let fsck = try await tool(git + ["fsck"])
        #expect(fsck.status == 0, "\(fsck.stderr)")
        let log = try await tool(git + ["log", "--oneline"])
        #expect(log.status == 0, "\(log.stderr)")
        #expect(log.stdout.contains("first"))
        #expect(FileManager.default.fileExists(atPath: repo + "/en/diagrams/comparison.svg"))
    }

    // Row: a Demarc file edited by hand (hash ≠ manifest).
    @Test func aDemarcFileEditedByHandIsAConflictUnlessForced() async throws {
        let dir = try Setup.folder()
        defer { try? FileManager.default.removeItem(atPath: dir) }
        let model = try await Demarc.initModel(in: dir)
        let out = dir + "/site"
        #expect(try await Demarc.run(["build", model, "--out", out] + Demarc.small, timeout: 300).status == 0)
        let file = out + "/en/diagrams/comparison.svg"
        let original = try #require(FileManager.default.contents(atPath: file))
        try Setup.write(file, "<svg>edited by hand</svg>")
        let r = try await Demarc.run(["build", model, "--out", out] + Demarc.small, timeout: 300)
        #expect(r.status == 1, "\(r.stderr)")
        #expect(r.stderr.contains(file))
        #expect(r.stderr.contains("edited"))
        #expect(r.stderr.contains("--force"))
        #expect(FileManager.default.contents(atPath: file) == Data("<svg>edited by hand</svg>".utf8))
        let forced = try await Demarc.run(["build", model, "--out", out, "--force"] + Demarc.small, timeout: 300)
        #expect(forced.status == 0, "\(forced.stderr)")
        #expect(forced.stdout.contains("1 of yours overwritten (--force)"))
        #expect(FileManager.default.contents(atPath: file) == original)
    }

    // Row: a read-only output folder (chmod 555 after a first build, as another user).
    @Test func aReadOnlyOutputFolderIsAPermissionErrorLeavingNothing() async throws {
        let dir = try Setup.folder()
        defer { try? FileManager.default.removeItem(atPath: dir) }
        let model = try await Demarc.initModel(in: dir)
        let home = dir + "/n"
        try Setup.mkdir(home)
        try Setup.chown(home, Setup.nobody)
        let site = home + "/site"
        let first = try await Demarc.runAsNobody(["build", model, "--out", site] + Demarc.small, home: home)
        #expect(first.status == 0, "\(first.stderr)")
        try Setup.chmod(site, 0o555)
        unlink(home + "/.site.lock")  // so that a lock created now would show
        let before = Meta.tree(site).mapValues(\.ignoringAccessTime), listing = Setup.listing(home)
        let r = try await Demarc.runAsNobody(["build", model, "--out", site, "--format", "svg", "--lang", "ja", "--diagrams", "comparison"], home: home)
        #expect(r.status == 1, "\(r.stderr)")
        #expect(r.stderr.contains("permission denied"))
        #expect(r.stderr.contains(site))
        #expect(!r.stderr.contains("NSCocoaErrorDomain"))
        #expect(Meta.tree(site).mapValues(\.ignoringAccessTime) == before, "the folder is as it was, still 0555")
        #expect(before["."].map { $0.mode & 0o7777 } == 0o555)
        #expect(Setup.listing(home) == listing, "no staging folder, no lock left")
    }

    // Row: a user's file where Demarc would write.
    @Test func aFileOfYoursWhereDemarcWritesIsAConflictUnlessForced() async throws {
        let dir = try Setup.folder()
        defer { try? FileManager.default.removeItem(atPath: dir) }
        let model = try await Demarc.initModel(in: dir)
        // The reproducer as it stands: a folder of the user's with the file in it.
        let o = dir + "/o", file = o + "/en/diagrams/comparison.svg"
        try Setup.write(file, "mine\n")
        let r = try await Demarc.run(["build", model, "--out", o] + Demarc.small, timeout: 300)
        #expect(r.status == 1, "\(r.stderr)")
        #expect(r.stderr.contains(file), "the conflict is named")
        let adopted = try await Demarc.run(["build", model, "--out", o, "--adopt"] + Demarc.small, timeout: 300)
        #expect(adopted.status == 1, "\(adopted.stderr)")
        #expect(adopted.stderr.contains(file))
        #expect(adopted.stderr.contains("--force"))
        #expect(FileManager.default.contents(atPath: file) == Data("mine\n".utf8))
        let forced = try await Demarc.run(["build", model, "--out", o, "--adopt", "--force"] + Demarc.small, timeout: 300)
        #expect(forced.status == 0, "\(forced.stderr)")
        #expect(forced.stdout.contains("1 of yours overwritten (--force)"))
        #expect(FileManager.default.contents(atPath: file) != Data("mine\n".utf8))
        // In a folder Demarc wrote before (another diagram), the same file is a conflict too.
        let site = dir + "/site", mine = site + "/en/diagrams/comparison.svg"
        #expect(try await Demarc.run(["build", model, "--out", site, "--format", "svg", "--lang", "en", "--diagrams", "offering"], timeout: 300).status == 0)
        try Setup.write(mine, "mine\n")
        let again = try await Demarc.run(["build", model, "--out", site] + Demarc.small, timeout: 300)
        #expect(again.status == 1, "\(again.stderr)")
        #expect(again.stderr.contains(mine))
        #expect(FileManager.default.contents(atPath: mine) == Data("mine\n".utf8))
        #expect(try await Demarc.run(["build", model, "--out", site, "--force"] + Demarc.small, timeout: 300).status == 0)
    }

    // Row: the lock path is a symlink.
    @Test func aSymlinkAtTheLockPathIsNeverFollowed() async throws {
        let dir = try Setup.folder()
        defer { try? FileManager.default.removeItem(atPath: dir) }
        let model = try await Demarc.initModel(in: dir)
        try FileManager.default.createSymbolicLink(atPath: dir + "/.site.lock", withDestinationPath: dir + "/created")
        let r = try await Demarc.run(["build", model, "--out", "site"] + Demarc.small, in: dir, timeout: 300)
        #expect(r.status == 1, "\(r.stderr)")
        #expect(r.stderr.contains(dir + "/.site.lock"))
        #expect(r.stderr.contains("symbolic link"))
        #expect(!FileManager.default.fileExists(atPath: dir + "/created"), "the link was not followed")
        #expect(!FileManager.default.fileExists(atPath: dir + "/site"))
        #expect(Setup.listing(dir).filter { $0.contains("staging") }.isEmpty)
    }

    // Row: someone else's .site.staging-x/ beside the output.
    @Test func onlyStagingFoldersWithDemarcsMarkerAreRemoved() async throws {
        let dir = try Setup.folder()
        defer { try? FileManager.default.removeItem(atPath: dir) }
        let model = try await Demarc.initModel(in: dir)
        let out = dir + "/site"
        try Setup.write(dir + "/.site.staging-x/theirs.txt", "someone else's")
        // A build killed while staging leaves a marked folder…
        let killed = try await Demarc.run(["build", model, "--out", out] + Demarc.small, environment: ["DEMARC_FAULT_KILL_AT_STEP": "3"], timeout: 300)
        #expect(killed.status == 128 + 9)
        let leftovers = Setup.listing(dir).filter { $0.hasPrefix(".site.staging-") && $0 != ".site.staging-x" }
        #expect(leftovers.count == 1)
        for leftover in leftovers {
            #expect(
                FileManager.default.contents(atPath: dir + "/" + leftover + "/" + OutputWriter.stagingMarker)
                    == Data(OutputWriter.stagingMarkerContents))
        }
        // …which the next build removes; the unmarked one it leaves alone.
        let r = try await Demarc.run(["build", model, "--out", out] + Demarc.small, timeout: 300)
        #expect(r.status == 0, "\(r.stderr)")
        #expect(Setup.listing(dir).filter { $0.contains("staging") } == [".site.staging-x"])
        #expect(FileManager.default.contents(atPath: dir + "/.site.staging-x/theirs.txt") == Data("someone else's".utf8))
    }

    // Row: a carried file that cannot be hard-linked — another user's mode-600
    // file, the build run as 65534: a clear message naming the file.
    @Test func anotherUsersUnlinkableFileIsAClearErrorNamingIt() async throws {
        let dir = try Setup.folder()
        defer { try? FileManager.default.removeItem(atPath: dir) }
        let model = try await Demarc.initModel(in: dir)
        let home = dir + "/n"
        try Setup.mkdir(home)
        try Setup.chown(home, Setup.nobody)
        let site = home + "/site"
        let first = try await Demarc.runAsNobody(["build", model, "--out", site] + Demarc.small, home: home)
        #expect(first.status == 0, "\(first.stderr)")
        try Setup.write(site + "/secret", "root's")  // root's, as root wrote it
        try Setup.chmod(site + "/secret", 0o600)
        let before = Meta.tree(site).mapValues(\.ignoringAccessTime), listing = Setup.listing(home)
        for _ in 0..<2 {  // it does not block "every build" with a raw error: same clear message each time
            let r = try await Demarc.runAsNobody(["build", model, "--out", site, "--format", "svg", "--lang", "ja", "--diagrams", "comparison"], home: home)
            #expect(r.status == 1, "\(r.stderr)")
            #expect(r.stderr.contains(site + "/secret"))
            #expect(r.stderr.contains("belongs to another user"))
            #expect(!r.stderr.contains("NSCocoaErrorDomain"))
            #expect(Meta.tree(site).mapValues(\.ignoringAccessTime) == before)
            #expect(Setup.listing(home) == listing, "no staging folder left")
        }
    }

    // Row: a carried file that cannot be hard-linked (EXDEV injected at its
    // carry step, run as root): copied with owner, mode, times and xattrs kept.
    @Test func aCarriedFileThatCannotBeLinkedIsCopiedKeepingOwnerModeTimesXattrs() async throws {
        let dir = try Setup.folder()
        defer { try? FileManager.default.removeItem(atPath: dir) }
        let model = try await Demarc.initModel(in: dir)
        let out = dir + "/site"
        #expect(try await Demarc.run(["build", model, "--out", out] + Demarc.small, timeout: 300).status == 0)
        let mine = out + "/en/mine.txt"
        try Setup.write(mine, "my notes")
        try Setup.chown(mine, Setup.nobody)
        try Setup.chmod(mine, 0o640)
        try XAttr.set(mine, "user.note", "kept")
        try Setup.stamp(mine)
        let before = try #require(Meta.of(mine))
        let r = try await Demarc.run(
            ["build", model, "--out", out, "--format", "svg", "--lang", "all", "--diagrams", "comparison"],
            environment: ["DEMARC_FAULT_ERRNO_AT_STEP": "carry en/mine.txt:EXDEV"], timeout: 300)
        #expect(r.status == 0, "\(r.stderr)")
        let after = try #require(Meta.of(mine))
        #expect(after.inode != before.inode, "copied, not linked")
        #expect(after.ignoringInode == before.ignoringInode)
        #expect(after.uid == Setup.nobody && after.mode & 0o7777 == 0o640 && after.xattrs["user.note"] == Array("kept".utf8))
        #expect(FileManager.default.contents(atPath: mine) == Data("my notes".utf8))
    }

    // Row: refused --out /dev/null — nothing left behind on refusal.
    @Test func aRefusedDestinationLeavesNoLockBehind() async throws {
        let dir = try Setup.folder()
        defer { try? FileManager.default.removeItem(atPath: dir) }
        let model = try await Demarc.initModel(in: dir)
        let hadDevLock = FileManager.default.fileExists(atPath: "/dev/.null.lock")
        let null = try await Demarc.run(["build", model, "--out", "/dev/null"] + Demarc.small, timeout: 300)
        #expect(null.status == 1, "\(null.stderr)")
        #expect(null.stderr.contains("'/dev/null' exists and is not a folder"))
        if !hadDevLock { #expect(!FileManager.default.fileExists(atPath: "/dev/.null.lock")) }
        // The same, where no earlier build can have left a lock: a FIFO, a file, a path through a file.
        #expect(mkfifo(dir + "/fifo", 0o644) == 0)
        try Setup.write(dir + "/file", "mine")
        let before = Setup.listing(dir)
        for out in [dir + "/fifo", dir + "/file", dir + "/file/below/site"] {
            let r = try await Demarc.run(["build", model, "--out", out] + Demarc.small, timeout: 300)
            #expect(r.status == 1, "\(out): \(r.stderr)")
            #expect(r.stderr.contains("is not a folder"))
            #expect(Setup.listing(dir) == before, "\(out): something was left behind")
        }
    }

    // Every writer error reaches the user as a sentence (EXDEV at the swap, injected).
    @Test func anInjectedErrnoReachesTheUserAsASentenceAndTheOldTreeStays() async throws {
        let dir = try Setup.folder()
        defer { try? FileManager.default.removeItem(atPath: dir) }
        let model = try await Demarc.initModel(in: dir)
        let out = dir + "/site"
        #expect(try await Demarc.run(["build", model, "--out", out] + Demarc.small, timeout: 300).status == 0)
        let before = Tree.read(out), stamps = Tree.stamps(out), listing = Setup.listing(dir)
        for (step, name, words) in [
            ("swap", "EXDEV", "another file system"), ("swap", "EBUSY", "busy"),
            ("staging", "EACCES", "permission denied"), ("file ja/diagrams/comparison.svg", "ENOSPC", "no space left"),
        ] {
            let r = try await Demarc.run(
                ["build", model, "--out", out, "--format", "svg", "--lang", "all", "--diagrams", "comparison"],
                environment: ["DEMARC_FAULT_ERRNO_AT_STEP": "\(step):\(name)"], timeout: 300)
            #expect(r.status == 1, "\(step):\(name) \(r.stderr)")
            #expect(r.stderr.contains(words), "\(step):\(name) \(r.stderr)")
            #expect(r.stderr.contains("is as it was"))
            #expect(!r.stderr.contains("NSCocoaErrorDomain") && !r.stderr.contains("Error Domain"))
            #expect(Tree.read(out) == before)
            #expect(Tree.stamps(out) == stamps)
            #expect(Setup.listing(dir) == listing, "\(step):\(name): no staging left")
        }
    }
}
