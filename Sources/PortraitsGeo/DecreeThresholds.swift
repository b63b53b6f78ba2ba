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

    /// Whether rule 1 judges a polygon at a millésime (artificialised linear infrastructure); its
    /// part narrower than 5 m is then not artificialised at that millésime.
    static func judgedOnWidth(_ status: Bool?, linear: Bool) -> Bool { status == true && linear }

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
    static func patches(small: [Int], neighbours smallNeighbours: [[Int]], areas: [Double], statuses: FeatureRows<Bool?>,
                        built: FeatureRows<Bool>, linear: FeatureRows<Bool>) -> FeatureRows<Bool?> {
        var result = statuses
        guard !small.isEmpty else { return result }
        let millesimes = statuses.width
        let n = small.count
        // A polygon's place in `small` (-1: not under the threshold); arrays rather than
        // dictionaries, read hundreds of thousands of times.
        var slot = [Int32](repeating: -1, count: statuses.count)
        for (i, f) in small.enumerated() { slot[f] = Int32(i) }
        for m in 0..<millesimes {
            let status = (0..<statuses.count).map { statuses[$0, m] }
            // Union-find over small polygons of the same (determined) status, by their place in `small`.
            var parent = [Int32](unsafeUninitializedCapacity: n) { b, count in
                for i in 0..<n { b[i] = Int32(i) }
                count = n
            }
            func find(_ x: Int32) -> Int32 {
                var x = x
                while parent[Int(x)] != x {
                    parent[Int(x)] = parent[Int(parent[Int(x)])]
                    x = parent[Int(x)]
                }
                return x
            }
            var touchesLarge = [Bool](repeating: false, count: n)
            for (i, f) in small.enumerated() where status[f] != nil {
                for g in smallNeighbours[i] where status[g] == status[f] {
                    // Every polygon under the threshold is in `small`: another one is large.
                    guard areas[g] < patchArea, slot[g] >= 0 else { touchesLarge[i] = true; continue }
                    let a = find(Int32(i)), b = find(slot[g])
                    if a != b { parent[Int(a)] = b }
                }
            }
            // The patches: the members of each, in the order of `small`, grouped by their root.
            var root = [Int32](repeating: -1, count: n)
            var size = [Int32](repeating: 0, count: n)
            for (i, f) in small.enumerated() where status[f] != nil {
                root[i] = find(Int32(i))
                size[Int(root[i])] += 1
            }
            var start = [Int32](repeating: 0, count: n + 1)
            for r in 0..<n { start[r + 1] = start[r] + size[r] }
            var fill = start
            var members = [Int32](repeating: 0, count: Int(start[n]))
            for i in 0..<n where root[i] >= 0 {
                members[Int(fill[Int(root[i])])] = Int32(i)
                fill[Int(root[i])] += 1
            }
            for r in 0..<n where size[r] > 0 {
                let patch = members[Int(start[r])..<Int(start[r + 1])]
                if patch.contains(where: { touchesLarge[Int($0)] }) { continue }
                let area = patch.reduce(0) { $0 + areas[small[Int($1)]] }
                guard area < patchArea else { continue }
                // Enclosed: at least one neighbour outside the patch, every such neighbour of the
                // other, determined status.
                guard let s = status[small[Int(patch.first!)]] else { continue }
                var outside = false, enclosed = true
                for i in patch {
                    for g in smallNeighbours[Int(i)] {
                        if slot[g] >= 0, root[Int(slot[g])] == Int32(r) { continue }
                        outside = true
                        if status[g] != !s { enclosed = false; break }
                    }
                    if !enclosed { break }
                }
                guard outside, enclosed else { continue }
                for i in patch {
                    let f = small[Int(i)]
                    if s && built[f, m] && areas[f] >= builtArea { continue } // rule 3
                    if s && linear[f, m] { continue } // linear infrastructure is judged on its width only
                    result[f, m] = !s
                }
            }
        }
        return result
    }
}
