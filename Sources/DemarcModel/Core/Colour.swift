import Foundation

/// An sRGB colour written `#rrggbb`, with WCAG 2 contrast arithmetic.
public struct Colour: Hashable, Sendable, CustomStringConvertible {
    public var red: UInt8
    public var green: UInt8
    public var blue: UInt8

    public init(red: UInt8, green: UInt8, blue: UInt8) {
        self.red = red
        self.green = green
        self.blue = blue
    }

    /// Parses `#rrggbb` (either case).
    public init?(hex: String) {
        let chars = Array(hex.utf8)
        guard chars.count == 7, chars[0] == UInt8(ascii: "#") else { return nil }
        func byte(_ i: Int) -> UInt8? {
            guard let h = Self.nibble(chars[i]), let l = Self.nibble(chars[i + 1]) else { return nil }
            return h << 4 | l
        }
        guard let r = byte(1), let g = byte(3), let b = byte(5) else { return nil }
        self.init(red: r, green: g, blue: b)
    }

    private static func nibble(_ c: UInt8) -> UInt8? {
        switch c {
        case UInt8(ascii: "0")...UInt8(ascii: "9"): return c - UInt8(ascii: "0")
        case UInt8(ascii: "a")...UInt8(ascii: "f"): return c - UInt8(ascii: "a") + 10
        case UInt8(ascii: "A")...UInt8(ascii: "F"): return c - UInt8(ascii: "A") + 10
        default: return nil
        }
    }

    public static let white = Colour(red: 255, green: 255, blue: 255)
    public static let black = Colour(red: 0, green: 0, blue: 0)

    /// `#rrggbb`, lower case.
    public var description: String {
        func digit(_ v: UInt8) -> UInt8 { v < 10 ? UInt8(ascii: "0") + v : UInt8(ascii: "a") + v - 10 }
        let bytes = [UInt8(ascii: "#"), digit(red >> 4), digit(red & 15), digit(green >> 4), digit(green & 15), digit(blue >> 4), digit(blue & 15)]
        return String(decoding: bytes, as: UTF8.self)
    }

    /// WCAG 2 relative luminance.
    public var luminance: Double {
        func channel(_ v: UInt8) -> Double {
            let c = Double(v) / 255
            return c <= 0.04045 ? c / 12.92 : pow((c + 0.055) / 1.055, 2.4)
        }
        return 0.2126 * channel(red) + 0.7152 * channel(green) + 0.0722 * channel(blue)
    }

    /// WCAG 2 contrast ratio between two colours (1…21).
    public func contrast(with other: Colour) -> Double {
        let a = luminance, b = other.luminance
        return (max(a, b) + 0.05) / (min(a, b) + 0.05)
    }

    /// The colour mixed towards `other` by `amount` (0 = self, 1 = other).
    public func mixed(with other: Colour, amount: Double) -> Colour {
        func mix(_ a: UInt8, _ b: UInt8) -> UInt8 {
            UInt8(max(0, min(255, (Double(a) * (1 - amount) + Double(b) * amount).rounded())))
        }
        return Colour(red: mix(red, other.red), green: mix(green, other.green), blue: mix(blue, other.blue))
    }

    /// This colour, mixed towards `target` just enough to reach `ratio`
    /// against `background` (darkened on light, lightened on dark).
    public func adjusted(toReach ratio: Double, against background: Colour = .white, towards target: Colour = .black) -> Colour {
        if contrast(with: background) >= ratio { return self }
        for step in 1...100 {
            let candidate = mixed(with: target, amount: Double(step) / 100)
            if candidate.contrast(with: background) >= ratio { return candidate }
        }
        return target
    }
}

extension Colour {
    /// The default colours of parties that give none, in order: each reaches
    /// 4.5:1 against white (WCAG AA for text; a test checks), and they stay
    /// apart in hue, so no two parties look alike.
    public static let palette: [Colour] = [
        "#1f4e79", "#8a4500", "#6a1b9a", "#1b5e20", "#a0153e", "#005f73", "#5d4037", "#37474f",
    ].map { Colour(hex: $0)! }

    /// The parties, those in `uncoloured` given the palette's colours in
    /// turn (skipping colours other parties chose), the rest as they are.
    static func colouring(_ parties: [Party], uncoloured: Set<String>) -> [Party] {
        let taken = Set(parties.filter { !uncoloured.contains($0.id) }.map(\.colour))
        var free = palette.filter { !taken.contains($0) }
        if free.isEmpty { free = palette }
        var next = 0
        return parties.map { party in
            guard uncoloured.contains(party.id) else { return party }
            var coloured = party
            coloured.colour = free[next % free.count]
            next += 1
            return coloured
        }
    }
}
