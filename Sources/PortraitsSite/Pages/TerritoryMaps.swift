import PortraitsCore
import PortraitsGeo
import PortraitsGraphics

/// Builds the land-cover map of a territory at a millésime from the tabulated pieces.
struct TerritoryMaps {
    let project: Project
    /// For each primary leaf, the index of its class at the display level in `legendClasses`.
    let leafToLegend: [Int]
    let legendClasses: [NomenclatureClass]
    let communeBounds: [BoundingBox]
    /// Above this many vertices a map is rasterised to PNG, to stay light.
    static let rasterThreshold = 40_000

    init(project: Project) {
        self.project = project
        let dim = project.nomenclature.primary
        let classes = dim.classes(atLevel: project.displayLevel)
        let index = Dictionary(uniqueKeysWithValues: classes.enumerated().map { ($1.code, $0) })
        legendClasses = classes
        leafToLegend = dim.leaves.map { i in index[dim.ancestor(of: dim.classes[i].code, atLevel: project.displayLevel)!.code]! }
        communeBounds = project.tabulation.outlines.map { polys in
            var b = BoundingBox.empty
            for p in polys { b.formUnion(p.bounds) }
            return b
        }
    }

    func input(for territory: Territory, millesime: Int, source: String) -> LandCoverMapInput {
        let m = project.layout.index(of: millesime)!
        var pieces: [(legendIndex: Int, polygon: PolygonRings)] = []
        var present = Set<Int>()
        for c in territory.communeIndices {
            for piece in project.tabulation.pieces[c] {
                let leaf = piece.classes[m]
                guard leaf >= 0 else { continue }
                let l = leafToLegend[Int(leaf)]
                present.insert(l)
                pieces.append((l, piece.polygon))
            }
        }
        // Legend: only the classes present, in nomenclature order.
        let kept = present.sorted()
        let remap = Dictionary(uniqueKeysWithValues: kept.enumerated().map { ($1, $0) })
        let legend = kept.map { LegendEntry(label: legendClasses[$0].shortLabel, color: legendClasses[$0].color) }
        pieces = pieces.map { (remap[$0.legendIndex]!, $0.polygon) }
        let outline = project.outlines[territory.id] ?? []
        var bounds = BoundingBox.empty
        for p in outline { bounds.formUnion(p.bounds) }
        let frame = bounds.expanded(by: max(bounds.width, bounds.height) * 0.05)
        let members = Set(territory.communeIndices)
        var context: [PolygonRings] = []
        for (i, b) in communeBounds.enumerated() where !members.contains(i) && b.intersects(frame) {
            context += project.tabulation.outlines[i]
        }
        return LandCoverMapInput(pieces: pieces, legend: legend, outline: outline, context: context, source: source)
    }

    func vertexCount(_ input: LandCoverMapInput) -> Int {
        input.pieces.reduce(0) { $0 + $1.polygon.vertexCount }
    }
}
