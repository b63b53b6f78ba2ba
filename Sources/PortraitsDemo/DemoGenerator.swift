import Foundation
import PortraitsCore
import PortraitsGeo

/// Generates the embedded demo's synthetic land cover inside the real Grand Est communes.
///
/// Voronoi cells of random points (denser in towns) are clipped to each département, so cells cross
/// commune boundaries; each cell gets CNIG couverture and usage codes at 2010, 2019 and 2021 from
/// `SyntheticLandscape`. Towns grow around the communes' centroids, weighted by their population.
/// Output: one multi-date GeoPackage layer and an illustrative SCoT table. Deterministic for a seed.
public enum DemoGenerator {
    public struct Inputs {
        public var communes: LayerRef
        public var membershipCSV: String
        public var landCoverOutput: String
        public var landCoverLayer: String
        public var scotOutput: String

        public init(communes: LayerRef, membershipCSV: String, landCoverOutput: String, landCoverLayer: String, scotOutput: String) {
            self.communes = communes
            self.membershipCSV = membershipCSV
            self.landCoverOutput = landCoverOutput
            self.landCoverLayer = landCoverLayer
            self.scotOutput = scotOutput
        }
    }

    public static let millesimes = [2010, 2019, 2021]
    static let version = "demo-generator-3"

    /// Generates the files unless they exist for the same seed, cell size and generator version.
    /// Returns a one-line description.
    /// `ruralExchange`: the probability, per period and per natural or agricultural polygon, of a change
    /// between rural classes (farmland left fallow or to shrubs, clear-cuts, regrowth); 0 (the small
    /// profile) draws nothing more from the random sequence, so its land cover stays as it was.
    public static func ensure(_ inputs: Inputs, seed: UInt64, cellHectares: Double, ruralExchange: Double = 0,
                              log: (String) -> Void) throws -> String {
        let stamp = "\(version) seed=\(seed) cell=\(cellHectares)" + (ruralExchange > 0 ? " exchange=\(ruralExchange)" : "")
        let stampFile = inputs.landCoverOutput + ".stamp"
        let fm = FileManager.default
        if fm.fileExists(atPath: inputs.landCoverOutput), fm.fileExists(atPath: inputs.scotOutput),
           let old = try? String(contentsOfFile: stampFile, encoding: .utf8), old == stamp {
            return "\(inputs.landCoverOutput) (up to date, \(stamp))"
        }
        guard cellHectares >= 0.05 && cellHectares <= 10_000 else {
            throw InputError("--cell-hectares", "must be between 0.05 and 10000 (got \(cellHectares))")
        }
        let start = Date()
        guard ruralExchange >= 0 && ruralExchange < 0.5 else {
            throw InputError("--rural-exchange", "must be between 0 and 0.5 (got \(ruralExchange))")
        }
        let count = try generate(inputs, seed: seed, cellHectares: cellHectares, ruralExchange: ruralExchange, log: log)
        try stamp.write(toFile: stampFile, atomically: true, encoding: .utf8)
        return "\(inputs.landCoverOutput): \(count) polygons generated in \(String(format: "%.1f", Date().timeIntervalSince(start))) s (\(stamp))"
    }

    struct Centre {
        var p: Point
        var sigma: Double
        var amplitude: Double
    }

