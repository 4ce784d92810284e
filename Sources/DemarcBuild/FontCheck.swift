import DemarcModel
import DemarcDiagrams

/// Japanese must be laid out with real font metrics (pango with Noto CJK).
/// Before the first render of a build, lay out a known string and compare
/// its width: アプリケーション at 10 pt is 79 pt with Noto CJK, about 127
/// with DejaVu only, 61 with no fonts at all.
public enum FontCheck {
    public static let probe = "アプリケーション"
    public static let expectedWidth = 79.0
    public static let tolerance = 6.0

    public static let dot = """
        digraph fontcheck { node [shape=plaintext fontname=\(Escape.dotQuoted(DiagramContext.fontFamily)) fontsize=10 margin=0]; probe [label="\(probe)"]; }
        """

    /// The width Graphviz reports in its xdot output's text operation.
    public static func width(fromXdot xdot: String) -> Double? {
        // _ldraw_="F 10 16 -Noto Sans CJK JP c 7 -#000000 T 39.5 15.5 0 79 24 -アプリケーション "
        guard let t = xdot.range(of: " T ") else { return nil }
        let fields = xdot[t.upperBound...].split(separator: " ", maxSplits: 5)
        guard fields.count >= 4 else { return nil }
        return Double(fields[3])
    }

    public struct Failure: Error, CustomStringConvertible, Equatable, Sendable {
        public var width: Double?
        public var description: String {
            let measured = width.map { "\($0) pt" } ?? "nothing"
            return
                "the Japanese font is missing: '\(FontCheck.probe)' laid out at \(measured) instead of \(FontCheck.expectedWidth) pt, so Japanese text would not fit its boxes. Install Noto CJK: apt-get install fonts-noto-cjk (scripts/setup.sh does it), then run 'fc-cache -f'."
        }
    }

    public static func verify(xdot: [UInt8]) throws {
        let width = width(fromXdot: String(decoding: xdot, as: UTF8.self))
        guard let width, abs(width - expectedWidth) <= tolerance else { throw Failure(width: width) }
    }
}
