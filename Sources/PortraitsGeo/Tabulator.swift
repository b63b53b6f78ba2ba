import Dispatch
import Foundation
import PortraitsCore

/// The GEOS overlay: area per (commune, millésime, class) and per (commune, period, class at t0,
/// class at t1).
///
/// Pass 1 (parallel over chunks of features, one GEOS context per worker): each land-cover polygon
/// (already valid: the reader repairs or rejects invalid ones) is looked up in an STRtree of communes, assigned whole to a commune that
/// contains it properly (prepared geometry), and intersected only with the communes whose boundary
/// it crosses. Pass 2 (parallel over communes): pieces are summed in feature order, so the figures
/// do not depend on the number of threads; the covered area is the union of the pieces (their sum
/// where the layer is a partition there: `CoveredArea`); periods
/// whose two millésimes come from different layers are intersected piece by piece.
public enum Tabulator {
    /// Raised whenever a change of this code changes its results: part of the facts store's key.
    public static let version = "tabulator-10"

    /// Reports progress: called with a phase, its unit and total, returns what counts items done.
    public typealias ProgressFactory = (_ phase: String, _ unit: String, _ total: Int) -> (@Sendable (Int) -> Void)

    struct Piece {
        var feature: Int
        var area: Double
        var wkb: [UInt8]
    }