    static func generate(_ inputs: Inputs, seed: UInt64, cellHectares: Double, ruralExchange: Double = 0, log: (String) -> Void) throws -> Int {
        let shapes = try CommuneShapes.read(inputs.communes, codeField: "insee_com", nameField: "nom_com", extraFields: ["insee_dep", "siren_epci"])
        let population = try readPopulation(inputs.membershipCSV)
        let ctx = GEOSContext()
        let geoms = try shapes.map { try ctx.geometry(wkb: $0.wkb) }
        let centres = zip(shapes, geoms).map { s, g -> Centre in
            let pop = max(50, population[s.code] ?? 500)
            return Centre(p: g.centroid, sigma: 35 * pow(pop, 0.4), amplitude: 0.45 + 0.5 * min(1, log10(pop) / 5.5))
        }
        let urban = UrbanField(centres: centres)
        let landscape = SyntheticLandscape(seed: seed, ruralExchange: ruralExchange)
        let byDep = Dictionary(grouping: shapes.indices, by: { shapes[$0].attributes["insee_dep"] ?? "" })

        let tmp = inputs.landCoverOutput + ".tmp"
        try? fm.removeItem(atPath: tmp)
        try fm.createDirectory(atPath: (inputs.landCoverOutput as NSString).deletingLastPathComponent, withIntermediateDirectories: true)
        var fields: [(String, VectorWriter.FieldType)] = [("ID", .string)]
        for y in millesimes { fields += [("CS_\(y)", .string), ("US_\(y)", .string)] }
        let writer = try VectorWriter(path: tmp, layer: inputs.landCoverLayer, fields: fields)
        var total = 0
        for dep in byDep.keys.sorted() {
            let members = byDep[dep]!
            let outline = try ctx.union(members.map { geoms[$0] })
            let prepared = PreparedGeometry(outline)
            let bounds = outline.bounds
            let target = max(8, Int(outline.area / (cellHectares * 10_000)))
            var rng = SplitMix64.derived(seed, "points-\(dep)")
            var points: [Point] = []
            points.reserveCapacity(target)
            var attempts = 0
            while points.count < target && attempts < target * 40 {
                attempts += 1
                let p = Point(bounds.minX + rng.unit() * bounds.width, bounds.minY + rng.unit() * bounds.height)
                let accept = (0.3 + 2.7 * min(1, urban.value(p))) / 3.0
                guard rng.unit() < accept else { continue }
                let pt = try ctx.multiPoint([p])
                if prepared.containsProperly(pt) { points.append(p) }
            }
            let envelope = try ctx.rectangle(bounds.expanded(by: 1000))
            let cells = try ctx.voronoiCells(points, envelope: envelope)
            // Cells in a stable order (by centroid), whatever GEOS's output order.
            var clipped: [(Point, Geometry)] = []
            for cell in cells {
                let piece: Geometry
                if prepared.containsProperly(cell) {
                    piece = cell
                } else if prepared.intersects(cell) {
                    piece = ctx.collection(try outline.intersection(cell).polygonalParts(), multiPolygon: true)
                } else { continue }
                if piece.area < 1 { continue }
                clipped.append((piece.centroid, piece))
            }
            clipped.sort { $0.0.y != $1.0.y ? $0.0.y > $1.0.y : $0.0.x < $1.0.x }
            var written = 0
            for (i, (c, piece)) in clipped.enumerated() {
                var cellRng = SplitMix64.derived(seed, "cell-\(dep)-\(i)")
                let u = urban.value(c)
                let classes = landscape.classes(at: c, urban: u, departement: dep, rng: &cellRng)
                // Small rural features (farmsteads, sheds, tracks) where the decree's thresholds matter.
                var rest = piece
                var sub = 0
                if u < 0.3, classes[0] == CSUS(cs: "CS2.2.1", us: "US1.1") {
                    for feature in SmallFeatures.make(at: c, rng: &cellRng) {
                        let g = try ctx.polygon(feature.polygon)
                        guard PreparedGeometry(rest).containsProperly(g) else { continue }
                        rest = try rest.difference(g)
                        sub += 1
                        var values: [Any?] = ["\(dep)-\(i + 1)-\(sub)"]
                        for (m, k) in feature.classes(around: classes).enumerated() { _ = m; values += [k.cs, k.us] }
                        try writer.add(values, wkb: g.wkb)
                    }
                }
                var values: [Any?] = ["\(dep)-\(i + 1)"]
                for k in classes { values += [k.cs, k.us] }
                try writer.add(values, wkb: rest.wkb)
                written += 1 + sub
            }
            total += written
            log("  département \(dep): \(written) polygons")
        }
        try writer.close()
        try? fm.removeItem(atPath: inputs.landCoverOutput)
        try fm.moveItem(atPath: tmp, toPath: inputs.landCoverOutput)
        try writeScot(shapes: shapes, geoms: geoms, to: inputs.scotOutput)
        return total
    }

