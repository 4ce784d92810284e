import Foundation

/// Versions of what shapes the output's bytes, read from the system's
/// package database (Debian's dpkg status file), so a manifest can tell a
/// changed system from a changed model.
public enum SystemVersions {
    /// Package → what it shapes.
    public static let packages: [(String, String)] = [
        ("libgvc6", "graphviz"),
        ("libcairo2", "cairo"),
        ("libpango-1.0-0", "pango"),
        ("libfreetype6", "freetype"),
        ("libfontconfig1", "fontconfig"),
        ("fonts-noto-cjk", "fonts-noto-cjk"),
        ("zlib1g", "zlib"),
        ("libpng16-16", "libpng"),
    ]

    /// `component: version` for each package found (sorted by component).
    public static func read(statusFile: String = "/var/lib/dpkg/status") -> [String: String] {
        guard let text = try? String(contentsOfFile: statusFile, encoding: .utf8) else { return [:] }
        let wanted = Dictionary(packages, uniquingKeysWith: { a, _ in a })
        var result: [String: String] = [:]
        for stanza in text.components(separatedBy: "\n\n") {
            var package: String?, version: String?, installed = false
            for line in stanza.split(separator: "\n") {
                if line.hasPrefix("Package: ") {
                    package = String(line.dropFirst(9))
                } else if line.hasPrefix("Version: ") {
                    version = String(line.dropFirst(9))
                } else if line.hasPrefix("Status: ") {
                    installed = line.hasSuffix(" installed")
                }
            }
            if let package, let version, installed, let component = wanted[package] {
                result[component] = version
            }
        }
        return result
    }
}
