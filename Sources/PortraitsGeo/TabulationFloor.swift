import CGEOS
import Dispatch
import PortraitsCore

/// The floor the tabulation is measured against (`portraits bench-floor`): the least work any
/// program must do to get what the tabulation gets from the same layers — the area of every
/// (commune, millésime, class) and of every (commune, period, class at its start, class at its
/// end) — written as tightly as this repository can:
///
/// - reading: GDAL's columnar Arrow stream (no OGR feature per row), the geometry as WKB and only
///   the code fields; each row's codes interned to a class number once;
/// - overlay, on every core: an STRtree of the communes with prepared geometries; a polygon that
///   one commune properly contains is added whole, the others are intersected with each commune
///   they meet (GEOS); areas accumulated in flat arrays, transitions in one table per commune.
///
/// No validity check, nomenclature, thresholds, coverage or map pieces: what the tabulation does
/// beyond this is its own cost. The land cover must be in the communes' CRS (no reprojection).
public enum TabulationFloor {
    public struct Result: Sendable {
        public var polygons: Int
        public var readSeconds: Double
        public var overlaySeconds: Double
        /// Polygons added whole to the commune that contains them properly.
        public var whole: Int
        /// Polygons intersected with the communes they meet, and the intersections computed.
        public var intersected: Int
        public var intersections: Int
        /// Sum of the stock areas of the first millésime, and of the communes' areas (m²).
        public var area: Double
        public var communesArea: Double
        /// Distinct (commune, millésime, class) and (commune, period, class, class) figures.
        public var stockCells: Int
        public var transitionCells: Int
    }

    /// The land cover as read: WKB of every polygon end to end, and its class at each millésime.
    struct Polygons {
        var bytes: [UInt8] = []
        var offsets: [Int] = [0]
        var classes: [Int32] = []   // row-major: polygon × millésime; -1 where a code is null
        var count: Int { offsets.count - 1 }
    }

    public static func run(communes: [CommuneShape], landCover: LandCoverSpec, periods: [Period],
                           threads: Int = defaultThreadCount()) throws -> Result {
        let millesimes = landCover.millesimes
        let periodIndices = periods.map { (millesimes.firstIndex(of: $0.start)!, millesimes.firstIndex(of: $0.end)!) }
        var clock = DispatchTime.now().uptimeNanoseconds
        func lap() -> Double {
            let now = DispatchTime.now().uptimeNanoseconds
            defer { clock = now }
            return Double(now - clock) / 1e9
        }
        let (polygons, classCount) = try read(landCover, millesimes: millesimes)
        let readSeconds = lap()

        // Overlay: one worker per core, each with its own GEOS context, tree and accumulators,
        // taking blocks of polygons as it finishes the previous one.
        struct Partial {
            var stock: [Double]                 // (commune × millésime) × class
            var transitions: [[Int: Double]]    // per commune: (period × class × class) → area
            var whole = 0, intersected = 0, intersections = 0
        }
        let m = millesimes.count, k = classCount
        let blocks = IndexDispenser()
        let blockSize = 4_096
        let blockCount = (polygons.count + blockSize - 1) / blockSize
        let workers = max(1, threads)
        let partials: [Partial] = try parallelMap(count: workers, threads: workers) { _ in
            let h = GEOS_init_r()!
            defer { GEOS_finish_r(h) }
            let reader = GEOSWKBReader_create_r(h)!
            defer { GEOSWKBReader_destroy_r(h, reader) }
            let outlines: [OpaquePointer] = try communes.map { c in
                guard let g = c.wkb.withUnsafeBufferPointer({ GEOSWKBReader_read_r(h, reader, $0.baseAddress, $0.count) }) else {
                    throw GeometryError.geos("unreadable commune \(c.code)")
                }
                return g
            }
            let prepared = outlines.map { GEOSPrepare_r(h, $0)! }
            let tree = GEOSSTRtree_create_r(h, 10)!
            for (i, g) in outlines.enumerated() { GEOSSTRtree_insert_r(h, tree, g, UnsafeMutableRawPointer(bitPattern: i + 1)) }
            defer {
                GEOSSTRtree_destroy_r(h, tree)
                for p in prepared { GEOSPreparedGeom_destroy_r(h, p) }
                for g in outlines { GEOSGeom_destroy_r(h, g) }
            }
            var part = Partial(stock: [Double](repeating: 0, count: communes.count * m * k),
                               transitions: [[Int: Double]](repeating: [:], count: communes.count))
            var candidates: [Int] = []
            candidates.reserveCapacity(16)
            func add(_ c: Int, _ p: Int, _ area: Double) {
                let base = p * m
                for j in 0..<m {
                    let cls = polygons.classes[base + j]
                    if cls >= 0 { part.stock[(c * m + j) * k + Int(cls)] += area }
                }
                for (pi, (a, b)) in periodIndices.enumerated() {
                    let ca = polygons.classes[base + a], cb = polygons.classes[base + b]
                    if ca >= 0 && cb >= 0 { part.transitions[c][(pi * k + Int(ca)) * k + Int(cb), default: 0] += area }
                }
            }
            try polygons.bytes.withUnsafeBufferPointer { bytes in
                while let block = blocks.take(below: blockCount) {
                    for p in (block * blockSize)..<min(polygons.count, (block + 1) * blockSize) {
                        let start = polygons.offsets[p]
                        guard let g = GEOSWKBReader_read_r(h, reader, bytes.baseAddress! + start, polygons.offsets[p + 1] - start) else {
                            throw GeometryError.geos("unreadable land-cover polygon \(p)")
                        }
                        defer { GEOSGeom_destroy_r(h, g) }
                        var area = 0.0
                        GEOSArea_r(h, g, &area)
                        candidates.removeAll(keepingCapacity: true)
                        withUnsafeMutablePointer(to: &candidates) { list in
                            GEOSSTRtree_query_r(h, tree, g, { item, userdata in
                                userdata!.assumingMemoryBound(to: [Int].self).pointee.append(Int(bitPattern: item) - 1)
                            }, list)
                        }
                        var cut = false, whole = false
                        for c in candidates {
                            if GEOSPreparedContainsProperly_r(h, prepared[c], g) == 1 { add(c, p, area); whole = true; break }
                            guard GEOSPreparedIntersects_r(h, prepared[c], g) == 1 else { continue }
                            cut = true
                            guard let inter = GEOSIntersection_r(h, outlines[c], g) else { throw GeometryError.geos("intersection of polygon \(p)") }
                            part.intersections += 1
                            var a = 0.0
                            GEOSArea_r(h, inter, &a)
                            GEOSGeom_destroy_r(h, inter)
                            if a > 0 { add(c, p, a) }
                        }
                        if whole { part.whole += 1 } else if cut { part.intersected += 1 }
                    }
                }
            }
            return part
        }
        // Merge the workers' figures.
        var stock = partials[0].stock
        var transitions = partials[0].transitions
        for part in partials.dropFirst() {
            for i in stock.indices { stock[i] += part.stock[i] }
            for c in transitions.indices { transitions[c].merge(part.transitions[c], uniquingKeysWith: +) }
        }
        let overlaySeconds = lap()

        var area = 0.0
        for c in communes.indices { for cls in 0..<k { area += stock[(c * m) * k + cls] } }
        let ctx = GEOSContext()
        let communesArea = try communes.reduce(0) { $0 + (try ctx.geometry(wkb: $1.wkb)).area }
        return Result(polygons: polygons.count, readSeconds: readSeconds, overlaySeconds: overlaySeconds,
                      whole: partials.reduce(0) { $0 + $1.whole }, intersected: partials.reduce(0) { $0 + $1.intersected },
                      intersections: partials.reduce(0) { $0 + $1.intersections }, area: area, communesArea: communesArea,
                      stockCells: stock.reduce(0) { $0 + ($1 != 0 ? 1 : 0) }, transitionCells: transitions.reduce(0) { $0 + $1.count })
    }