    public static func run(communes: [CommuneShape], landCover: LandCoverSpec, nomenclature: Nomenclature,
                           periods: [Period], threads: Int = defaultThreadCount(), within box: BoundingBox? = nil,
                           progress: ProgressFactory? = nil, log: ((String) -> Void)? = nil) throws -> Tabulation {
        let layout = FactsLayout(millesimes: landCover.millesimes, periods: periods)
        var clock = PhaseClock(log: log)
        // A shard reads the land cover around its communes only; what lies outside them is another shard's.
        let (read, reports) = try LandCoverReader.read(landCover, layout: layout, nomenclature: nomenclature, within: box)
        clock.lap("read and checked \(read.count) polygons (GDAL, GEOS validity)")
        let reportOutside = box == nil
        let traits = TraitsTable(nomenclature: nomenclature, rules: nomenclature.rules)
        // Linear infrastructure is split into its parts at least 5 m wide and the narrower rest:
        // from here on, a feature is such a part (same source, id and classes).
        let (features, lcrFlags, origins, cut) = try thresholds(read, sources: landCover.sources.count, traits: traits, clock: &clock)
        let coverLevels = CoverLevels(nomenclature.primary)
        func change(_ ka: ClassKey, _ kb: ClassKey, _ fa: Bool?, _ fb: Bool?) -> LandChange? {
            LandChange.of(from: ka, to: kb, fromTraits: traits[ka], toTraits: traits[kb], artificialisedBefore: fa, artificialisedAfter: fb,
                          levels: coverLevels)
        }
        // Many small chunks taken in turn by the workers: the work per polygon varies with the
        // place (a chunk along a seam or a city takes longer), and a worker finishing alone
        // would leave a core idle.
        let chunks = max(1, min(512, features.count / 2_000 + 1))
        let overlayDone = progress?("overlay", "polygons", features.count)

        // Pass 1: clip features to communes.
        struct ChunkResult {
            var pieces: [Int: [Piece]] = [:]
            var outside: [Int: Double] = [:]
        }
        // Each worker reads the communes once into its GEOS context, with their prepared geometries and index.
        struct Communes {
            let ctx: GEOSContext
            let geoms: [Geometry]
            let prepared: [PreparedGeometry]
            let index: SpatialIndex
        }
        let chunkResults: [ChunkResult] = try parallelMap(count: chunks, threads: threads, state: { () -> Communes in
            let ctx = GEOSContext()
            let geoms = try communes.map { try ctx.geometry(wkb: $0.wkb) }
            return Communes(ctx: ctx, geoms: geoms, prepared: geoms.map { PreparedGeometry($0) }, index: SpatialIndex(geoms, context: ctx))
        }) { worker, chunk in
            let (ctx, geoms, prepared, index) = (worker.ctx, worker.geoms, worker.prepared, worker.index)
            var result = ChunkResult()
            let lo = features.count * chunk / chunks, hi = features.count * (chunk + 1) / chunks
            for fi in lo..<hi {
                if (fi - lo) % 2_000 == 1_999 { overlayDone?(2_000) }
                let f = features[fi]
                let area = f.area   // measured when the polygon was checked (or cut)
                if area <= 0 { continue }
                let g = try ctx.geometry(wkb: f.wkb)
                var assigned = 0.0
                for c in index.query(g) {
                    if prepared[c].containsProperly(g) {
                        result.pieces[c, default: []].append(Piece(feature: fi, area: area, wkb: []))
                        assigned += area
                        break
                    }
                    guard prepared[c].intersects(g) else { continue }
                    let inter = ctx.collection(try geoms[c].intersection(g).polygonalParts(), multiPolygon: true)
                    let a = inter.area
                    if a > 0 {
                        result.pieces[c, default: []].append(Piece(feature: fi, area: a, wkb: inter.wkb))
                        assigned += a
                    }
                }
                let rest = area - assigned
                if reportOutside && rest > 0.01 { result.outside[f.file, default: 0] += rest }
            }
            overlayDone?((hi - lo) % 2_000)
            return result
        }

        clock.lap("overlay with the communes")
        var piecesByCommune = [[Piece]](repeating: [], count: communes.count)
        var sources = reports
        for r in chunkResults {
            for (c, list) in r.pieces { piecesByCommune[c] += list }
            for (s, a) in r.outside { sources[s].outsideCommunes += a }
        }

        // Pass 2: per commune sums, coverage and cross-layer transitions.
        let millesimeSource: [Int] = layout.millesimes.map { m in landCover.sources.firstIndex { $0.fields[m] != nil }! }
        let communesDone = progress?("sums", "communes", communes.count)
        let communeChunks = max(1, min(256, communes.count / 8 + 1))
        let perChunk: [(out: [(AreaFacts, [MapPiece], [PolygonRings])], unions: Int, seams: Int)] = try parallelMap(
            count: communeChunks, threads: threads, state: { GEOSContext() }) { ctx, chunk in
            var out: [(AreaFacts, [MapPiece], [PolygonRings])] = []
            var unions = 0, seams = 0
            let lo = communes.count * chunk / communeChunks, hi = communes.count * (chunk + 1) / communeChunks
            for c in lo..<hi {
                let outline = try ctx.geometry(wkb: communes[c].wkb)
                var facts = AreaFacts(millesimeCount: layout.millesimes.count, periodCount: periods.count, area: outline.area)
                // In the order of the layers' feature ids, whatever order a read (or a shard's spatial filter) gave.
                let pieces = piecesByCommune[c].sorted {
                    let a = features[$0.feature], b = features[$1.feature]
                    return (a.source, a.file, a.fid, $0.feature) < (b.source, b.file, b.fid, $1.feature)
                }
                var mapPieces: [MapPiece] = []
                // The pieces as GEOS geometries, read only where a union or an intersection needs them.
                var geometries: [Int: Geometry] = [:]
                func geometry(_ i: Int) throws -> Geometry {
                    if let g = geometries[i] { return g }
                    let g = try ctx.geometry(wkb: wkb(pieces[i]))
                    geometries[i] = g
                    return g
                }
                func wkb(_ p: Piece) -> [UInt8] { p.wkb.isEmpty ? features[p.feature].wkb : p.wkb }
                for (i, p) in pieces.enumerated() {
                    let keys = features[p.feature].keys
                    let row = p.feature
                    func flag(_ m: Int) -> Bool? { lcrFlags[row, m] }
                    for (m, k) in keys.enumerated() {
                        if let k { facts.stock[m][k, default: 0] += p.area }
                        if flag(m) == true { facts.lcr[m] += p.area }
                    }
                    var changes = PeriodChanges()
                    for (pi, period) in periods.enumerated() {
                        let a = layout.index(of: period.start)!, b = layout.index(of: period.end)!
                        if let ka = keys[a], let kb = keys[b] {
                            facts.transitions[pi][Transition(ka, kb), default: 0] += p.area
                            changes[pi] = change(ka, kb, flag(a), flag(b))
                            if let c = changes[pi] { facts.changes[pi][c, default: 0] += p.area }
                        }
                        addFlux(&facts.lcrFlux[pi], flag(a), flag(b), p.area)
                    }
                    let classes = keys.map { $0?.primary ?? -1 }
                    // The rings straight from the WKB (GEOS for a WKB the walk does not handle).
                    let polygons = try PolygonWKB.polygons(wkb(p)) ?? geometry(i).polygons()
                    for poly in polygons { mapPieces.append(MapPiece(classes: classes, changes: changes, polygon: poly)) }
                }
                // Covered area of each source: the sum of its pieces where its polygons form a
                // partition here, the area of their union where they overlap (`CoveredArea`).
                for s in landCover.sources.indices {
                    let mine = pieces.indices.filter { features[pieces[$0].feature].source == s }
                    guard !mine.isEmpty else { continue }
                    var seen = Set<Int>()
                    // The polygons the pieces were cut from, each once.
                    let originals = mine.compactMap { i -> [UInt8]? in
                        let o = origins[pieces[i].feature]
                        return seen.insert(o).inserted ? read[o].wkb : nil
                    }
                    let (covered, method) = try CoveredArea.of(areas: mine.map { pieces[$0].area }, originals: originals,
                                                               pieces: { try mine.map(geometry) }, context: ctx)
                    if method == .union { unions += 1 }
                    if method == .sumWithSharedVertices { seams += 1 }
                    for (m, src) in millesimeSource.enumerated() where src == s { facts.covered[m] = covered }
                }
                // Periods whose millésimes come from two layers: intersect the pieces of both.
                for (pi, period) in periods.enumerated() {
                    let a = layout.index(of: period.start)!, b = layout.index(of: period.end)!
                    let sa = millesimeSource[a], sb = millesimeSource[b]
                    guard sa != sb else { continue }
                    let pa = pieces.indices.filter { features[pieces[$0].feature].source == sa }
                    let pb = pieces.indices.filter { features[pieces[$0].feature].source == sb }
                    guard !pa.isEmpty, !pb.isEmpty else { continue }
                    let treeB = SpatialIndex(try pb.map(geometry), context: ctx)
                    for i in pa {
                        let ka = features[pieces[i].feature].keys[a]!
                        let gi = try geometry(i)
                        for j in treeB.query(gi) {
                            let kb = features[pieces[pb[j]].feature].keys[b]!
                            let inter = try gi.intersection(treeB.geometries[j])
                            let area = inter.area
                            guard area > 0 else { continue }
                            let fa = lcrFlags[pieces[i].feature, a], fb = lcrFlags[pieces[pb[j]].feature, b]
                            facts.transitions[pi][Transition(ka, kb), default: 0] += area
                            addFlux(&facts.lcrFlux[pi], fa, fb, area)
                            if let kind = change(ka, kb, fa, fb) {
                                facts.changes[pi][kind, default: 0] += area
                                var changes = PeriodChanges()
                                changes[pi] = kind
                                let none = [Int32](repeating: -1, count: layout.millesimes.count)
                                for poly in inter.polygons() { mapPieces.append(MapPiece(classes: none, changes: changes, polygon: poly)) }
                            }
                        }
                    }
                }
                out.append((facts, mapPieces, outline.polygons()))
                communesDone?(1)
            }
            return (out, unions, seams)
        }
        let perCommune = perChunk.flatMap(\.out)
        let unions = perChunk.reduce(0) { $0 + $1.unions }, seams = perChunk.reduce(0) { $0 + $1.seams }
        clock.lap("sums, coverage and map pieces per commune (\(unions) of \(communes.count) with overlapping land cover: union; \(seams) a partition once neighbours' vertices were shared)")

        return Tabulation(layout: layout, communeFacts: perCommune.map { $0.0 }, pieces: perCommune.map { $0.1 },
                          outlines: perCommune.map { $0.2 }, sources: sources)
    }

