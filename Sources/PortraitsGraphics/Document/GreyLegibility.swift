import PortraitsCore

/// Colours that stay apart when printed in grey. Most town halls print in grey: two classes whose
/// colours have the same lightness (the nomenclature's « zones non bâties » and « feuillus »,
/// 178 and 188 grey levels) print as one. The printed maps keep each class's hue and move its
/// lightness just enough that any two classes of a legend differ by `gap` grey levels.
public enum GreyLegibility {
    /// The grey level (0–255) a printer or a grey rendering makes of a colour: ITU-R BT.601 luma,
    /// the formula of poppler's `pdftoppm -gray`, Ghostscript's and most drivers' conversion.
    public static func grey(_ c: RGBColor) -> Double {
        0.299 * Double(c.r) + 0.587 * Double(c.g) + 0.114 * Double(c.b)
    }

    /// The grey levels the colours of a legend are spread over: dark enough to be told from the
    /// paper, light enough to be told from the black outlines.
    public static let range = 45.0...232.0

    /// `colors` with their lightness moved so that any two distinct colours differ by at least `gap`
    /// grey levels, or by as much as `range` allows when there are too many. Each colour moves as
    /// little as the passes find, towards white or black, its hue kept; colours already apart and
    /// inside `range` are unchanged.
    /// Equal colours stay equal.
    public static func separated(_ colors: [RGBColor], gap wanted: Double = 18) -> [RGBColor] {
        let distinct = Array(Set(colors)).sorted { (grey($0), $0.r, $0.g, $0.b) < (grey($1), $1.r, $1.g, $1.b) }
        guard distinct.count > 1 else { return colors }
        let gap = min(wanted, (range.upperBound - range.lowerBound) / Double(distinct.count - 1))
        let levels = distinct.map(grey)
        // Targets: in the same order, at least `gap` apart, inside the range, as near the
        // original levels as a forward then a backward pass put them.
        var target = levels.map { min(max($0, range.lowerBound), range.upperBound) }
        for i in 1..<target.count { target[i] = max(target[i], target[i - 1] + gap) }
        if target.last! > range.upperBound {
            target[target.count - 1] = range.upperBound
            for i in stride(from: target.count - 2, through: 0, by: -1) { target[i] = min(target[i], target[i + 1] - gap) }
        }
        var moved: [RGBColor: RGBColor] = [:]
        for (i, c) in distinct.enumerated() { moved[c] = abs(target[i] - levels[i]) < 0.5 ? c : withGrey(c, target[i]) }
        return colors.map { moved[$0]! }
    }

    /// `c` mixed with white (to lighten) or black (to darken) so that its grey level is `level`.
    /// Luma is linear in the channels, so the mix is exact up to rounding.
    static func withGrey(_ c: RGBColor, _ level: Double) -> RGBColor {
        let l = grey(c)
        func channel(_ v: UInt8, _ f: (Double) -> Double) -> UInt8 { UInt8(max(0, min(255, f(Double(v)).rounded()))) }
        if level >= l {
            let a = l >= 255 ? 0 : (level - l) / (255 - l)
            return RGBColor(r: channel(c.r) { $0 + (255 - $0) * a }, g: channel(c.g) { $0 + (255 - $0) * a }, b: channel(c.b) { $0 + (255 - $0) * a })
        }
        let k = l <= 0 ? 1 : level / l
        return RGBColor(r: channel(c.r) { $0 * k }, g: channel(c.g) { $0 * k }, b: channel(c.b) { $0 * k })
    }
}
