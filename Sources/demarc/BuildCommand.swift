import ArgumentParser
import DemarcBuild
import DemarcModel
import DemarcTrace
import DemarcOutput
import DemarcPages
import DemarcRender
import DemarcViews
import Foundation

/// `demarc build [MODEL] [--out DIR] …`
struct BuildCommand: AsyncParsableCommand {
    static let configuration = CommandConfiguration(
        commandName: "build",
        abstract: "Render the model's diagrams, pages and reports into the output folder (Output/ by default).",
        discussion: """
            Rendering runs in worker processes (--jobs, default: the number of cores;
            --jobs 0 renders in this process). The new tree is written beside the old one
            and swapped in atomically: a failed or killed build leaves the previous output
            exactly as it was. Nothing of yours in the output folder is lost or changed: files
            Demarc did not write are carried over with their mode, owner, times and extended
            attributes, and a file of yours where Demarc writes (or a file of Demarc's you
            edited) stops the build unless --force. A non-empty folder that Demarc did not
            write is refused unless --adopt. Layout of the output: docs/output.md.
            """
    )

    @Argument(help: "A model file, folder or overlay (default: the embedded default model).")
    var modelPath: String?

    @OptionGroup var modelOption: ModelOption

    @Option(name: .long, help: "The output folder.")
    var out: String = "Output"

    @Option(name: .long, help: "ja, en or all: every language the model is written in (model.languages; default ja and en).")
    var lang: String = "all"

    @Option(name: .long, help: "Comma-separated: svg, png, pdf, dot, svg-outlines.")
    var format: String = "svg,png,pdf"

    @Option(
        name: .long,
        help:
            "Comma-separated parts to build: diagrams, pages, reports (default: all three; without pages when --diagrams leaves a kind out, as the pages embed every kind)."
    )
    var parts: String?

    @Option(name: .long, help: "A folder of page templates (*.mustache) used in place of the built-in ones of the same name.")
    var templates: String?

    @Option(name: .long, help: "Links in standalone SVGs: none or absolute (with --base-url).")
    var links: String = "none"

    @Option(name: .long, help: "The https:// address the output is published at (for --links absolute).")
    var baseURL: String?

    @Option(name: .long, help: "Worker processes (0: render in this process).")
    var jobs: Int = ProcessInfo.processInfo.activeProcessorCount

    @Option(name: .long, help: "light (default) or dark: the palette, both meeting WCAG AA contrast.")
    var theme: String = "light"

    @Option(name: .long, help: "Comma-separated kinds of diagram: offering, comparison, control.")
    var diagrams: String = "offering,comparison,control"

    @Option(name: .long, help: "Comma-separated offering ids: which to draw, and the comparison's columns in this order (default: all).")
    var offerings: String?

    @Option(name: .long, help: "Seconds to wait for another build writing the same folder before giving up.")
    var lockTimeout: Double = 600

    @Option(
        name: .long, help: "Seconds one diagram may take to render in a worker before the worker is stopped and the build fails naming it (not with --jobs 0).")
    var renderTimeout: Double = 120

    @Flag(name: .long, help: "Write into a non-empty folder that has no manifest.json of Demarc's; everything already in it stays, as yours.")
    var adopt = false

    @Flag(name: .long, help: "Overwrite conflicts: files of yours where Demarc writes, and files of Demarc's edited since it wrote them.")
    var force = false

    @Flag(
        name: .long,
        help:
            "Write nothing: list the files of the output folder that differ from what the model and templates make. Exit status 0 when none, 4 when some do, 5 when they differ only because the system stack (Graphviz, cairo, fonts…) is not the one the manifest records."
    )
    var check = false

    @Option(name: .long, help: "A git revision: the pages then include what changed since the model as committed there (changes.html).")
    var baseline: String?

    @Flag(name: .long, help: "Render every diagram, neither reading nor filling the render cache.")
    var noCache = false

