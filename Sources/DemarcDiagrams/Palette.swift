import DemarcModel
import DemarcViews

/// The colours a diagram uses, in a light and a dark variant, with every
/// text/background and graphic/background pair checked against WCAG AA:
/// 4.5:1 for text, 3:1 for lines and fills that carry meaning. Party colours
/// come from the model; where one is too weak it is darkened (light theme)
/// or lightened (dark theme) until it passes.
public struct Palette: Sendable {
    public enum Theme: String, Sendable, CaseIterable {
        case light, dark
    }

    public let theme: Theme
    public let background: Colour
    public let text: Colour
    public let mutedText: Colour
    public let line: Colour
    public let demarcation: Colour
    public let gap: Colour
    public let notApplicableFill: Colour

    public init(theme: Theme) {
        self.theme = theme
        switch theme {
        case .light:
            background = .white
            text = Colour(hex: "#1a1a1a")!
            mutedText = Colour(hex: "#555555")!
            line = Colour(hex: "#6b6b6b")!
            demarcation = Colour(hex: "#b00020")!
            gap = Colour(hex: "#a4262c")!
            notApplicableFill = Colour(hex: "#eeeeee")!
        case .dark:
            background = Colour(hex: "#1e1e1e")!
            text = Colour(hex: "#f0f0f0")!
            mutedText = Colour(hex: "#bbbbbb")!
            line = Colour(hex: "#9a9a9a")!
            demarcation = Colour(hex: "#ff6b7f")!
            gap = Colour(hex: "#ff8a80")!
            notApplicableFill = Colour(hex: "#333333")!
        }
    }

    /// A party's text/line colour, adjusted to reach 4.5:1 on the background.
    public func ink(_ colour: Colour) -> Colour {
        colour.adjusted(toReach: 4.5, against: background, towards: theme == .light ? .black : .white)
    }

    /// A party's cell fill: a tint of its colour, with `ink` on it reaching 4.5:1.
    public func fill(_ colour: Colour) -> Colour {
        let ink = ink(colour)
        var amount = theme == .light ? 0.86 : 0.78
        while amount < 0.98 {
            let tint = colour.mixed(with: background, amount: amount)
            if ink.contrast(with: tint) >= 4.5 { return tint }
            amount += 0.02
        }
        return background
    }

    public func ink(_ party: PartyView) -> Colour { ink(party.colour) }
    public func fill(_ party: PartyView) -> Colour { fill(party.colour) }
}

/// The colour pairs a diagram actually emits, so tests can check each one.
public struct ContrastPair: Hashable, Sendable {
    public enum Use: String, Sendable {
        case text, graphic
    }

    public var foreground: Colour
    public var background: Colour
    public var use: Use
    /// What the pair draws, for messages.
    public var what: String

    public var ratio: Double { foreground.contrast(with: background) }
    public var required: Double { use == .text ? 4.5 : 3.0 }
    public var passes: Bool { ratio >= required }
}
