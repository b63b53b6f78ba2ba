import CGEOS
import PortraitsCore

/// The thresholds of the annex to art. R.101-1 of the code de l'urbanisme (decree n° 2023-1096),
/// applied to the land-cover polygons after the CS × US matrix:
///
/// 1. linear infrastructure (roads, railways) counts from 5 m wide: an artificialised linear polygon
///    that vanishes under an inner buffer of 2.5 m is not artificialised;
/// 2. the other categories are judged on patches of contiguous polygons of the same status: a patch
///    under 2 500 m² whose neighbours are all of the other status takes their status (an artificial
///    patch inside non-artificial land is not artificialised, and the reverse);
/// 3. built surfaces count from 50 m² of footprint: a building of at least 50 m² stays artificialised
///    even inside a small patch that the previous rule turns non-artificial; linear infrastructure
///    at least 5 m wide stays artificialised too (it is judged on its width, not on patches).
///
/// Contiguity is the sharing of a boundary (GEOS intersects) between polygons of one layer. A patch
/// with no neighbour (an island of the data) is left as it is.
public enum DecreeThresholds {
    public static let patchArea = 2_500.0
    public static let builtArea = 50.0
    public static let linearHalfWidth = 2.5

    /// Status after thresholds of each feature at each millésime index (nil where undetermined or
    /// not described). `features` are one source layer's; `statuses[f][m]` the matrix status.
    static func apply(geometries: [Geometry], areas: [Double], statuses: [[Bool?]], built: [[Bool]], linear: [[Bool]],
                      context ctx: GEOSContext) throws -> [[Bool?]] {
        var result = statuses
        guard !geometries.isEmpty else { return result }
        // Rule 1: narrow linear infrastructure.
        for f in geometries.indices where needsWidth(result[f], linear[f]) && isNarrow(geometries[f], ctx) {
            narrowed(&result[f], linear[f])
        }
        return try patches(geometries: geometries, areas: areas, statuses: result, built: built, linear: linear, context: ctx)
    }

    /// Whether rule 1 has to look at a polygon: artificialised linear infrastructure at some millésime.
    static func needsWidth(_ statuses: [Bool?], _ linear: [Bool]) -> Bool {
        statuses.indices.contains { statuses[$0] == true && linear[$0] }
    }

    /// Rule 1 applied: the millésimes where the polygon is artificialised linear infrastructure become not artificialised.
    static func narrowed(_ statuses: inout [Bool?], _ linear: [Bool]) {
        for m in statuses.indices where statuses[m] == true && linear[m] { statuses[m] = false }
    }

    /// Less than 5 m wide: nothing left under an inner buffer of 2.5 m.
    static func isNarrow(_ g: Geometry, _ ctx: GEOSContext) -> Bool {
        guard let b = GEOSBuffer_r(ctx.handle, g.ptr, -linearHalfWidth, 8) else { return false }
        let inner = Geometry(b, ctx) // owns b
        return inner.isEmpty || inner.area <= 0
    }

    /// Rule 2 (with rule 3's exceptions) on statuses that rule 1 has already set. `geometries` must
    /// hold every polygon under the patch threshold and every polygon that touches one of them.
    static func patches(geometries: [Geometry], areas: [Double], statuses: [[Bool?]], built: [[Bool]], linear: [[Bool]],
                        context ctx: GEOSContext) throws -> [[Bool?]] {
        var result = statuses
        let n = geometries.count
        guard n > 0 else { return result }
        let millesimes = statuses[0].count
        // Rule 2: small patches. Only polygons under the patch threshold can belong to one.
        let small = (0..<n).filter { areas[$0] < patchArea }
        guard !small.isEmpty else { return result }
        let index = SpatialIndex(geometries, context: ctx)
        var neighbours: [Int: [Int]] = [:]
        for f in small {
            let prepared = PreparedGeometry(geometries[f])
            neighbours[f] = index.query(geometries[f]).filter { $0 != f && prepared.intersects(geometries[$0]) }
        }
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