    /// Population by commune (`pmun_com_src` of the membership table), to size the towns.
    static func readPopulation(_ path: String) throws -> [String: Double] {
        guard let data = FileManager.default.contents(atPath: path), let text = String(data: data, encoding: .utf8) else {
            throw InputError(path, "cannot read the membership table")
        }
        let csv = try CSVTable(text: text, source: path)
        let code = try csv.column("insee_com")
        guard let pop = csv.optionalColumn("pmun_com_src") else { return [:] }
        var out: [String: Double] = [:]
        for row in csv.rows { out[row.fields[code]] = Double(row.fields[pop]) }
        return out
    }

    /// An illustrative SCoT grouping: in each département, EPCI sorted west to east in groups of
    /// three; the last EPCI of each département is left without SCoT (a commune may have none).
    static func writeScot(shapes: [CommuneShape], geoms: [Geometry], to path: String) throws {
        var epciCommunes: [String: [Int]] = [:]
        for (i, s) in shapes.enumerated() { epciCommunes[s.attributes["siren_epci"] ?? "", default: []].append(i) }
        var epciDep: [String: String] = [:]
        var epciX: [String: Double] = [:]
        for (e, list) in epciCommunes {
            let deps = Dictionary(grouping: list, by: { shapes[$0].attributes["insee_dep"] ?? "" })
            epciDep[e] = deps.max { ($0.value.count, $1.key) < ($1.value.count, $0.key) }!.key
            epciX[e] = list.map { geoms[$0].centroid.x }.reduce(0, +) / Double(list.count)
        }
        var lines = ["insee_com,id_scot,nom_scot"]
        for dep in Set(epciDep.values).sorted() {
            let list = epciDep.filter { $0.value == dep }.keys.sorted { (epciX[$0]!, $0) < (epciX[$1]!, $1) }
            for (k, e) in list.dropLast().enumerated() {
                let n = k / 3 + 1
                for i in epciCommunes[e]!.sorted(by: { shapes[$0].code < shapes[$1].code }) {
                    lines.append("\(shapes[i].code),DEMO-\(dep)-\(n),SCoT illustratif \(dep)-\(n)")
                }
            }
        }
        lines.sort { a, b in a.hasPrefix("insee") || (!b.hasPrefix("insee") && a < b) }
        try (lines.joined(separator: "\n") + "\n").write(toFile: path, atomically: true, encoding: .utf8)
    }
}

private let fm = FileManager.default

/// Urban intensity at a point: the strongest of the towns around the communes' centroids
/// (a Gaussian of each town's size), looked up through a grid of buckets.
struct UrbanField {
    let centres: [DemoGenerator.Centre]
    let bucket = 20_000.0
    var grid: [Int64: [Int]] = [:]

    init(centres: [DemoGenerator.Centre]) {
        self.centres = centres
        for (i, c) in centres.enumerated() { grid[key(c.p.x, c.p.y), default: []].append(i) }
    }

    func key(_ x: Double, _ y: Double) -> Int64 { Int64(floor(x / bucket)) << 32 | (Int64(floor(y / bucket)) & 0xFFFF_FFFF) }

    func value(_ p: Point) -> Double {
        let bx = Int64(floor(p.x / bucket)), by = Int64(floor(p.y / bucket))
        var best = 0.0
        for dx in -1...1 {
            for dy in -1...1 {
                for i in grid[(bx + Int64(dx)) << 32 | ((by + Int64(dy)) & 0xFFFF_FFFF)] ?? [] {
                    let c = centres[i]
                    let d2 = (p.x - c.p.x) * (p.x - c.p.x) + (p.y - c.p.y) * (p.y - c.p.y)
                    best = max(best, c.amplitude * exp(-d2 / (2 * c.sigma * c.sigma)))
                }
            }
        }
        return best
    }
}
