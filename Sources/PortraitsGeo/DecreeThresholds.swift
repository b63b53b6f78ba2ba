import PortraitsCore

/// The thresholds of the annex to art. R.101-1 of the code de l'urbanisme (decree n° 2023-1096),
/// applied to the land-cover polygons after the CS × US matrix:
///
/// 1. linear infrastructure (roads, railways) counts from 5 m wide, judged along the feature: the
///    part of an artificialised linear polygon where a disc 5 m across fits (a morphological opening:
///    inner buffer of 2.5 m, then outer buffer of 2.5 m) is artificialised, the narrower rest is not
///    (`widthParts`; a road exactly 5 m wide counts, to the centimetre of the data);
/// 2. the other categories are judged on patches of contiguous polygons of the same status: a patch
///    under 2 500 m² whose neighbours are all of the other status takes their status (an artificial
///    patch inside non-artificial land is not artificialised, and the reverse);
/// 3. built surfaces count from 50 m² of footprint: a building of at least 50 m² stays artificialised
///    even inside a small patch that the previous rule turns non-artificial; linear infrastructure
///    at least 5 m wide stays artificialised too (it is judged on its width, not on patches).
///
/// Contiguity is the sharing of a stretch of boundary (or of interior) between polygons of one layer:
/// two polygons that touch only at a corner are two patches. Patches are made on the whole layer,
/// before the communes cut it, so a patch across a commune limit is judged whole. A patch with no
/// neighbour (an island of the data) is left as it is. Docs: Content/methode-artificialisation.md.
public enum DecreeThresholds {
    public static let patchArea = 2_500.0
    public static let builtArea = 50.0
    public static let linearHalfWidth = 2.5
    /// Widths are compared to the centimetre: coordinates are given to it, and a road drawn exactly
    /// 5 m wide must count.
    public static let widthTolerance = 0.01
    /// A narrow remainder under this area is a rounded corner of the opening, not a narrow stretch
    /// (a right-angled corner loses (1 − π/4) · 2.5² ≈ 1.3 m²).
    public static let minNarrowArea = 10.0

    /// Whether rule 1 has to look at a polygon: artificialised linear infrastructure at some millésime.
    static func needsWidth(_ statuses: [Bool?], _ linear: [Bool]) -> Bool {
        statuses.indices.contains { statuses[$0] == true && linear[$0] }
    }

    /// Rule 1 applied: the millésimes where the polygon is artificialised linear infrastructure become not artificialised.
    static func narrowed(_ statuses: inout [Bool?], _ linear: [Bool]) {
        for m in statuses.indices where statuses[m] == true && linear[m] { statuses[m] = false }
    }

    /// Rule 1's split of a linear polygon: the part at least 5 m wide (nil when none) and the part
    /// narrower than 5 m (nil when none). Both nil never happens for a non-empty polygon.
    static func widthParts(_ g: Geometry, _ ctx: GEOSContext) throws -> (wide: Geometry?, narrow: Geometry?) {
        let inner = try g.buffer(-(linearHalfWidth - widthTolerance / 2))
        guard !inner.isEmpty, inner.area > 0 else { return (nil, g) }
        // What of the polygon lies outside the opening: the polygon minus the inner part's buffer
        // (the opening is that buffer within the polygon, so the difference is the same without
        // intersecting first). The buffer reaches 1.5 cm beyond the polygon's straight edges
        // (inward 2.495 m, outward 2.51 m), so no edge of the two coincides and each rounded corner
        // comes out as a part of its own. Intersecting first put the polygon's own edges on both
        // sides: some corners came out joined along the edges, one part of 11 to 19 m².
        let rest = try g.difference(try inner.buffer(linearHalfWidth + widthTolerance)).polygonalParts()
            .filter { $0.area >= minNarrowArea }
        guard !rest.isEmpty else { return (g, nil) }
        let narrow = ctx.collection(rest, multiPolygon: true)
        let wide = ctx.collection(try g.difference(narrow).polygonalParts(), multiPolygon: true)
        return (wide.isEmpty || wide.area <= 0 ? nil : wide, narrow)
    }

    /// Rule 2 (with rule 3's exceptions) on statuses that rule 1 has already set, for the polygons
    /// of one layer: `small` lists those under the patch threshold and `neighbours[i]` the polygons
    /// contiguous with `small[i]` (`Contiguity`). Returns every polygon's statuses.
    static func patches(small: [Int], neighbours smallNeighbours: [[Int]], areas: [Double], statuses: [[Bool?]],
                        built: [[Bool]], linear: [[Bool]]) -> [[Bool?]] {
        var result = statuses
        guard !small.isEmpty else { return result }
        let millesimes = statuses[small[0]].count
        var neighbours: [Int: [Int]] = [:]
        for (i, f) in small.enumerated() { neighbours[f] = smallNeighbours[i] }
        for m in 0..<millesimes {
            let status = result.map { $0[m] }
            // Union-find over small polygons of the same (determined) status.
            var parent = [Int: Int]()
            func find(_ x: Int) -> Int {
                var x = x
                while let p = parent[x], p != x { parent[x] = parent[p] ?? p; x = p }
                return x
            }
            for f in small where status[f] != nil { parent[f] = f }
            var touchesLarge = Set<Int>()
            for f in small where status[f] != nil {
                for g in neighbours[f]! where status[g] == status[f] {
                    if areas[g] >= patchArea { touchesLarge.insert(f); continue }
                    let a = find(f), b = find(g)
                    if a != b { parent[a] = b }
                }
            }
            var components: [Int: [Int]] = [:]
            for f in small where status[f] != nil { components[find(f), default: []].append(f) }
            for (_, members) in components {
                if members.contains(where: { touchesLarge.contains($0) }) { continue }
                let area = members.reduce(0) { $0 + areas[$1] }
                guard area < patchArea else { continue }
                let memberSet = Set(members)
                let outside = Set(members.flatMap { neighbours[$0]! }).subtracting(memberSet)
                // Enclosed: at least one neighbour, every neighbour of the other, determined status.
                guard !outside.isEmpty, let s = status[members[0]],
                      outside.allSatisfy({ status[$0] == !s }) else { continue }
                for f in members {
                    if s && built[f][m] && areas[f] >= builtArea { continue } // rule 3
                    if s && linear[f][m] { continue } // linear infrastructure is judged on its width only
                    result[f][m] = !s
                }
            }
        }
        return result
    }
}