    /// Every source layer through the Arrow stream: WKB end to end, and for each polygon and
    /// millésime the number of its class (its codes, interned).
    static func read(_ landCover: LandCoverSpec, millesimes: [Int]) throws -> (Polygons, Int) {
        var out = Polygons()
        var classIDs: [CodeTuple: Int32] = [:]
        for source in landCover.sources {
            // The code fields of each millésime this source describes, in the nomenclature's dimension order.
            let dims = Array(Set(source.fields.values.flatMap { $0.keys })).sorted()
            var fields: [String] = []
            var fieldOf: [[Int]] = []   // per millésime of the project: indices into `fields` (empty: not in this source)
            for year in millesimes {
                guard let byDim = source.fields[year] else { fieldOf.append([]); continue }
                fieldOf.append(dims.compactMap { byDim[$0] }.map { name in
                    if let i = fields.firstIndex(of: name) { return i }
                    fields.append(name)
                    return fields.count - 1
                })
            }
            for ref in source.layers {
                let layer = try VectorDataset(ref).layer(ref.layer, crs: ref.crs)
                guard !layer.isReprojected else {
                    throw InputError(layer.location, "is in \(layer.crsName): the floor reads coordinates as stored, so it needs the land cover in Lambert-93 (EPSG:2154) like the communes")
                }
                let stream = try ArrowLayerStream(layer, fields: fields)
                try stream.forEachBatch { batch in
                    for row in 0..<batch.count {
                        guard let wkb = batch.wkb(row) else { continue }
                        out.bytes.append(contentsOf: wkb)
                        out.offsets.append(out.bytes.count)
                        for indices in fieldOf {
                            var key = CodeTuple()
                            var null = indices.isEmpty
                            for i in indices {
                                guard let b = batch.bytes(field: i, row: row) else { null = true; break }
                                key.append(b)
                            }
                            if null { out.classes.append(-1); continue }
                            if let id = classIDs[key] { out.classes.append(id); continue }
                            let id = Int32(classIDs.count)
                            classIDs[key] = id
                            out.classes.append(id)
                        }
                    }
                }
            }
        }
        return (out, classIDs.count)
    }

    /// The codes of one polygon at one millésime (CS2.1.1 and US6.1…), packed: up to 4 codes of up
    /// to 15 bytes each inline, longer ones kept as strings.
    struct CodeTuple: Hashable {
        var words: (UInt64, UInt64, UInt64, UInt64, UInt64, UInt64, UInt64, UInt64) = (0, 0, 0, 0, 0, 0, 0, 0)
        var count = 0
        var long: [String] = []

        static func == (a: CodeTuple, b: CodeTuple) -> Bool {
            a.count == b.count && a.long == b.long && withUnsafeBytes(of: a.words) { x in withUnsafeBytes(of: b.words) { y in x.elementsEqual(y) } }
        }

        func hash(into h: inout Hasher) {
            withUnsafeBytes(of: words) { h.combine(bytes: $0) }
            h.combine(count)
            if !long.isEmpty { h.combine(long) }
        }

        mutating func append(_ b: UnsafeRawBufferPointer) {
            defer { count += 1 }
            guard count < 4, b.count < 16 else { long.append("\(count):" + String(decoding: b, as: UTF8.self)); return }
            withUnsafeMutableBytes(of: &words) { w in
                let slot = w.baseAddress! + count * 16
                slot.copyMemory(from: b.baseAddress!, byteCount: b.count)
                slot.storeBytes(of: UInt8(b.count), toByteOffset: 15, as: UInt8.self)
            }
        }
    }
}
