/// Land-cover stock by class: the area of each class at one millésime, at one level of a dimension.
public struct StockRow: Sendable, Equatable {
    public var code: String
    public var label: String
    public var shortLabel: String
    public var color: RGBColor
    /// Square metres.
    public var area: Double
    /// Share of the territory's area (0…1).
    public var share: Double
}

public enum Stock {
    /// Stock of millésime `m` by class of `dimension` (the primary when index 0) at `level`, in the
    /// nomenclature's order; classes with no area are kept so that two millésimes line up.
    public static func byClass(_ facts: AreaFacts, millesime m: Int, nomenclature: Nomenclature,
                               dimension: Int = 0, level: Int) -> [StockRow] {
        let dim = nomenclature.dimensions[dimension]
        var byCode: [String: Double] = [:]
        // In key order: the same sum whatever the dictionary's order (a process's hash seed).
        for (key, area) in facts.orderedStock(m) {
            let leaf = dimension == 0 ? key.primary : key.secondary
            guard leaf >= 0, let a = dim.ancestor(of: dim.leaf(leaf).code, atLevel: level) else { continue }
            byCode[a.code, default: 0] += area
        }
        return dim.classes(atLevel: level).map { c in
            let area = byCode[c.code] ?? 0
            return StockRow(code: c.code, label: c.label, shortLabel: c.shortLabel, color: c.color, area: area,
                            share: facts.area > 0 ? area / facts.area : 0)
        }
    }
}
