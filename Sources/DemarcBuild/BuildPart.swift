import DemarcGraphviz
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
    /// Files made from what every part rendered (the pages embed the
    /// diagrams' inline copies); after all renders, before the writer.
    func assemble(_ input: PartInput, rendered: [String: [UInt8]]) throws -> [String: [UInt8]]
}

extension BuildPart {
    func assemble(_ input: PartInput, rendered: [String: [UInt8]]) throws -> [String: [UInt8]] { [:] }
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
/// bytes come back to it.
struct PartPlan {
    var files: [String: [UInt8]] = [:]
    var renders: [PartRender] = []
}

/// A diagram to lay out once and render in some formats; `deliver` turns the
/// bytes (in the order of the job's formats) into files.
struct PartRender: Sendable {
    var job: RenderJob
    var deliver: @Sendable ([[UInt8]]) -> [String: [UInt8]]
}