    @Option(
        name: .long,
        help: "The render cache's folder (default: $DEMARC_CACHE_DIR, else $XDG_CACHE_HOME/demarc, else ~/.cache/demarc; docs/performance.md).")
    var cacheDir: String?

    @Option(
        name: .long,
        help: "The render cache's size cap in MB (default: 512): past it, the entries used longest ago go until it is under 80% of the cap.")
    var cacheSize: Int = RenderCache.defaultMaxBytes >> 20

    @Option(name: .long, help: .hidden)
    var workerExecutable: String?

    func validate() throws {
        if out.isEmpty { throw ValidationError("--out needs a folder (it is empty)") }
        if jobs < 0 { throw ValidationError("--jobs is 0 or more") }
        if cacheSize < 1 || cacheSize > 1 << 30 { throw ValidationError("--cache-size is a number of megabytes from 1 to 1073741824 (got \(cacheSize))") }
        for (name, value) in [("--lock-timeout", lockTimeout), ("--render-timeout", renderTimeout)]
        where !value.isFinite || value < 0 || value > 86_400 {
            throw ValidationError("\(name) is a number of seconds from 0 to 86400 (got \(value))")
        }
        if renderTimeout == 0 { throw ValidationError("--render-timeout must be more than 0 seconds") }
        _ = try options(offerings: [])
    }

    /// The build's options from the command line; a bad value is a usage error.
    func options(offerings: [String], modelLanguages: [Language] = Language.defaults) throws -> BuildOptions {
        let kinds = Set(try Self.list(diagrams, option: "--diagrams", noun: "kind of diagram") as [DiagramKind])
        let defaultParts = kinds == Set(DiagramKind.allCases) ? "diagrams,pages,reports" : "diagrams,reports"
        let partNames: [PartName] = try Self.list(parts ?? defaultParts, option: "--parts", noun: "part")
        let theme = try Self.one(Theme.self, theme, option: "--theme")
        return BuildOptions(
            parts: partNames, languages: try languages(model: modelLanguages), formats: Set(try Self.list(format, option: "--format", noun: "format")),
            links: try linkMode(), theme: theme, offerings: offerings,
            diagrams: kinds, templates: templates)
    }

    /// A comma-separated option as known values, in the order given, each once.
    static func list<T: RawRepresentable & CaseIterable & Hashable>(_ text: String, option: String, noun: String) throws -> [T]
    where T.RawValue == String {
        var result: [T] = []
        for name in text.split(separator: ",").map({ $0.trimmingCharacters(in: .whitespaces) }) {
            guard let value = T(rawValue: name) else {
                throw ValidationError("unknown \(noun) '\(name)' in \(option); choose from: \(T.allCases.map(\.rawValue).joined(separator: ", "))")
            }
            if !result.contains(value) { result.append(value) }
        }
        if result.isEmpty { throw ValidationError("\(option) names no \(noun)") }
        return result
    }

    static func one<T: RawRepresentable & CaseIterable>(_: T.Type, _ text: String, option: String) throws -> T where T.RawValue == String {
        guard let value = T(rawValue: text) else {
            throw ValidationError("\(option) is \(T.allCases.map(\.rawValue).joined(separator: " or ")), not '\(text)'")
        }
        return value
    }

    /// The languages to build in: all the model's, or the one named, which must be the model's.
    func languages(model: [Language]) throws -> [Language] {
        for language in model where !StringTables.languages.contains(language) {
            throw ValidationError(StringTables.Unsupported(language: language, available: StringTables.languages).description)
        }
        if lang == "all" { return model }
        guard let language = Language(code: lang) else { throw ValidationError("--lang is a language code or all, not '\(lang)'") }
        guard StringTables.languages.contains(language) else {
            throw ValidationError(StringTables.Unsupported(language: language, available: StringTables.languages).description)
        }
        guard model.contains(language) else {
            throw CommandFailure.usage("the model is written in \(model.map(\.code).joined(separator: ", ")) only (model.languages), not '\(lang)'")
        }
        return [language]
    }

