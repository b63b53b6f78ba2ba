import PortraitsCore

/// Colours that stay apart when printed in grey. Most town halls print in grey: two classes whose
/// colours have the same lightness (the nomenclature's « zones non bâties » and « feuillus »,
/// 178 and 188 grey levels) print as one. The printed maps keep each class's hue and move its
/// lightness so that any two classes differ in grey, and give hatches to some when there are too
/// many classes for lightness alone to keep them far enough apart.
public enum GreyLegibility {
    /// The grey level (0–255) a printer or a grey rendering makes of a colour: ITU-R BT.601 luma,
    /// the formula of poppler's `pdftoppm -gray`, Ghostscript's and most drivers' conversion.
    public static func grey(_ c: RGBColor) -> Double {
        0.299 * Double(c.r) + 0.587 * Double(c.g) + 0.114 * Double(c.b)
    }

    /// The grey levels the colours of a legend are spread over: dark enough to be told from the
    /// paper, light enough to be told from the black outlines.
    public static let range = 45.0...232.0

    /// How each of `colors` prints: any two distinct colours differ in grey, by `textureGap` levels
    /// or as much as `range` allows when there are more than five (flat greys 36 levels apart
    /// were still confused by a reader: 55 and 90, 160 and 196); then every second or third class in grey order takes a hatch (`Hatch`): two classes of
    /// the same texture are then `textureGap` levels apart at least (up to 16 colours; beyond,
    /// as far as the range allows). A hatched class's ground is lightened so that, lines
    /// included, it prints at its level's mean. Equal colours print alike.
    ///
    /// Give it every colour a kind of map can show (all the classes of the nomenclature's display
    /// level), not only those of one map: a class then prints the same in every document.
    ///
    /// `weights` (one per colour, such as each class's area over the whole project): of the ways to
    /// deal the textures in turn (which texture the darkest class takes, in which order), the one
    /// that leaves the most weight plain, then the least crossed — a map mostly covered by one
    /// class is not hatched all over.
    public static func printFills(_ colors: [RGBColor], weights: [Double]? = nil, textureGap: Double = 45) -> [PrintFill] {
        let distinct = Array(Set(colors)).sorted { (grey($0), $0.r, $0.g, $0.b) < (grey($1), $1.r, $1.g, $1.b) }
        guard distinct.count > 1 else { return colors.map { PrintFill(color: $0) } }
        let widest = (range.upperBound - range.lowerBound) / Double(distinct.count - 1)
        let gap = min(widest, textureGap)
        var textures: [Hatch?] = gap >= textureGap ? [nil] : (2 * gap >= textureGap ? [nil, .diagonal] : [nil, .diagonal, .crossed])
        if let weights, weights.count == colors.count, textures.count > 1 {
            var weight: [RGBColor: Double] = [:]
            for (c, w) in zip(colors, weights) { weight[c, default: 0] += max(0, w) }
            func cost(_ deal: [Hatch?]) -> Double {
                distinct.enumerated().reduce(0) { sum, e in
                    let h = deal[e.offset % deal.count]
                    return sum + (weight[e.element] ?? 0) * (h == nil ? 0 : (h == .diagonal ? 1 : 1.5))
                }
            }
            textures = permutations(textures).min { cost($0) < cost($1) } ?? textures
        }
        let levels = distinct.map(grey)
        let target = spread(levels, gap: gap)
        var fills: [RGBColor: PrintFill] = [:]
        for (i, c) in distinct.enumerated() {
            let hatch = textures[i % textures.count]
            guard let hatch else {
                fills[c] = PrintFill(color: abs(target[i] - levels[i]) < 0.5 ? c : withGrey(c, target[i]))
                continue
            }
            // Lines darker than the ground, the ground lighter by what they take off the mean;
            // on the darkest levels, lines lighter than the ground.
            let shift = hatch.coverage(width: Hatch.width, spacing: Hatch.spacing) * Hatch.contrast
            let darkLines = target[i] - shift >= range.lowerBound
            let ground = darkLines ? min(255, target[i] + shift) : max(0, target[i] - shift)
            let color = withGrey(c, ground)
            let lines = withGrey(c, darkLines ? max(0, ground - Hatch.contrast) : min(255, ground + Hatch.contrast))
            fills[c] = PrintFill(color: color, hatch: hatch, lineColor: lines)
        }
        return colors.map { fills[$0]! }
    }

    /// Every order of `items` (a few), the given order first.
    static func permutations<T>(_ items: [T]) -> [[T]] {
        guard items.count > 1 else { return [items] }
        return items.indices.flatMap { i -> [[T]] in
            var rest = items
            let first = rest.remove(at: i)
            return permutations(rest).map { [first] + $0 }
        }
    }

    /// Grey levels in increasing order moved as little as a forward and a backward pass find so
    /// that they are `gap` apart and inside `range`.
    static func spread(_ levels: [Double], gap: Double) -> [Double] {
        var target = levels.map { min(max($0, range.lowerBound), range.upperBound) }
        for i in 1..<target.count { target[i] = max(target[i], target[i - 1] + gap) }
        if target.last! > range.upperBound {
            target[target.count - 1] = range.upperBound
            for i in stride(from: target.count - 2, through: 0, by: -1) { target[i] = min(target[i], target[i + 1] - gap) }
        }
        return target
    }

    /// `c` mixed with white (to lighten) or black (to darken) so that its grey level is `level`.
    /// Luma is linear in the channels, so the mix is exact up to rounding.
    public static func withGrey(_ c: RGBColor, _ level: Double) -> RGBColor {
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
