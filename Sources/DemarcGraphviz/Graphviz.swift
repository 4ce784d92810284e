import CGraphviz
import Foundation

/// The one door to Graphviz's C library (libgvc 2.42): DOT text in, bytes out.
///
/// libgvc is not thread-safe (two threads crashed it even with separate
/// contexts), so one process-wide lock covers everything from parsing to
/// freeing, and the error state. One context is created lazily, on the first
/// render, and reused. Graphviz reports most problems only as messages — a
/// bad HTML-like label fails no call and silently draws the node name — so
/// every message, error or warning, fails the render with a `GraphvizError`
/// naming the diagram. A diagram is laid out once and rendered in every
/// format asked for. The process's time zone is left alone: cairo's PDF
/// date is fixed afterwards whatever the zone. Diagrams arrive as DOT text (the seam the tests
/// golden-test) and `agmemread` parses their HTML-like labels itself;
/// `agstrdup_html` would only matter for graphs built through the C API.
public enum Graphviz {
    /// Output formats Demarc asks Graphviz for.
    public enum Format: String, Sendable, CaseIterable {
        case svg
        /// SVG drawn by cairo: text as outlines (for wikis without Japanese fonts).
        case svgOutlines = "svg:cairo"
        case png
        case pdf
        /// Graphviz's own layout, with text widths (used for the font check).
        case xdot
    }

    /// Renders `dot` with the `dot` layout engine. `name` names the diagram in errors.
    public static func render(dot: String, format: Format, name: String) throws -> [UInt8] {
        try render(dot: dot, formats: [format], name: name)[0]
    }

    /// Lays `dot` out once and renders it in each of `formats` (in that
    /// order). Any message Graphviz reports fails the whole diagram.
    public static func render(dot: String, formats: [Format], name: String) throws -> [[UInt8]] {
        lock.lock()
        defer { lock.unlock() }
        return try renderLocked(dot: dot, formats: formats, name: name)
    }

    /// Turns the text-measurement cache (`TextMeasure`) on or off, emptying it; its hits and misses so far.
    @discardableResult
    static func measuringText(cached: Bool) -> (hits: Int, misses: Int) {
        lock.lock()
        defer { lock.unlock() }
        TextMeasure.enabled = cached
        TextMeasure.clear()
        return (TextMeasure.hits, TextMeasure.misses)
    }

    /// The process-wide lock around everything from parse to free.
    private static let lock = NSLock()

    nonisolated(unsafe) private static var context: OpaquePointer?
    /// Messages Graphviz reported during the current render (guarded by `lock`).
    nonisolated(unsafe) private static var messages: [String] = []

    private static let handler: agusererrf = { message in
        if let message { Graphviz.messages.append(String(cString: message)) }
        return 0
    }

    private static func renderLocked(dot: String, formats: [Format], name: String) throws -> [[UInt8]] {
        if context == nil {
            context = TextMeasure.makeContext() ?? gvContext()
            _ = agseterrf(handler)
            _ = agseterr(AGWARN)
        }
        guard let context else { throw GraphvizError(diagram: name, messages: ["cannot create a Graphviz context"]) }
        TextMeasure.trim()
        messages = []
        agreseterrors()
        agreadline(1)

        guard let graph = dot.withCString({ agmemread($0) }) else {
            throw GraphvizError(diagram: name, messages: messages.isEmpty ? ["the DOT text does not parse"] : messages)
        }
        defer { agclose(graph) }
        guard gvLayout(context, graph, "dot") == 0 else {
            throw GraphvizError(diagram: name, messages: messages.isEmpty ? ["layout failed"] : messages)
        }
        defer { gvFreeLayout(context, graph) }
        var results: [[UInt8]] = []
        for format in formats {
            var data: UnsafeMutablePointer<CChar>?
            var length: UInt32 = 0
            let status = gvRenderData(context, graph, format.rawValue, &data, &length)
            defer { if let data { gvFreeRenderData(data) } }
            guard status == 0, let data else {
                throw GraphvizError(diagram: name, messages: messages.isEmpty ? ["rendering \(format.rawValue) failed"] : messages)
            }
            // Copy by length: PNG and PDF hold NUL bytes.
            results.append(
                data.withMemoryRebound(to: UInt8.self, capacity: Int(length)) {
                    Array(UnsafeBufferPointer(start: $0, count: Int(length)))
                })
        }
        // Any message at all — errors and warnings — fails the render.
        if !messages.isEmpty || agerrors() > 0 {
            throw GraphvizError(diagram: name, messages: messages.isEmpty ? ["Graphviz reported \(agerrors()) error(s)"] : messages)
        }
        return results
    }
}

/// Graphviz refused or complained about a diagram.
public struct GraphvizError: Error, CustomStringConvertible, Sendable {
    /// The diagram's name (its output path or id).
    public var diagram: String
    /// What Graphviz said, message by message.
    public var messages: [String]

    public var description: String {
        "Graphviz failed on \(diagram): " + messages.map { $0.trimmingCharacters(in: .whitespacesAndNewlines) }.joined(separator: " | ")
    }
}
