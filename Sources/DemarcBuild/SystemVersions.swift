import Foundation

/// Versions of what shapes the output's bytes, read from the system's
/// package database (Debian's dpkg status file), so a manifest can tell a
/// changed system from a changed model, and the render cache a changed
/// Graphviz or font from a changed diagram.
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

    /// This system's, read once per process.
    public static let current: [String: String] = read()

    /// `component=version;…`, sorted: the versions as one part of a key.
    public static func key(_ versions: [String: String] = current) -> String {
        versions.sorted { $0.key < $1.key }.map { "\($0.key)=\($0.value)" }.joined(separator: ";")
    }

    /// `component: version` for each package found installed. One pass over
    /// the bytes that reads only the stanzas of these packages (the status
    /// file runs to 600 KB and more; splitting it into strings cost a tenth
    /// of a build).
    public static func read(statusFile: String = "/var/lib/dpkg/status") -> [String: String] {
        guard let data = FileManager.default.contents(atPath: statusFile) else { return [:] }
        let wanted = Dictionary(packages.map { (Array($0.0.utf8), $0.1) }, uniquingKeysWith: { a, _ in a })
        return data.withUnsafeBytes { raw -> [String: String] in
            let bytes = raw.bindMemory(to: UInt8.self)
            let n = bytes.count
            let header = Array("Package: ".utf8)
            var result: [String: String] = [:]
            var i = 0
            while i < n {
                // i is at the start of a line.
                var lineEnd = i
                while lineEnd < n, bytes[lineEnd] != 0x0A { lineEnd += 1 }
                if lineEnd - i > header.count, (0..<header.count).allSatisfy({ bytes[i + $0] == header[$0] }),
                    let component = wanted[Array(bytes[(i + header.count)..<lineEnd])]
                {
                    let (version, installed, end) = stanza(bytes, from: lineEnd + 1)
                    if installed, let version { result[component] = version }
                    i = end
                    continue
                }
                i = lineEnd + 1
            }
            return result
        }
    }

    /// The version and status of the stanza whose fields start at `from`,
    /// and where the next line after it starts.
    static func stanza(_ bytes: UnsafeBufferPointer<UInt8>, from: Int) -> (version: String?, installed: Bool, end: Int) {
        var version: String?, installed = false
        var i = from
        while i < bytes.count, bytes[i] != 0x0A {
            var lineEnd = i
            while lineEnd < bytes.count, bytes[lineEnd] != 0x0A { lineEnd += 1 }
            let line = String(decoding: UnsafeBufferPointer(rebasing: bytes[i..<lineEnd]), as: UTF8.self)
            if line.hasPrefix("Version: ") {
                version = String(line.dropFirst(9))
            } else if line.hasPrefix("Status: ") {
                installed = line.hasSuffix(" installed")
            }
            i = lineEnd + 1
        }
        return (version, installed, i)
    }
}
