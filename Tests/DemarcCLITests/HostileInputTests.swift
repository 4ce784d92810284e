import Foundation
import Testing

#if canImport(Glibc)
    import Glibc
#endif

/// Issue 9 §1: inputs that must never hang, exhaust memory or break the
/// build — one test per row, the reproducer run end to end on the built
/// binary under the harness's time-out. Every failure must come with a
/// diagnostic (`expectFailureSaysWhy`).
@Suite("Hostile inputs, end to end")
struct HostileInputTests {
    /// A fresh model from `demarc init` in a fresh folder.
    static func initModel() async throws -> (dir: String, model: String) {
        let dir = try Demarc.temporaryDirectory()
        let model = dir + "/M"
        let made = try await Demarc.run(["init", model])
        #expect(made.status == 0, "\(made.stderr)")
        return (dir, model)
    }

    static func replace(_ old: String, with new: String, in file: String) throws {
        let text = try String(contentsOfFile: file, encoding: .utf8)
        #expect(text.contains(old), "\(file) holds \(old)")
        try text.replacingOccurrences(of: old, with: new).write(toFile: file, atomically: true, encoding: .utf8)
    }

    /// Status 1 and at least one `error:` line naming the rule.
    static func expectFailureSaysWhy(_ result: CommandResult, rule: String, sourceLocation: SourceLocation = #_sourceLocation) {
        #expect(result.status == 1, "status \(result.status): \(result.stderr)", sourceLocation: sourceLocation)
        #expect(result.stderr.contains(": error: ") && result.stderr.contains("[\(rule)]"), "\(result.stderr)", sourceLocation: sourceLocation)
    }