    func linkMode() throws -> StandaloneLinks {
        switch links {
        case "none":
            if baseURL != nil { throw ValidationError("--base-url goes with --links absolute") }
            return .none
        case "absolute":
            guard let baseURL else { throw ValidationError("--links absolute needs --base-url https://…") }
            guard baseURL.hasPrefix("https://"), baseURL.count > 8, !baseURL.contains(where: { $0 == " " || $0 == "\"" || $0 == "<" || $0 == ">" }) else {
                throw ValidationError("--base-url must be an https:// address, not '\(baseURL)'")
            }
            return .absolute(baseURL: baseURL)
        default:
            throw ValidationError("--links is none or absolute, not '\(links)'")
        }
    }

    func run() async throws {
        Trace.mark("build: start")
        let modelPath = try modelOption.path(positional: self.modelPath)
        // Nothing changed since the last build into this folder: done, before
        // the model is read (docs/performance.md, "A rebuild that has nothing to do").
        let cache = self.cache()
        // With a baseline the pages depend on a git revision too: no shortcut.
        let stamp = baseline == nil ? cache.map { BuildStamp(cache: $0, destination: out) } : nil
        if check, let stamp, stamp.current(key: stampKey(modelPath: modelPath)) != nil {
            printOut("\(out): up to date (nothing changed since the last build)")
            return
        }
        let stampKey = self.stampKey(modelPath: modelPath)
        if let stamp, let recorded = stamp.current(key: stampKey) {
            for warning in recorded.warnings { printError(warning) }
            printOut("\(out): up to date (\(recorded.files) files; nothing changed since the last build)")
            return
        }

        Trace.mark("build: stamp checked")
        // The wording and the page templates do not depend on the model: read while it is.
        let ownTemplates = templates != nil
        startOwnThread {
            StringTables.prepare()
            if !ownTemplates { PageTemplates.prepare() }
        }
        // Into a folder, each file goes to the spool as it is made (memory stays flat);
        // a check holds them, as it writes nothing.
        let store: OutputFiles
        do {
            store = check ? OutputFiles() : try OutputFiles(spoolingBeside: out)
        } catch {
            throw CommandFailure.failed("\(error)\nerror: nothing was written; '\(out)' is as it was")
        }
        let progress = RenderProgress()
        // Without a cache every diagram renders: the workers start now, warm
        // up and check the font while the model is read.
        let early = cache == nil ? RenderSession(renderer: renderer(progress: progress, warm: true), cache: nil, store: store, checkFontNow: true) : nil
        let input: LoadResult, builder: Builder
        do {
            (input, builder) = try await prepare(modelPath: modelPath)
        } catch {
            store.discard()
            await early?.cancel()
            throw error
        }
        Trace.mark("build: builder ready")
        let session = early ?? RenderSession(renderer: renderer(progress: progress, warm: false), cache: cache, store: store)
        let line = ProgressLine.start(progress)
        let output: Builder.Output
        do {
            defer { line?.stop() }
            output = try await builder.build(in: session)
        } catch {
            store.discard()
            throw CommandFailure.failed("\(error)\nerror: nothing was written; '\(out)' is as it was")
        }
        Trace.mark("build: built")
        defer { output.store.discard() }
        if check { return try checkOutput(output.files, builder: builder) }
        let writer = OutputWriter(
            destination: out, lockTimeout: lockTimeout, adopt: adopt, force: force,
            stepHook: FaultInjection.stepHook(), failAt: FaultInjection.failAt(),
            onWait: { printError("demarc: \($0)") })
        do {
            let files = output.store
            let report = try writer.write(files) { builder.manifest($0, generator: "demarc") }
            Trace.mark("build: written")
            if let stamp, let inputs = Self.inputs(modelPath: modelPath, read: input.files) {
                stamp.record(key: stampKey, inputs: inputs, files: files.paths, warnings: input.diagnostics.map(\.description))
            }
            let diagrams = output.rendered + output.cached
            let renders =
                diagrams == 0
                ? ""
                : "; \(diagrams) diagram\(diagrams == 1 ? "" : "s"): \(output.rendered) rendered, \(output.cached) from the cache"
                    + (output.damaged > 0 ? " (\(output.damaged) damaged cache entr\(output.damaged == 1 ? "y" : "ies") rendered again)" : "")
            if report.untouched {
                printOut("\(out): up to date (\(files.count) files)\(renders)")
            } else {
                let forced = report.overwritten > 0 ? ", \(report.overwritten) of yours overwritten (--force)" : ""
                printOut(
                    "\(out): \(files.count) files — \(report.written) written, \(report.unchanged) unchanged, \(report.removed) removed, \(report.carried) of yours carried over\(forced)\(renders)"
                )
            }
        } catch {
            throw CommandFailure.failed("\(error)\nerror: nothing was written; '\(out)' is as it was")
        }
    }

