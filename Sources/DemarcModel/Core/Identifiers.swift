import Foundation

/// The rules for ids and slugs (docs/model.md, "Ids and slugs").
public enum Identifiers {
    /// Names Windows refuses as file names, whatever the extension.
    public static let windowsReserved: Set<String> = {
        var names: Set<String> = ["con", "prn", "aux", "nul"]
        for i in 0...9 {
            names.insert("com\(i)")
            names.insert("lpt\(i)")
        }
        return names
    }()

    public static let maxLength = 64

    /// Why `id` breaks the id rule, or nil when it is valid:
    /// ASCII `[a-z0-9][a-z0-9-]*`, at most 64 characters, not Windows-reserved.
    public static func problem(with id: String) -> String? {
        if id.isEmpty { return "an id must not be empty" }
        if id.unicodeScalars.count > maxLength { return "an id has at most \(maxLength) characters (this has \(id.unicodeScalars.count))" }
        let scalars = Array(id.unicodeScalars)
        func ok(_ s: Unicode.Scalar) -> Bool { ("a"..."z").contains(s) || ("0"..."9").contains(s) }
        if !ok(scalars[0]) { return "an id starts with a lower-case ASCII letter or digit" }
        if let bad = scalars.first(where: { !ok($0) && $0 != "-" }) {
            return "an id holds only lower-case ASCII letters, digits and '-' (found '\(bad.escaped(asASCII: false))')"
        }
        if windowsReserved.contains(id) { return "'\(id)' is a file name Windows reserves" }
        return nil
    }

    /// The form two ids are compared in: NFKC, case-folded.
    public static func comparisonKey(_ id: String) -> String {
        id.precomposedStringWithCompatibilityMapping.lowercased()
    }

    /// The file-name slug of a catalogue entry id; see docs/model.md.
    public static func slug(_ id: String) -> String {
        let normal = id.precomposedStringWithCompatibilityMapping.lowercased()
        var parts: [String] = []
        var current = ""
        for scalar in normal.unicodeScalars {
            if ("a"..."z").contains(scalar) || ("0"..."9").contains(scalar) {
                current.unicodeScalars.append(scalar)
            } else if scalar.properties.isAlphabetic || scalar.properties.numericType != nil {
                if !current.isEmpty { parts.append(current); current = "" }
                parts.append("u" + String(scalar.value, radix: 16))
            } else if !current.isEmpty {
                parts.append(current)
                current = ""
            }
        }
        if !current.isEmpty { parts.append(current) }
        var slug = parts.joined(separator: "-")
        if slug.isEmpty { slug = "entry" }
        if windowsReserved.contains(slug) { slug += "-entry" }
        if slug.count > maxLength {
            slug = String(slug.prefix(55))
            while slug.hasSuffix("-") { slug.removeLast() }
            slug += "-" + fnv1a(id)
        }
        return slug
    }

    /// A valid id made from arbitrary text, for "did you mean" suggestions.
    public static func suggestedID(_ text: String) -> String {
        let slug = slug(text)
        return slug.first.map { ("a"..."z").contains($0) || ("0"..."9").contains($0) } == true ? slug : "x-" + slug
    }

    /// 32-bit FNV-1a of the UTF-8 bytes, as 8 lower-case hex digits.
    static func fnv1a(_ text: String) -> String {
        var hash: UInt32 = 0x811c_9dc5
        for byte in text.utf8 {
            hash ^= UInt32(byte)
            hash = hash &* 0x0100_0193
        }
        let hex = String(hash, radix: 16)
        return String(repeating: "0", count: 8 - hex.count) + hex
    }

    /// The candidate closest to `word` by edit distance, if close enough to
    /// be a likely misspelling.
    public static func closest(to word: String, in candidates: some Sequence<String>) -> String? {
        let limit = max(2, word.count / 3)
        var best: (String, Int)?
        for candidate in candidates {
            let d = editDistance(word.lowercased(), candidate.lowercased())
            if d <= limit, best == nil || d < best!.1 || (d == best!.1 && candidate < best!.0) {
                best = (candidate, d)
            }
        }
        return best?.0
    }

    /// Edits (insert, delete, replace, or swap two neighbouring characters —
    /// the commonest typo, 'titel') that turn `a` into `b`.
    static func editDistance(_ a: String, _ b: String) -> Int {
        let a = Array(a), b = Array(b)
        if a.isEmpty { return b.count }
        if b.isEmpty { return a.count }
        var beforePrevious = [Int](repeating: 0, count: b.count + 1)
        var previous = Array(0...b.count)
        var current = [Int](repeating: 0, count: b.count + 1)
        for i in 1...a.count {
            current[0] = i
            for j in 1...b.count {
                current[j] = min(previous[j] + 1, current[j - 1] + 1, previous[j - 1] + (a[i - 1] == b[j - 1] ? 0 : 1))
                if i > 1, j > 1, a[i - 1] == b[j - 2], a[i - 2] == b[j - 1] {
                    current[j] = min(current[j], beforePrevious[j - 2] + 1)
                }
            }
            (beforePrevious, previous, current) = (previous, current, beforePrevious)
        }
        return previous[b.count]
    }
}