    static func addFlux(_ flux: inout LCRFlux, _ a: Bool?, _ b: Bool?, _ area: Double) {
        if a == false && b == true { flux.artificialisation += area }
        if a == true && b == false { flux.desartificialisation += area }
    }

    /// The decree's thresholds (see `DecreeThresholds`), per source layer: the features to overlay
    /// (each artificialised linear polygon replaced by its part at least 5 m wide and its narrower
    /// part, when it has both) and the LCR status of each at each millésime (nil where the
    /// nomenclature's rules cannot tell), the input feature each comes from, and whether it is only
    /// a part of it.
    static func thresholds(_ input: [LandCoverFeature], sources: Int, traits: TraitsTable, threads: Int = defaultThreadCount(),
                           clock: inout PhaseClock) throws -> (features: [LandCoverFeature], flags: FeatureRows<Bool?>, origins: [Int], cut: [Bool]) {
        let width = max(1, input.first?.keys.count ?? 1)
        // On every core, a chunk of features at a time (small chunks: the linear polygons cluster
        // in space, so a few chunks hold most of the work): the statuses after the CS × US matrix,
        // rule 1 (width along the feature) for linear infrastructure, and each resulting polygon
        // with its statuses, classes' traits and the feature it comes from, in feature order.
        struct Chunk {
            var features: [LandCoverFeature] = []
            var flags: FeatureRows<Bool?>
            var built: FeatureRows<Bool>
            var linear: FeatureRows<Bool>
            var origins: [Int] = []
            var cut: [Bool] = []
            var judged = 0
        }
        let chunks = max(1, min(512, input.count / 2_000 + 1))
        let perChunk: [Chunk] = try parallelMap(count: chunks, threads: threads, state: { GEOSContext() }) { ctx, chunk in
            var out = Chunk(flags: FeatureRows(width: width), built: FeatureRows(width: width), linear: FeatureRows(width: width))
            let range = (input.count * chunk / chunks)..<(input.count * (chunk + 1) / chunks)
            out.features.reserveCapacity(range.count)
            out.flags.reserveCapacity(range.count)
            out.built.reserveCapacity(range.count)
            out.linear.reserveCapacity(range.count)
            out.origins.reserveCapacity(range.count)
            out.cut.reserveCapacity(range.count)
            var matrix = [Bool?](repeating: nil, count: width), linear = [Bool](repeating: false, count: width)
            var built = [Bool](repeating: false, count: width), narrowed = matrix
            for f in range {
                let keys = input[f].keys
                precondition(keys.count == width, "feature \(input[f].fid): \(keys.count) millésimes where others have \(width)")
                var needsWidth = false
                for m in 0..<width {
                    let t = keys[m].map { traits[$0] }
                    matrix[m] = t?.artificialised
                    linear[m] = t?.linear == true
                    built[m] = t?.built == true
                    let judged = DecreeThresholds.judgedOnWidth(matrix[m], linear: linear[m])
                    needsWidth = needsWidth || judged
                    narrowed[m] = judged ? false : matrix[m]
                }
                func add(_ feature: LandCoverFeature, narrow: Bool, cut: Bool) {
                    out.features.append(feature)
                    out.flags.append(row: narrow ? narrowed : matrix)
                    out.built.append(row: built)
                    out.linear.append(row: linear)
                    out.origins.append(f)
                    out.cut.append(cut)
                }
                guard needsWidth else {
                    add(input[f], narrow: false, cut: false)
                    continue
                }
                out.judged += 1
                switch try DecreeThresholds.widthParts(try ctx.geometry(wkb: input[f].wkb), ctx) {
                case (nil, _):
                    add(input[f], narrow: true, cut: false)
                case (.some, nil):
                    add(input[f], narrow: false, cut: false)
                case let (.some(wide), .some(narrow)):
                    for (part, isNarrow) in [(wide, false), (narrow, true)] {
                        var g = input[f]
                        g.wkb = part.wkb
                        g.area = part.area
                        g.box = part.bounds
                        add(g, narrow: isNarrow, cut: true)
                    }
                }
            }
            return out
        }
        let total = perChunk.reduce(0) { $0 + $1.features.count }
        var features: [LandCoverFeature] = [], origins: [Int] = [], cut: [Bool] = []
        var flags = FeatureRows<Bool?>(width: width), built = FeatureRows<Bool>(width: width), linear = FeatureRows<Bool>(width: width)
        features.reserveCapacity(total)
        flags.reserveCapacity(total)
        built.reserveCapacity(total)
        linear.reserveCapacity(total)
        origins.reserveCapacity(total)
        cut.reserveCapacity(total)
        for c in perChunk {
            features += c.features
            flags.append(contentsOf: c.flags)
            built.append(contentsOf: c.built)
            linear.append(contentsOf: c.linear)
            origins += c.origins
            cut += c.cut
        }
        clock.lap("decree thresholds, rule 1: \(perChunk.reduce(0) { $0 + $1.judged }) linear polygons judged on their width")
        // Rule 2 per layer, on the polygons under the patch threshold and those contiguous with them.
        for s in 0..<sources {
            let members = features.indices.filter { features[$0].source == s }
            let small = members.indices.filter { features[members[$0]].area < DecreeThresholds.patchArea }
            guard !small.isEmpty else { continue }
            let grid = EnvelopeGrid(members.map { features[$0].box }, cell: 250)
            let neighbours = try Contiguity.neighbours(of: small, wkbs: members.map { features[$0].wkb }, grid: grid, threads: threads)
            let layer = sources > 1 ? ", layer \(s + 1) of \(sources)" : ""
            clock.lap("decree thresholds, rule 2\(layer): contiguity of \(small.count) polygons under 2 500 m²")
            if members.count == features.count {
                // One layer (members are every feature, in order): no copy.
                flags = DecreeThresholds.patches(small: small, neighbours: neighbours, areas: features.map(\.area), statuses: flags,
                                                 built: built, linear: linear)
            } else {
                let result = DecreeThresholds.patches(
                    small: small, neighbours: neighbours, areas: members.map { features[$0].area }, statuses: flags.rows(members),
                    built: built.rows(members), linear: linear.rows(members))
                flags.scatter(result, to: members)
            }
            clock.lap("decree thresholds, rule 2\(layer): patches")
        }
        return (features, flags, origins, cut)
    }
}

/// Wall and CPU time (every thread of the process) of successive phases, logged as
/// `  tabulate: <phase> 12.3 s [cpu 20.1 s]`: the CPU time says more than the wall time on a
/// machine whose speed drifts.
struct PhaseClock {
    let log: ((String) -> Void)?
    var last = DispatchTime.now().uptimeNanoseconds
    var lastCPU = PhaseClock.processCPU()

    mutating func lap(_ phase: String) {
        let now = DispatchTime.now().uptimeNanoseconds, cpu = Self.processCPU()
        log?("  tabulate: \(phase) \(String(format: "%.1f", Double(now - last) / 1e9)) s [cpu \(String(format: "%.1f", cpu - lastCPU)) s]")
        last = now
        lastCPU = cpu
    }

    static func processCPU() -> Double {
        var usage = rusage()
        getrusage(__rusage_who_t(RUSAGE_SELF.rawValue), &usage)
        func seconds(_ t: timeval) -> Double { Double(t.tv_sec) + Double(t.tv_usec) / 1e6 }
        return seconds(usage.ru_utime) + seconds(usage.ru_stime)
    }
}
