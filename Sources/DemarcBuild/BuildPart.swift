import DemarcGraphviz
import DemarcOutput
import DemarcModel
import DemarcRender
import DemarcViews

/// One kind of output of a build — diagrams now; pages, exports and the
/// annex later (docs/architecture.md says how to add one). A part turns the
/// views of one language into files and diagrams to render; it never reads
/// the model past its views, and never writes: the builder collects, the
/// writer writes.
protocol BuildPart: Sendable {
    /// The name `--parts` takes.
    static var name: String { get }
    /// What the part produces for one language.
    func plan(_ input: PartInput) -> PartPlan
    /// Files that embed what the parts render (the pages embed the
    /// diagrams' inline copies), made while the renders run and handed to
    /// `emit` one at a time: each with holes that the rendered files fill
    /// (at once when they are there, else once the renders are done).
    func assemble(_ input: PartInput, _ emit: (AssembledFile) -> Void) throws
}

extension BuildPart {
    func assemble(_ input: PartInput, _ emit: (AssembledFile) -> Void) throws {}
}

/// A file made before the renders it embeds are done: its bytes, and holes
/// that rendered files fill.
struct AssembledFile: Sendable {
    enum Piece: Sendable {
        case bytes(ArraySlice<UInt8>)
        /// Bytes of the file's own unfilled copy, stored under its path meanwhile.
        case stored(Range<Int>)
        /// The file rendered at `path`, as `embed` makes it fit here.
        case rendered(path: String, embed: @Sendable ([UInt8]) -> [UInt8])
    }

    var path: String
    var pieces: [Piece]

    /// The file's bytes, or the rendered path that is missing.
    func filled(from rendered: (String) -> [UInt8]?) -> Result<[UInt8], Missing> {
        var out: [UInt8] = []
        var own: [UInt8]?
        for piece in pieces {
            switch piece {
            case .bytes(let bytes): out += bytes
            case .stored(let range):
                if own == nil { own = rendered(path) }
                guard let own, range.upperBound <= own.count else { return .failure(Missing(file: path, rendered: path)) }
                out += own[range]
            case .rendered(let source, let embed):
                guard let bytes = rendered(source) else { return .failure(Missing(file: path, rendered: source)) }
                out += embed(bytes)
            }
        }
        return .success(out)
    }

    /// The bytes it holds in memory (its own pieces; a parked file's are spooled).
    var heldBytes: Int {
        pieces.reduce(0) { total, piece in
            if case .bytes(let bytes) = piece { return total + bytes.count }
            return total
        }
    }

    /// The rendered files it embeds.
    var embeds: [String] {
        pieces.compactMap { piece in
            if case .rendered(let source, _) = piece { return source }
            return nil
        }
    }

    /// Its bytes stored as they are (holes left out), and the file that
    /// refers to them there: what it holds while it waits.
    func parked() -> (bytes: [UInt8], file: AssembledFile) {
        var bytes: [UInt8] = []
        var pieces: [Piece] = []
        for piece in self.pieces {
            if case .bytes(let slice) = piece {
                pieces.append(.stored(bytes.count..<bytes.count + slice.count))
                bytes += slice
            } else {
                pieces.append(piece)
            }
        }
        return (bytes, AssembledFile(path: path, pieces: pieces))
    }

    struct Missing: Error, Equatable {
        var file: String
        var rendered: String
    }
}

/// What a part gets to work from.
struct PartInput {
    let builder: Builder
    let language: Language
    let views: Views
    var options: BuildOptions { builder.options }
    var offerings: [Offering] { builder.offerings }
}

/// What a part produces: files ready now, and diagrams to render whose
/// bytes come back to it — each made when the builder asks for it, so
/// that the first is rendering while the rest are made.
struct PartPlan {
    var files: [String: [UInt8]] = [:]
    var renders: [() -> PartRender] = []
}

/// A diagram to lay out once and render in some formats; `deliver` turns the
/// bytes (in the order of the job's formats) into files. `finishing` names
/// everything besides the job that `deliver` makes the files from (ids,
/// titles, links, dates): with the job, the key of the files in the render cache.
struct PartRender: Sendable {
    var job: RenderJob
    var finishing: [String]
    var deliver: @Sendable ([[UInt8]]) -> [String: [UInt8]]
}
