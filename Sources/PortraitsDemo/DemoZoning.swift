import Foundation
import PortraitsCore
import PortraitsGeo

/// An ILLUSTRATIVE zoning layer for the demo's explorer, in the shape of a PLU's zones: for each
/// commune, an urban zone (U) around its town centre sized by population and, for the larger
/// communes, a zone to urbanise (AU) beside it; both clipped to the commune. Deterministic for a
/// seed. It stands in for a real zoning file (Géoportail de l'urbanisme) given in the config.
public enum DemoZoning {
    static let version = "demo-zoning-1"

    /// Writes `output` (layer `zonage`, fields insee_com, typezone, libelle) unless it exists for the
    /// same seed and version. Returns a one-line description.
    public static func ensure(communes: LayerRef, membershipCSV: String, output: String, seed: UInt64) throws -> String {
        let stamp = "\(version) seed=\(seed)"
        let stampFile = output + ".stamp"
        let fm = FileManager.default
        if fm.fileExists(atPath: output), let old = try? String(contentsOfFile: stampFile, encoding: .utf8), old == stamp {
            return "\(output) (up to date, \(stamp))"
        }
        let shapes = try CommuneShapes.read(communes, codeField: "insee_com", nameField: "nom_com", extraFields: [])
        let population = try DemoGenerator.readPopulation(membershipCSV)
        let ctx = GEOSContext()
        let tmp = output + ".tmp"
        try? fm.removeItem(atPath: tmp)
        try fm.createDirectory(atPath: (output as NSString).deletingLastPathComponent, withIntermediateDirectories: true)
        let writer = try VectorWriter(path: tmp, layer: "zonage", fields: [("insee_com", .string), ("typezone", .string), ("libelle", .string)])
        var count = 0
        for s in shapes {
            let commune = try ctx.geometry(wkb: s.wkb)
            let c = commune.centroid
            let pop = max(50, population[s.code] ?? 500)
            // The same town size as the land cover's (DemoGenerator's sigma), a little wider.
            let radius = 1.3 * 35 * pow(pop, 0.4)
            var rng = SplitMix64.derived(seed, "zoning-\(s.code)")
            let urban = try commune.intersection(try ctx.polygon(disc(c, radius)))
            guard !urban.isEmpty, urban.area > 1 else { continue }
            try writer.add([s.code, "U", "Zone urbaine"], wkb: urban.wkb)
            count += 1
            guard pop >= 1_000 else { continue }
            let angle = rng.unit() * 2 * .pi
            let centre = Point(c.x + cos(angle) * radius * 1.15, c.y + sin(angle) * radius * 1.15)
            let growth = try commune.intersection(try ctx.polygon(disc(centre, radius * 0.45))).difference(urban)
            guard !growth.isEmpty, growth.area > 1 else { continue }
            try writer.add([s.code, "AU", "Zone à urbaniser"], wkb: growth.wkb)
            count += 1
        }
        try writer.close()
        try? fm.removeItem(atPath: output)
        try fm.moveItem(atPath: tmp, toPath: output)
        try stamp.write(toFile: stampFile, atomically: true, encoding: .utf8)
        return "\(output): \(count) zones (\(stamp))"
    }

    /// A 48-sided polygon approximating a disc.
    static func disc(_ c: Point, _ r: Double) -> PolygonRings {
        PolygonRings(rings: [(0...48).map { k in
            let a = Double(k % 48) / 48 * 2 * .pi
            return Point(c.x + r * cos(a), c.y + r * sin(a))
        }])
    }
}