    @Test func aNewlineInATextBuildsEveryFormat() async throws {
        let (dir, model) = try await Self.initModel()
        defer { try? FileManager.default.removeItem(atPath: dir) }
        try Self.replace("en: Virtual server}", with: #"en: "Virtual\nserver"}"#, in: model + "/model.yaml")
        #expect(try await Demarc.run(["check", model]).status == 0)
        let built = try await Demarc.run(["build", model, "--out", dir + "/o", "--format", "svg,png,pdf,dot,svg-outlines", "--lang", "en"])
        #expect(built.status == 0, "\(built.stderr)")
        let diagrams = dir + "/o/en/diagrams/"
        // DOT: a line break in the comparison's column heading, a space in
        // tooltips and in sentences (the offering's heading).
        let dot = try String(contentsOfFile: diagrams + "comparison.dot", encoding: .utf8)
        #expect(dot.contains("<B>Virtual<BR/>server</B>"))
        #expect(!dot.contains("TOOLTIP=\"Virtual<BR/>") && !dot.contains("Virtual\nserver"))
        // SVG: two lines of text in the drawing; the title and tooltips on one line.
        let svg = try String(contentsOfFile: diagrams + "comparison.svg", encoding: .utf8)
        #expect(svg.contains(">Virtual</text>") && svg.contains(">server</text>"))
        let offering = try String(contentsOfFile: diagrams + "offering-virtual-server.svg", encoding: .utf8)
        #expect(offering.contains("<title id=\"offering-virtual-server-title\">Virtual server"))
        #expect(offering.contains(">Virtual server: demarcation point and who does each control</text>"))
        let inline = try String(contentsOfFile: diagrams + "inline/control-4-1-4-1-1-a.svg", encoding: .utf8)
        #expect(inline.contains("xlink:title=\"Virtual server\""))
        // PNG and PDF: rendered, and the PDF's text has both words.
        for file in ["offering-virtual-server.png", "offering-virtual-server.pdf", "outlines/offering-virtual-server.svg"] {
            let size = (try FileManager.default.attributesOfItem(atPath: diagrams + file)[.size] as? NSNumber)?.intValue ?? 0
            #expect(size > 1000, "\(file)")
        }
        // The terminal: a line break inside a field is indented under it.
        let explained = try await Demarc.run(["explain", "4.1.4(1)-2 d)", "--lang", "en", "--model", model])
        #expect(explained.status == 0)
        #expect(explained.stdout.contains("■ Virtual\n     server\n"), "\(explained.stdout.prefix(600))")
        // Inside a sentence a name is running text: one line.
        #expect(explained.stdout.contains("names applies here: Virtual server is multi-tenant"))
    }

    @Test func aFIFOIsRefusedNotOpened() async throws {
        let (dir, model) = try await Self.initModel()
        defer { try? FileManager.default.removeItem(atPath: dir) }
        #expect(mkfifo(model + "/x.yaml", 0o644) == 0)
        let inFolder = try await Demarc.run(["check", model], timeout: 30)
        Self.expectFailureSaysWhy(inFolder, rule: "file-not-regular")
        #expect(inFolder.stderr.contains("M/x.yaml:1:1: error: this is a FIFO"))
        let named = try await Demarc.run(["check", model + "/x.yaml"], timeout: 30)
        Self.expectFailureSaysWhy(named, rule: "file-not-regular")
    }

    @Test func aHugeFileOrDevZeroIsRefusedBeforeReading() async throws {
        let (dir, model) = try await Self.initModel()
        defer { try? FileManager.default.removeItem(atPath: dir) }
        let big = dir + "/big"
        #expect(FileManager.default.createFile(atPath: big, contents: nil))
        #expect(truncate(big, 1 << 30) == 0)  // sparse: no disk used
        try FileManager.default.createSymbolicLink(atPath: model + "/x.yaml", withDestinationPath: big)
        try FileManager.default.createSymbolicLink(atPath: model + "/z.yaml", withDestinationPath: "/dev/zero")
        let result = try await Demarc.run(["check", model], timeout: 30)
        Self.expectFailureSaysWhy(result, rule: "file-too-large")
        #expect(result.stderr.contains("x.yaml:1:1: error: the file has 1073741824 bytes; a model file has at most 16777216"))
        #expect(result.stderr.contains("z.yaml:1:1: error: this is a character device"))
    }

    @Test func symlinkedFoldersAreReadAndLoopsDetected() async throws {
        let (dir, model) = try await Self.initModel()
        defer { try? FileManager.default.removeItem(atPath: dir) }
        // The model folder itself a link.
        try FileManager.default.createSymbolicLink(atPath: dir + "/m2", withDestinationPath: model)
        let linked = try await Demarc.run(["check", "m2"], in: dir)
        #expect(linked.status == 0 && linked.stdout.contains("17 entries"), "\(linked.stderr)")
        // A linked catalogue folder, then build and explain from it.
        let other = dir + "/C"
        try FileManager.default.createDirectory(atPath: other, withIntermediateDirectories: true)
        for file in ["model.yaml", "mapping.yaml", "topics.yaml"] {
            try FileManager.default.copyItem(atPath: model + "/" + file, toPath: other + "/" + file)
        }
        try FileManager.default.createSymbolicLink(atPath: other + "/catalogue", withDestinationPath: model + "/catalogue")
        #expect(try await Demarc.run(["check", other]).status == 0)
        #expect(try await Demarc.run(["explain", "--all", "--model", other]).status == 0)
        #expect(try await Demarc.run(["build", other, "--out", dir + "/o", "--format", "dot"]).status == 0)
        // A loop: a link inside the catalogue back to the model folder.
        try FileManager.default.createSymbolicLink(atPath: model + "/catalogue/up", withDestinationPath: "..")
        let looped = try await Demarc.run(["check", model], timeout: 30)
        #expect(looped.status == 0, "\(looped.stderr)")
        #expect(looped.stderr.contains("catalogue/up:1:1: warning: this folder is a link back to a folder that holds it"))
        #expect(looped.stderr.contains("[folder-loop]"))
        // An empty catalogue folder: an error that says so, never a bare status 1.
        let empty = dir + "/E"
        try FileManager.default.createDirectory(atPath: empty + "/catalogue", withIntermediateDirectories: true)
        for file in ["model.yaml", "mapping.yaml", "topics.yaml"] {
            try FileManager.default.copyItem(atPath: model + "/" + file, toPath: empty + "/" + file)
        }
        Self.expectFailureSaysWhy(try await Demarc.run(["check", empty]), rule: "catalogue-missing")
        Self.expectFailureSaysWhy(try await Demarc.run(["explain", "--all", "--model", empty]), rule: "catalogue-missing")
        Self.expectFailureSaysWhy(try await Demarc.run(["build", empty, "--out", dir + "/o2"]), rule: "catalogue-missing")
    }

    /// Permissions bind only a user other than root: the binary runs as nobody.
    @Test func anUnreadableFolderIsNamed() async throws {
        let (dir, model) = try await Self.initModel()
        defer { try? FileManager.default.removeItem(atPath: dir) }
        try FileManager.default.setAttributes([.posixPermissions: 0o755], ofItemAtPath: dir)
        try FileManager.default.createDirectory(atPath: model + "/private", withIntermediateDirectories: true)
        try FileManager.default.setAttributes([.posixPermissions: 0o700], ofItemAtPath: model + "/private")
        let result = try await Demarc.runAsNobody(["check", model], home: dir)
        Self.expectFailureSaysWhy(result, rule: "folder-unreadable")
        #expect(result.stderr.contains("M/private:1:1: error: cannot read this folder"))
    }

    @Test func escapeSequencesInTextAreShownEscaped() async throws {
        let (dir, model) = try await Self.initModel()
        defer { try? FileManager.default.removeItem(atPath: dir) }
        try Self.replace("en: Virtual server}", with: #"en: "\e]0;owned\a\e[2JVirtual server\u202E"}"#, in: model + "/model.yaml")
        for arguments in [["explain", "--all", "--lang", "en", "--model", model], ["obligations", "--lang", "en", "--model", model]] {
            let result = try await Demarc.run(arguments)
            #expect(result.status == 0, "\(result.stderr)")
            #expect(!result.stdout.unicodeScalars.contains { $0 == "\u{1B}" || $0 == "\u{07}" || $0 == "\u{202E}" })
        }
        let explained = try await Demarc.run(["explain", "--all", "--lang", "en", "--model", model])
        #expect(explained.stdout.contains(#"\u{1B}]0;owned\u{7}\u{1B}[2JVirtual server\u{202E}"#))
        // Paths and messages on standard error too.
        let bad = dir + "/\u{1B}[2Jbad.yaml"
        try "parties: [".write(toFile: bad, atomically: true, encoding: .utf8)
        let checked = try await Demarc.run(["check", bad])
        #expect(checked.status == 1 && !checked.stderr.contains("\u{1B}") && checked.stderr.contains(#"\u{1B}[2Jbad.yaml"#))
    }

    @Test func aFileWithoutAModelSectionIsReportedAtItsPath() async throws {
        let dir = try Demarc.temporaryDirectory()
        defer { try? FileManager.default.removeItem(atPath: dir) }
        try "parties:\n  - id: a\n".write(toFile: dir + "/p.yaml", atomically: true, encoding: .utf8)
        let result = try await Demarc.run(["check", "p.yaml"], in: dir)
        Self.expectFailureSaysWhy(result, rule: "missing-field")
        #expect(result.stderr.contains("p.yaml:1:1: error: the model has no 'model:' section"))
        #expect(!result.stderr.contains("model:1:1"))
    }

    @Test func checkingTheWholeFileSystemIsBounded() async throws {
        let result = try await Demarc.run(["check", "/"], timeout: 60)
        Self.expectFailureSaysWhy(result, rule: "folder-too-large")
        #expect(result.stderr.contains("more than 10000 files and folders below '/'"))
    }

    @Test func aStoppedWorkerIsKilledAndTheDiagramNamed() async throws {
        let dir = try Demarc.temporaryDirectory()
        defer { try? FileManager.default.removeItem(atPath: dir) }
        let result = try await Demarc.run(
            ["build", "--out", dir + "/o", "--format", "svg", "--lang", "en", "--jobs", "1", "--render-timeout", "1"],
            environment: ["DEMARC_FAULT_WORKER_STOP_ON": "comparison"], timeout: 60)
        #expect(result.status == 1)
        #expect(
            result.stderr.contains("en/diagrams/comparison: took longer than 1 s to render (--render-timeout), so its worker was killed"),
            "\(result.stderr)")
        #expect(result.stderr.contains("nothing was written"))
        #expect(!FileManager.default.fileExists(atPath: dir + "/o"))
    }

    @Test(arguments: [
        ["--lock-timeout", "nan"], ["--lock-timeout=-1"], ["--lock-timeout", "inf"], ["--render-timeout", "0"],
        ["--render-timeout", "nan"], ["--render-timeout=-5"],
    ])
    func badTimeoutsAreUsageErrors(_ option: [String]) async throws {
        let dir = try Demarc.temporaryDirectory()
        defer { try? FileManager.default.removeItem(atPath: dir) }
        let result = try await Demarc.run(["build", "--out", dir + "/o", "--format", "dot"] + option)
        #expect(result.status == 2, "\(option): \(result.stderr)")
        #expect(result.stderr.contains("Error: --"), "\(result.stderr)")
        #expect(!FileManager.default.fileExists(atPath: dir + "/o"))
    }
}