    /// The model read and checked, and the builder for it (what a build does before anything renders).
    func prepare(modelPath: String?) async throws -> (LoadResult, Builder) {
        let (input, _) = try ModelInput.load(modelPath)
        Trace.mark("build: model loaded")
        ModelInput.report(input)
        guard let model = input.model else { throw CommandFailure.failed() }
        let chosen = offerings?.split(separator: ",").map { $0.trimmingCharacters(in: .whitespaces) } ?? []
        for id in chosen where model.offering(id) == nil {
            let hint = Identifiers.closest(to: id, in: model.offerings.map(\.id))
            throw CommandFailure.usage("unknown offering '\(id)' in --offerings" + (hint.map { " (did you mean '\($0)'?)" } ?? ""))
        }
        var options = try options(offerings: chosen, modelLanguages: model.metadata.languages)
        if let baseline {
            let (committed, _) = try await DiffCommand.committedModel(modelPath ?? ModelInput.defaultModelPath, at: baseline)
            options.baseline = BuildOptions.Baseline(derivation: committed, label: baseline)
        }
        guard let derivation = Derivation(model: model) else { throw CommandFailure.failed() }
        do {
            return (input, try Builder(derivation: derivation, options: options))
        } catch let failure as Builder.Failure {
            throw CommandFailure.usage(failure.description)
        } catch let failure as PageTemplates.Failure {
            // Each line is a diagnostic already ("file:line:col: error: …").
            printError(failure.description)
            throw CommandFailure.failed("nothing was written; '\(out)' is as it was")
        }
    }

    /// The renderer `--jobs` asks for: worker processes (warming up at once
    /// when `warm`), or this process.
    func renderer(progress: RenderProgress, warm: Bool) -> any Renderer {
        guard jobs > 0 else { return InProcessRenderer(progress: progress) }
        var pool = WorkerPool(
            executable: workerExecutable ?? Self.currentExecutable(), workers: jobs,
            renderTimeout: .milliseconds(Int64((renderTimeout * 1000).rounded())))
        pool.progress = progress
        if warm { pool.warmUp = Builder.warmUpJob }
        return pool
    }

