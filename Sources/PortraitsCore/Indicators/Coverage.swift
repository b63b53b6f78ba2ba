/// How much of a territory the land cover describes at a millésime.
public struct CoverageFigures: Sendable, Equatable {
    public var covered: Double
    public var area: Double
    /// Sum of classes minus covered: area counted twice because polygons overlap.
    public var overlap: Double

    public var share: Double { area > 0 ? covered / area : 0 }
    /// Partly covered: figures describe only the covered part (nothing is extrapolated).
    public var isPartial: Bool { share < 0.995 }

    public static func of(_ facts: AreaFacts, millesime m: Int) -> CoverageFigures {
        CoverageFigures(covered: facts.covered[m], area: facts.area, overlap: facts.overlap(m))
    }
}
