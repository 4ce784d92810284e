import ArgumentParser
import DemarcBuild
import DemarcDiagrams
import DemarcGraphviz
import DemarcModel
import DemarcRender
import DemarcViews
import Foundation
import Subprocess

#if canImport(System)
    import System
#else
    import SystemPackage
#endif

/// `demarc diff OLD NEW`, `demarc diff --git REV [MODEL]`: what changed
/// between two versions of a model, by stable ids.
struct DiffCommand: AsyncParsableCommand {
    static let configuration = CommandConfiguration(
        commandName: "diff",
        abstract: "What changed between two versions of a model: layer owners, every role of every cell with its reasons, coverage, disclosures.",
        discussion: """
            demarc diff OLD NEW compares two models (files, folders or overlays); demarc diff --git REV [MODEL]
            compares the model as committed at REV with the working tree (MODEL defaults to Models/iij-gio-p2;
            a base outside the repository, or built into the binary, is used as it is now, and a note says so);
            demarc diff OVERLAY --base NEW shows what a new base would move onto the overlay. Changes are grouped
            per offering and classed:
            a duty moved to the customer or the provider side, disclosure or evidence reduced or extended,
            evidence renewed, wording only, structure. --format markdown writes a change notice to customers
            (why: the new version's model.revisions; from when: model.effective). Exit status: 0, or with
            --exit-code 3 when something changed (--fail-on narrows what counts); 1 when a model has errors;
            2 for a usage error.
            """
    )

    @Argument(help: "OLD NEW (two models), or with --git one MODEL.")
    var models: [String] = []

    @Option(name: .long, help: "Compare the model as committed at this git revision with the working tree.")
    var git: String?

    @Option(name: .long, help: "With one overlay: what this new base (a provider's new version) would move onto it, its pin aside.")
    var base: String?

    @Option(
        name: .long,
        help: "text (default), json (stable, for scripts), markdown (a change notice, in --lang), or svg, png, pdf (the change diagram).")
    var format: String = "text"

    @Option(name: .long, help: "Write to this file instead of standard output.")
    var out: String?

    @Option(name: .long, help: "The language of text and markdown: ja or en (default: the new model's first language).")
    var lang: Language?

    @Flag(name: .long, help: "Exit with status 3 when something changed.")
    var exitCode = false

    @Option(name: .long, help: "With --exit-code, only these count as changed (comma-separated): duty, coverage, disclosure, structure.")
    var failOn: String?

    func validate() throws {
        if !Self.formats.contains(format) { throw ValidationError("--format is \(Self.formats.joined(separator: ", ")), not '\(format)'") }
        if base != nil {
            if git != nil || models.count != 1 { throw ValidationError("--base goes with one overlay: demarc diff OVERLAY --base NEW") }
        } else if git == nil, models.count != 2 {
            throw ValidationError("give two models (OLD NEW), --git REV [MODEL], or OVERLAY --base NEW")
        }
        if git != nil, models.count > 1 { throw ValidationError("with --git give at most one model (the working tree's)") }
        _ = try aspects()
    }

    func aspects() throws -> Set<ModelDiff.Aspect> {
        guard let failOn else { return Set(ModelDiff.Aspect.allCases) }
        return Set(try BuildCommand.list(failOn, option: "--fail-on", noun: "aspect") as [ModelDiff.Aspect])
    }

    func run() async throws {
        let old: Derivation, new: Derivation
        var notes: [String] = []
        if let base {
            old = try ModelInput.derived(models[0])
            guard old.model.metadata.base != nil else { throw CommandFailure.usage("'\(models[0])' is not an overlay: --base replaces an overlay's base") }
            new = try ModelInput.derived(models[0], base: base)
            notes.append("\(models[0]) on its pinned base, against the same overlay on \(base) (its pin not checked)")
        } else if let git {
            let path = models.first ?? ModelInput.defaultModelPath
            // A base changed since: what moving the pin would change is the point.
            new = try ModelInput.derived(path, refusesChangedBase: false)
            let (committed, note) = try await Self.committedModel(path, at: git)
            old = committed
            notes += note
        } else {
            old = try ModelInput.derived(models[0], refusesChangedBase: false)
            new = try ModelInput.derived(models[1], refusesChangedBase: false)
        }
        let diff = ModelDiff(old: old, new: new)
        let language = lang ?? new.model.metadata.languages[0]
        let newViews = try Views.forCommand(new, language)
        let oldViews = try Views(derivation: old, language: language)
        let view = diff.view(old: oldViews, new: newViews)
        let text: String
        switch format {
        case "json": text = diff.json()
        case "markdown": text = newViews.changeNotice(view, old: old.model)
        case "text": text = newViews.diffText(view)
        default:
            try emit(try Self.diagram(view, new: newViews, format: format))
            text = ""
        }
        if !text.isEmpty {
            if out != nil { try emit(Array(text.utf8)) } else { printOut(text, terminator: "") }
        }
        for note in notes { printError("demarc: note: \(note)") }
        if exitCode, diff.changed(in: try aspects()) { throw ExitCode(3) }
    }

    static let formats = ["text", "json", "markdown", "svg", "png", "pdf"]

    func emit(_ bytes: [UInt8]) throws {
        if let out {
            guard FileManager.default.createFile(atPath: out, contents: Data(bytes)) else { throw CommandFailure.failed("cannot write '\(out)'") }
        } else {
            FileHandle.standardOutput.write(Data(bytes))
        }
    }