    /// `--check`: the output folder against `files`, writing nothing.
    func checkOutput(_ files: [String: [UInt8]], builder: Builder) throws {
        let folder = OutputWriter.absolutePath(out)
        func read(_ relative: String) -> [UInt8]? { FileManager.default.contents(atPath: folder + "/" + relative).map { Array($0) } }
        let old = read(Manifest.fileName).flatMap(Manifest.decode)
        var changed: [String] = [], missing: [String] = []
        for (path, bytes) in files.sorted(by: { $0.key < $1.key }) {
            guard let there = read(path) else {
                missing.append(path)
                continue
            }
            if there != bytes { changed.append(path) }
        }
        let extra = (old?.files.keys.sorted() ?? []).filter { files[$0] == nil && FileManager.default.fileExists(atPath: folder + "/" + $0) }
        let manifest = builder.manifest(files.mapValues(Manifest.hash), generator: "demarc")
        if old == nil && !files.isEmpty && missing.count == files.count {
            printOut("\(out): not built yet (no manifest.json): \(files.count) files to write")
            throw ExitCode(4)
        }
        if changed.isEmpty && missing.isEmpty && extra.isEmpty && old == manifest {
            printOut("\(out): up to date (\(files.count) files)")
            return
        }
        let count = changed.count + missing.count + extra.count
        var lines = ["\(out): \(count) file\(count == 1 ? "" : "s") differ\(count == 1 ? "s" : "") from what the model and templates make"]
        lines += changed.map { "  changed: \($0)" } + missing.map { "  missing: \($0)" } + extra.map { "  no longer made: \($0)" }
        // Only rendered bytes differ, and the system stack is not the one recorded: a system update, not a stale commit.
        let rendered = changed.allSatisfy { path in [".svg", ".png", ".pdf", ".html"].contains { path.hasSuffix($0) } }
        if let old, old.system != manifest.system, rendered, missing.isEmpty, extra.isEmpty {
            let differences = Set(old.system.keys).union(manifest.system.keys).sorted().filter { old.system[$0] != manifest.system[$0] }
            lines.append(
                "only the system stack differs: "
                    + differences.map { "\($0) \(old.system[$0] ?? "none") → \(manifest.system[$0] ?? "none")" }.joined(separator: ", "))
            printOut(lines.joined(separator: "\n"))
            throw ExitCode(5)
        }
        printOut(lines.joined(separator: "\n"))
        throw ExitCode(4)
    }

    /// The render cache this build uses, if any: made ready, or said why not.
    func cache() -> RenderCache? {
        guard !noCache, let directory = cacheDir ?? RenderCache.defaultDirectory() else { return nil }
        let cache = RenderCache(directory: directory, maxBytes: cacheSize << 20, readOnly: check)
        if check { return cache }
        do {
            try cache.prepare()
            return cache
        } catch {
            printError("demarc: warning: \(error)")
            return nil
        }
    }

    /// What the output of a build depends on besides the model's files: the
    /// command line, this binary (its code, templates and built-in models),
    /// the templates of one's own, the system stack.
    func stampKey(modelPath: String?) -> String {
        var st = stat()
        let binary = stat("/proc/self/exe", &st) == 0 ? "\(st.st_dev) \(st.st_ino) \(st.st_size) \(st.st_mtim.tv_sec).\(st.st_mtim.tv_nsec)" : "?"
        var templates = "built-in"
        if let folder = self.templates {
            let names = ((try? FileManager.default.contentsOfDirectory(atPath: folder)) ?? []).sorted()
            templates = RenderCache.key(
                [OutputWriter.absolutePath(folder)]
                    + names.flatMap { [$0, FileManager.default.contents(atPath: folder + "/" + $0).map { Manifest.hash(Array($0)) } ?? "-"] })
        }
        return RenderCache.key([
            "model " + (modelPath.map(OutputWriter.absolutePath) ?? "embedded"), "binary " + binary, "templates " + templates,
            "system " + SystemVersions.key(),
            "lang " + lang, "format " + format, "parts " + (parts ?? "-"), "links " + links, "base-url " + (baseURL ?? "-"),
            "theme " + theme, "diagrams " + diagrams, "offerings " + (offerings ?? "-"),
        ])
    }

