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
        let chunks = max(1, min(threads * 4, features.count / 500 + 1))
        let overlayDone = progress?("overlay", "polygons", features.count)

        // Pass 1: clip features to communes.
        struct ChunkResult {
            var pieces: [Int: [Piece]] = [:]
            var outside: [Int: Double] = [:]
        }
        let chunkResults: [ChunkResult] = try parallelMap(count: chunks) { chunk in
            let ctx = GEOSContext()
            let geoms = try communes.map { try ctx.geometry(wkb: $0.wkb) }
            let prepared = geoms.map { PreparedGeometry($0) }
            let index = SpatialIndex(geoms, context: ctx)
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
        let perChunk: [(out: [(AreaFacts, [MapPiece], [PolygonRings])], unions: Int, seams: Int)] = try parallelMap(count: chunks) { chunk in
            let ctx = GEOSContext()
            var out: [(AreaFacts, [MapPiece], [PolygonRings])] = []
            var unions = 0, seams = 0
            let lo = communes.count * chunk / chunks, hi = communes.count * (chunk + 1) / chunks
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
                    let flags = lcrFlags[p.feature]
                    for (m, k) in keys.enumerated() {
                        if let k { facts.stock[m][k, default: 0] += p.area }
                        if flags[m] == true { facts.lcr[m] += p.area }
                    }
                    var changes = PeriodChanges()
                    for (pi, period) in periods.enumerated() {
                        let a = layout.index(of: period.start)!, b = layout.index(of: period.end)!
                        if let ka = keys[a], let kb = keys[b] {
                            facts.transitions[pi][Transition(ka, kb), default: 0] += p.area
                            changes[pi] = change(ka, kb, flags[a], flags[b])
                            if let c = changes[pi] { facts.changes[pi][c, default: 0] += p.area }
                        }
                        addFlux(&facts.lcrFlux[pi], flags[a], flags[b], p.area)
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
                            let fa = lcrFlags[pieces[i].feature][a], fb = lcrFlags[pieces[pb[j]].feature][b]
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
    static func thresholds(_ input: [LandCoverFeature], sources: Int, traits: TraitsTable,
                           threads: Int = defaultThreadCount(), clock: inout PhaseClock) throws -> (features: [LandCoverFeature], flags: [[Bool?]], origins: [Int], cut: [Bool]) {
        let matrixFlags = input.map { f in f.keys.map { k in k.flatMap { traits[$0].artificialised } } }
        let linearInput = input.map { f in f.keys.map { k in k.map { traits[$0].linear == true } ?? false } }
        // On every core: rule 1 (width along the feature) for linear infrastructure, and each
        // resulting polygon's area and envelope.
        struct Part {
            var feature: Int
            var wkb: [UInt8]?   // nil: the feature whole
            var narrow: Bool
            var area: Double
            var box: BoundingBox
        }
        let chunks = max(1, min(threads * 4, input.count / 1_000 + 1))
        // Each chunk's parts, and how many of its features rule 1 judged.
        let perChunk: [(parts: [Part], judged: Int)] = try parallelMap(count: chunks) { chunk in
            let ctx = GEOSContext()
            var out: [Part] = []
            var judged = 0
            for f in (input.count * chunk / chunks)..<(input.count * (chunk + 1) / chunks) {
                guard DecreeThresholds.needsWidth(matrixFlags[f], linearInput[f]) else {
                    out.append(Part(feature: f, wkb: nil, narrow: false, area: input[f].area, box: input[f].box))
                    continue
                }
                judged += 1
                switch try DecreeThresholds.widthParts(try ctx.geometry(wkb: input[f].wkb), ctx) {
                case (nil, _):
                    out.append(Part(feature: f, wkb: nil, narrow: true, area: input[f].area, box: input[f].box))
                case (.some, nil):
                    out.append(Part(feature: f, wkb: nil, narrow: false, area: input[f].area, box: input[f].box))
                case let (.some(wide), .some(narrow)):
                    out.append(Part(feature: f, wkb: wide.wkb, narrow: false, area: wide.area, box: wide.bounds))
                    out.append(Part(feature: f, wkb: narrow.wkb, narrow: true, area: narrow.area, box: narrow.bounds))
                }
            }
            return (out, judged)
        }
        let parts = perChunk.flatMap(\.parts)
        var features: [LandCoverFeature] = []
        features.reserveCapacity(parts.count)
        var flags: [[Bool?]] = []
        flags.reserveCapacity(parts.count)
        for part in parts {
            var f = input[part.feature]
            if let wkb = part.wkb { f.wkb = wkb; f.area = part.area; f.box = part.box }
            features.append(f)
            var status = matrixFlags[part.feature]
            if part.narrow { DecreeThresholds.narrowed(&status, linearInput[part.feature]) }
            flags.append(status)
        }
        let built = parts.map { p in input[p.feature].keys.map { k in k.map { traits[$0].built == true } ?? false } }
        let linear = parts.map { linearInput[$0.feature] }
        clock.lap("decree thresholds, rule 1: \(perChunk.reduce(0) { $0 + $1.judged }) linear polygons judged on their width")
        // Rule 2 per layer, on the polygons under the patch threshold and those contiguous with them.
        for s in 0..<sources {
            let members = features.indices.filter { features[$0].source == s }
            let small = members.indices.filter { parts[members[$0]].area < DecreeThresholds.patchArea }
            guard !small.isEmpty else { continue }
            let grid = EnvelopeGrid(members.map { parts[$0].box }, cell: 250)
            let neighbours = try Contiguity.neighbours(of: small, wkbs: members.map { features[$0].wkb }, grid: grid, threads: threads)
            let layer = sources > 1 ? ", layer \(s + 1) of \(sources)" : ""
            clock.lap("decree thresholds, rule 2\(layer): contiguity of \(small.count) polygons under 2 500 m²")
            let result = DecreeThresholds.patches(
                small: small, neighbours: neighbours, areas: members.map { parts[$0].area }, statuses: members.map { flags[$0] },
                built: members.map { built[$0] }, linear: members.map { linear[$0] })
            for (k, f) in members.enumerated() { flags[f] = result[k] }
            clock.lap("decree thresholds, rule 2\(layer): patches")
        }
        return (features, flags, parts.map(\.feature), parts.map { $0.wkb != nil })
    }
}

/// Envelopes bucketed in a square grid: which envelopes meet a box, without building geometries.
/// An envelope spanning more than `maxCells` cells (a large forest, a whole-commune polygon of a
/// coarse layer) is kept apart and checked against every query instead.
struct EnvelopeGrid {
    let boxes: [BoundingBox]
    let cell: Double
    var buckets: [Int64: [Int32]] = [:]
    var wide: [Int32] = []
    static let maxCells: Int64 = 64

    init(_ boxes: [BoundingBox], cell: Double) {
        self.boxes = boxes
        self.cell = cell
        for (i, b) in boxes.enumerated() where !b.isEmpty {
            // Coordinates too large for cells (the readers refuse them; kept apart all the same).
            guard Self.fitsCells(b, cell) else { wide.append(Int32(i)); continue }
            let (x0, x1, y0, y1) = span(b)
            if (x1 - x0 + 1) * (y1 - y0 + 1) > Self.maxCells { wide.append(Int32(i)); continue }
            for x in x0...x1 { for y in y0...y1 { buckets[Self.key(x, y), default: []].append(Int32(i)) } }
        }
    }

    static func fitsCells(_ b: BoundingBox, _ cell: Double) -> Bool {
        [b.minX, b.maxX, b.minY, b.maxY].allSatisfy { $0.isFinite && abs($0 / cell) < 1e9 }
    }

    func span(_ b: BoundingBox) -> (Int64, Int64, Int64, Int64) {
        (Int64(floor(b.minX / cell)), Int64(floor(b.maxX / cell)), Int64(floor(b.minY / cell)), Int64(floor(b.maxY / cell)))
    }

    static func key(_ x: Int64, _ y: Int64) -> Int64 { x << 32 | (y & 0xFFFF_FFFF) }

    /// Indices of the envelopes that meet `b` (touching included).
    func query(_ b: BoundingBox) -> Set<Int> {
        var out = Set<Int>()
        for i in wide where boxes[Int(i)].intersects(b) { out.insert(Int(i)) }
        guard Self.fitsCells(b, cell) else {
            for (i, box) in boxes.enumerated() where !box.isEmpty && box.intersects(b) { out.insert(i) }
            return out
        }
        let (x0, x1, y0, y1) = span(b)
        if (x1 - x0 + 1) * (y1 - y0 + 1) > Self.maxCells * 16 {
            // A very large query box: test every envelope rather than visit its cells.
            for (i, box) in boxes.enumerated() where !box.isEmpty && box.intersects(b) { out.insert(i) }
            return out
        }
        for x in x0...x1 {
            for y in y0...y1 {
                for i in buckets[Self.key(x, y)] ?? [] where boxes[Int(i)].intersects(b) { out.insert(Int(i)) }
            }
        }
        return out
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
