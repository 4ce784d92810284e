/// Characters XML 1.0 and HTML forbid or call errors: C0 controls other than
/// tab, line feed and carriage return, DEL and the C1 controls, and the
/// noncharacters (U+FDD0…U+FDEF, U+FFFE and U+FFFF of every plane). Lone
/// surrogates cannot occur in a Swift string. Removed from everything a
/// page carries, model text and templates alike, before it is written.
public enum ForbiddenCharacters {
    public static func isForbidden(_ scalar: Unicode.Scalar) -> Bool {
        let v = scalar.value
        if v < 0x20 { return v != 0x09 && v != 0x0A && v != 0x0D }
        if (0x7F...0x9F).contains(v) { return true }
        if (0xFDD0...0xFDEF).contains(v) { return true }
        return v & 0xFFFE == 0xFFFE
    }

    public static func removed(from text: String) -> String {
        guard text.unicodeScalars.contains(where: isForbidden) else { return text }
        var out = String.UnicodeScalarView()
        out.append(contentsOf: text.unicodeScalars.lazy.filter { !isForbidden($0) })
        return String(out)
    }
}