    /// The change diagram, rendered through the Graphviz door after the font check.
    static func diagram(_ view: DiffView, new: Views, format: String) throws -> [UInt8] {
        let diagram = ChangeDiagram.make(view, context: DiagramContext(views: new, links: .none))
        do {
            try FontCheck.verify(xdot: try Graphviz.render(dot: FontCheck.dot, format: .xdot, name: "font check"))
            switch format {
            case "svg":
                return SVGFinisher.finish(
                    try Graphviz.render(dot: diagram.dot, format: .svg, name: diagram.id), id: diagram.id, title: diagram.title,
                    description: diagram.description, standalone: true, links: .remove)
            case "pdf":
                return PDFFinisher.finish(try Graphviz.render(dot: diagram.dot, format: .pdf, name: diagram.id), asOf: new.model.metadata.asOf)
            default:
                return try Graphviz.render(dot: diagram.dot, format: .png, name: diagram.id)
            }
        } catch let failure as FontCheck.Failure {
            throw CommandFailure.failed(failure.description)
        } catch {
            throw CommandFailure.failed("\(error)")
        }
    }

    /// The model at `path` as committed at `revision`, derived: read from the
    /// repository's tree at that revision (unpacked in a temporary folder,
    /// removed after), with its diagnostics naming the repository's paths. A
    /// base outside the repository, or built into demarc, is used as it is
    /// now; the notes say so.
    static func committedModel(_ path: String, at revision: String) async throws -> (Derivation, notes: [String]) {
        let absolute = URL(fileURLWithPath: path).standardizedFileURL.path
        var isFolder: ObjCBool = false
        guard FileManager.default.fileExists(atPath: absolute, isDirectory: &isFolder) else {
            throw CommandFailure.usage("no model file or folder at '\(path)'")
        }
        let directory = isFolder.boolValue ? absolute : (absolute as NSString).deletingLastPathComponent
        let top = try await git(["-C", directory, "rev-parse", "--show-toplevel"])
        let root = URL(fileURLWithPath: top.trimmingCharacters(in: .whitespacesAndNewlines)).resolvingSymlinksInPath().path
        let resolved = URL(fileURLWithPath: absolute).resolvingSymlinksInPath().path
        guard resolved == root || resolved.hasPrefix(root + "/") else { throw CommandFailure.usage("'\(path)' is not inside the git repository \(root)") }
        let relative = String(resolved.dropFirst(root.count)).drop { $0 == "/" }
        _ = try await git(["-C", root, "rev-parse", "--verify", "--quiet", "\(revision)^{commit}"], what: "no commit '\(revision)' in \(root)")
        let folder = FileManager.default.temporaryDirectory.appendingPathComponent("demarc-diff-\(UUID().uuidString)").path
        defer { try? FileManager.default.removeItem(atPath: folder) }
        try FileManager.default.createDirectory(atPath: folder + "/tree", withIntermediateDirectories: true)
        _ = try await git(["-C", root, "archive", "--format=tar", "-o", folder + "/tree.tar", revision])
        let untar = try await Subprocess.run(
            .path(FilePath("/usr/bin/tar")), arguments: ["-xf", folder + "/tree.tar", "-C", folder + "/tree"], output: .discarded, error: .string(limit: 65536))
        guard untar.terminationStatus.isSuccess else { throw CommandFailure.failed("cannot unpack \(revision): \(untar.standardError)") }
        guard FileManager.default.fileExists(atPath: folder + "/tree/" + relative) else {
            throw CommandFailure.usage("'\(relative)' is not in the repository at \(revision)")
        }
        let result = ModelLoader(fileSystem: CommittedFileSystem(root: root, tree: folder + "/tree"), library: ModelInput.library).load(resolved)
        ModelInput.report(result)
        guard let model = result.model, let derivation = Derivation(model: model) else { throw CommandFailure.failed() }
        var notes = ["\(relative) at \(revision) is compared with the working tree"]
        let outside = result.files.filter { $0.hasPrefix("/") && !$0.hasPrefix(root + "/") }
        if !outside.isEmpty { notes.append("outside the repository, used as it is now: " + outside.joined(separator: ", ")) }
        if result.files.contains(where: { !$0.hasPrefix("/") }) { notes.append("a base built into demarc is used as it is now") }
        return (derivation, notes)
    }

    /// The disk, but the repository's own paths read from its tree at a revision.
    struct CommittedFileSystem: ModelFileSystem {
        let root: String
        let tree: String
        let disk = DiskFileSystem()

        func map(_ path: String) -> String { path == root || path.hasPrefix(root + "/") ? tree + path.dropFirst(root.count) : path }
        func unmap(_ path: String) -> String { path == tree || path.hasPrefix(tree + "/") ? root + path.dropFirst(tree.count) : path }

        func stat(_ path: String) -> FileKind? { disk.stat(map(path)) }
        func modelFiles(under folder: String) -> FolderListing {
            var listing = disk.modelFiles(under: map(folder))
            listing.files = listing.files.map(unmap)
            return listing
        }
        func read(_ path: String, limit: Int) throws -> [UInt8] { try disk.read(map(path), limit: limit) }
    }

    @discardableResult
    static func git(_ arguments: [String], what: String? = nil) async throws -> String {
        let result = try await Subprocess.run(
            .name("git"), arguments: Arguments(arguments), output: .string(limit: 1 << 20), error: .string(limit: 1 << 16))
        guard result.terminationStatus.isSuccess else {
            throw CommandFailure.usage(
                what ?? "git \(arguments.joined(separator: " ")) failed: \(result.standardError.trimmingCharacters(in: .whitespacesAndNewlines))")
        }
        return result.standardOutput
    }
}