    /// The files and folders on disk the model was read from, whose change
    /// makes the next build do the work: the files read, the folders they
    /// lie in and every folder below those (a model file added anywhere
    /// there). Nil — no stamp — when they run past a few thousand.
    static func inputs(modelPath: String?, read files: [String]) -> [String]? {
        guard modelPath != nil else { return [] }  // the embedded model: the binary says it all
        var inputs: [String] = []
        var folders: Set<String> = []
        if let modelPath { inputs.append(OutputWriter.absolutePath(modelPath)) }
        for file in files {
            let absolute = OutputWriter.absolutePath(file)
            var st = stat()
            guard lstat(absolute, &st) == 0 else { continue }  // a base built into the binary
            inputs.append(absolute)
            folders.insert((absolute as NSString).deletingLastPathComponent)
        }
        if let modelPath {
            let absolute = OutputWriter.absolutePath(modelPath)
            var isFolder: ObjCBool = false
            if FileManager.default.fileExists(atPath: absolute, isDirectory: &isFolder), isFolder.boolValue { folders.insert(absolute) }
        }
        var budget = 5_000
        for folder in folders.sorted() {
            inputs.append(folder)
            guard let walk = FileManager.default.enumerator(atPath: folder) else { continue }
            while let entry = walk.nextObject() as? String {
                budget -= 1
                if budget == 0 { return nil }
                if (walk.fileAttributes?[.type] as? FileAttributeType) == .typeDirectory { inputs.append(folder + "/" + entry) }
            }
        }
        return inputs
    }

    /// This binary, for re-executing as a worker.
    static func currentExecutable() -> String {
        (try? FileManager.default.destinationOfSymbolicLink(atPath: "/proc/self/exe")) ?? CommandLine.arguments[0]
    }
}

/// `demarc __render-worker`: the hidden worker mode (stdin → stdout frames).
struct RenderWorkerCommand: ParsableCommand {
    static let configuration = CommandConfiguration(commandName: "__render-worker", shouldDisplay: false)

    func run() throws {
        throw ExitCode(WorkerMain.run())
    }
}

/// Test hooks, set by environment variables, for killing a build at chosen
/// points and for making a chosen step of the writer fail with an errno.
enum FaultInjection {
    /// `DEMARC_FAULT_KILL_AT_STEP=N`: SIGKILL this process at the writer's Nth step.
    static let killAtStepVariable = "DEMARC_FAULT_KILL_AT_STEP"
    /// `DEMARC_FAULT_ERRNO_AT_STEP=STEP:ERRNO[;STEP:ERRNO…]`: the writer's step
    /// named STEP (`swap`, `staging`, `file en/diagrams/comparison.svg`, …; a
    /// trailing `*` matches any step starting so) fails with ERRNO (a name such
    /// as EXDEV, or a number), e.g. `swap:EXDEV`.
    static let errnoAtStepVariable = "DEMARC_FAULT_ERRNO_AT_STEP"

    static let errnoNames: [String: Int32] = [
        "EACCES": EACCES, "EPERM": EPERM, "ENOSPC": ENOSPC, "EDQUOT": EDQUOT, "EXDEV": EXDEV, "EBUSY": EBUSY,
        "EROFS": EROFS, "EIO": EIO, "ELOOP": ELOOP, "EMLINK": EMLINK, "EINVAL": EINVAL, "ENOSYS": ENOSYS,
    ]

    static func failAt() -> (@Sendable (String) -> Int32?)? {
        guard let value = ProcessInfo.processInfo.environment[errnoAtStepVariable], !value.isEmpty else { return nil }
        var rules: [(step: String, code: Int32)] = []
        for item in value.split(separator: ";") {
            guard let colon = item.lastIndex(of: ":") else { continue }
            let name = String(item[item.index(after: colon)...])
            guard let code = errnoNames[name] ?? Int32(name) else { continue }
            rules.append((String(item[..<colon]), code))
        }
        let matched = rules
        return { step in
            matched.first { rule in
                rule.step.hasSuffix("*") ? step.hasPrefix(rule.step.dropLast()) : step == rule.step
            }?.code
        }
    }

    static func stepHook() -> (@Sendable (String) -> Void)? {
        guard let value = ProcessInfo.processInfo.environment[killAtStepVariable], let target = Int(value) else { return nil }
        let counter = StepCounter()
        return { _ in
            if counter.next() == target { kill(getpid(), SIGKILL) }
        }
    }

    final class StepCounter: @unchecked Sendable {
        private var count = 0
        private let lock = NSLock()
        func next() -> Int {
            lock.lock()
            defer { lock.unlock() }
            count += 1
            return count
        }
    }
}
