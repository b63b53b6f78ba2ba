import Foundation
import PortraitsCore
import PortraitsGeo

/// A small, fictional territory delivered the way IGN delivers real ones, for `portraits init
/// --example` and the tests of reading real downloads:
///
/// - ADMIN EXPRESS COG: Shapefiles `COMMUNE`, `EPCI`, `DEPARTEMENT`, `REGION` (with their `.cpg`)
///   in IGN's folder layout, with IGN's field names (`INSEE_COM`, `NOM`, `SIREN_EPCI`, `NC` for a
///   commune in no EPCI…);
/// - OCS GE 2.0: one GeoPackage per département and millésime, layer `occupation_sol`, fields `ID`,
///   `CODE_CS`, `CODE_US`, `MILLESIME`, `SOURCE`, `OSSATURE`, in IGN's folders
///   (`OCS-GE_2-0__GPKG_LAMB93_D098_2018-01-01/OCS-GE/1_DONNEES_LIVRAISON_…/…/OCCUPATION_SOL.gpkg`).
///
/// Two départements (98 and 99, région 97: codes no real territory has) of nine communes each, on
/// a 6 × 3 grid of 150 ha communes with irregular shared borders; an EPCI astride the two
/// départements, one commune in no EPCI. Land cover: cells of one hectare clipped to each
/// département, classes from the demo's synthetic landscape; two cells astride the border are in
/// both départements' files, as neighbouring deliveries sometimes overlap.
public enum IGNDeliveries {
    public struct Departement: Sendable {
        public var code: String
        public var name: String
        /// Its millésimes, earlier first.
        public var millesimes: [Int]
    }

    public static let departements = [Departement(code: "98", name: "Ouest-Exemple", millesimes: [2018, 2021]),
                                      Departement(code: "99", name: "Est-Exemple", millesimes: [2018, 2021])]

    /// Where `write` puts each part, under `root`.
    public static func adminExpressFolder(_ root: String) -> String {
        "\(root)/ADMIN-EXPRESS-COG_3-2__SHP_LAMB93_FXX_2024-02-22/ADMIN-EXPRESS-COG/1_DONNEES_LIVRAISON_2024-02-00045/ADECOG_3-2_SHP_LAMB93_FXX-ED2024-02-22"
    }

    public static func landCoverFile(_ root: String, departement d: String, year: Int) -> String {
        "\(root)/OCS-GE_2-0__GPKG_LAMB93_D0\(d)_\(year)-01-01/OCS-GE/1_DONNEES_LIVRAISON_2024-06-00112/OCSGE_2-0_GPKG_LAMB93_D0\(d)-\(year)/OCCUPATION_SOL.gpkg"
    }

    static let columns = 6, rows = 3, side = 1_225.0   // 1 225 m: 150 ha
    static let origin = Point(880_000, 6_850_000)
    static let names = ["Aubelle", "Brémont", "Chaumeix", "Dorlange", "Épinoy", "Fresnières",
                        "Gondreville-sur-Aube", "Hautmesnil", "Issancourt", "Jouy-les-Prés", "Lavergny", "Montcel",
                        "Noirval", "Orbeuil", "Pierrefonte", "Quincelles", "Rozières-en-Val", "Saint-Aubin-d’Exemple"]
    static let epci: [(siren: String, name: String, nature: String)] = [
        ("200000981", "Communauté de communes du Val d’Exemple", "Communauté de communes"),
        ("200000982", "Communauté d’agglomération de Belleville", "Communauté d'agglomération"),
        ("200000991", "Communauté de communes des Hauts d’Exemple", "Communauté de communes")]

    /// The commune in column `c` (0…5, west to east) and row `r`: its code, name, département and EPCI (nil: none).
    static func commune(_ c: Int, _ r: Int) -> (code: String, name: String, dep: Int, epci: Int?) {
        let dep = c < 3 ? 0 : 1
        let number = (c % 3) * rows + r + 1
        let epci: Int? = c < 2 ? 0 : (c < 4 ? 1 : (c == 5 && r == 2 ? nil : 2))
        return (departements[dep].code + String(format: "%03d", number * 7), names[c * rows + r], dep, epci)
    }

    /// The grid's vertex (i, j), moved by up to a fifth of a side (the outer border stays straight).
    static func vertex(_ i: Int, _ j: Int, seed: UInt64) -> Point {
        var rng = SplitMix64(seed: seed &+ UInt64(i * 101 + j * 7919))
        let inner = i > 0 && i < columns && j > 0 && j < rows
        let dx = inner ? (rng.unit() - 0.5) * 0.4 * side : 0, dy = inner ? (rng.unit() - 0.5) * 0.4 * side : 0
        return Point(origin.x + Double(i) * side + dx, origin.y + Double(j) * side + dy)
    }

    /// Writes both deliveries under `root` (created). Returns the number of land-cover polygons written.
    @discardableResult
    /// `millesimes`: each département's, to override the usual ones (2018 and 2021 for both).
    public static func write(into root: String, seed: UInt64 = 2024, millesimes: [[Int]]? = nil) throws -> Int {
        let fm = FileManager.default
        let ctx = GEOSContext()
        var outlines: [(code: String, name: String, dep: Int, epci: Int?, geometry: Geometry)] = []
        for c in 0..<columns {
            for r in 0..<rows {
                let ring = [vertex(c, r, seed: seed), vertex(c + 1, r, seed: seed), vertex(c + 1, r + 1, seed: seed), vertex(c, r + 1, seed: seed)]
                let k = commune(c, r)
                outlines.append((k.code, k.name, k.dep, k.epci, try ctx.polygon(PolygonRings(rings: [ring]))))
            }
        }
        // ADMIN EXPRESS.
        let ae = adminExpressFolder(root)
        try fm.createDirectory(atPath: ae, withIntermediateDirectories: true)
        func shapefile(_ name: String, _ fields: [String], _ rows: [([String], Geometry)]) throws {
            let w = try VectorWriter(path: "\(ae)/\(name).shp", driver: "ESRI Shapefile", layer: name, fields: fields.map { ($0, .string) },
                                     options: ["ENCODING=UTF-8"])
            for (values, g) in rows { try w.add(values, wkb: g.wkb) }
            try w.close()
        }
        let region = ("97", "Région Exemple")
        try shapefile("COMMUNE", ["ID", "NOM", "NOM_M", "INSEE_COM", "STATUT", "POPULATION", "INSEE_CAN", "INSEE_ARR", "INSEE_DEP", "INSEE_REG", "SIREN_EPCI"],
                      outlines.enumerated().map { i, o in
                          (["COMMUNE_\(String(format: "%010d", i + 1))", o.name, o.name.uppercased(), o.code, "Commune simple", "\(300 + i * 137)", "\(departements[o.dep].code)01",
                            "\(departements[o.dep].code)1", departements[o.dep].code, region.0, o.epci.map { epci[$0].siren } ?? "NC"], o.geometry)
                      })
        try shapefile("EPCI", ["ID", "CODE_SIREN", "NOM", "NATURE"], try epci.enumerated().map { i, e in
            (["EPCI_\(String(format: "%010d", i + 1))", e.siren, e.name, e.nature], try ctx.union(outlines.filter { $0.epci == i }.map(\.geometry)))
        })
        try shapefile("DEPARTEMENT", ["ID", "NOM", "NOM_M", "INSEE_DEP", "INSEE_REG"], try departements.enumerated().map { i, d in
            (["DEPARTEM_\(String(format: "%010d", i + 1))", d.name, d.name.uppercased(), d.code, region.0], try ctx.union(outlines.filter { $0.dep == i }.map(\.geometry)))
        })
        try shapefile("REGION", ["ID", "NOM", "NOM_M", "INSEE_REG"], [(["REGION_0000000001", region.1, region.1.uppercased(), region.0], try ctx.union(outlines.map(\.geometry)))])

        // OCS GE: one hectare cells, clipped to each département; two cells astride the border in both files.
        let landscape = SyntheticLandscape(seed: seed)
        let centres = [Point(origin.x + 0.8 * side, origin.y + 1.4 * side), Point(origin.x + 3.1 * side, origin.y + 1.6 * side),
                       Point(origin.x + 4.9 * side, origin.y + 0.7 * side)]
        var count = 0
        for (di, d) in departements.enumerated() {
            let area = try ctx.union(outlines.filter { $0.dep == di }.map(\.geometry))
            let box = area.bounds
            // Cells and their classes at the landscape's three dates.
            var cells: [(Geometry, [CSUS])] = []
            var y = (box.minY / 100).rounded(.down) * 100
            while y < box.maxY {
                var x = (box.minX / 100).rounded(.down) * 100
                while x < box.maxX {
                    let cell = try ctx.polygon(PolygonRings(rings: [[Point(x, y), Point(x + 100, y), Point(x + 100, y + 100), Point(x, y + 100)]]))
                    let centre = Point(x + 50, y + 50)
                    let u = centres.map { exp(-(pow($0.x - centre.x, 2) + pow($0.y - centre.y, 2)) / (2 * 450 * 450)) }.max()!
                    var rng = SplitMix64(seed: seed &+ UInt64(bitPattern: Int64(x)) &* 31 &+ UInt64(bitPattern: Int64(y)))
                    let classes = landscape.classes(at: centre, urban: u, departement: d.code, rng: &rng)
                    // The two cells over the départements' border at its southern end (x 883 675 m).
                    let astride = x == ((origin.x + 3 * side) / 100).rounded(.down) * 100 && y < origin.y + 200
                    if astride {
                        cells.append((cell, classes))
                    } else if area.intersects(cell) {
                        for part in try cell.intersection(area).polygonalParts() where part.area > 1 {
                            cells.append((part, classes))
                        }
                    }
                    x += 100
                }
                y += 100
            }
            let years = millesimes?[di] ?? d.millesimes
            // The landscape's dates (three): both ends for two millésimes, in order for three.
            let dates = years.count == 1 ? [2] : (years.count == 2 ? [0, 2] : years.indices.map { min($0, 2) })
            for (m, year) in years.enumerated() {
                let path = landCoverFile(root, departement: d.code, year: year)
                try fm.createDirectory(atPath: (path as NSString).deletingLastPathComponent, withIntermediateDirectories: true)
                try? fm.removeItem(atPath: path)
                let w = try VectorWriter(path: path, layer: "occupation_sol", fields: ["ID", "CODE_CS", "CODE_US", "MILLESIME", "SOURCE", "OSSATURE"].map { ($0, .string) })
                for (i, (g, classes)) in cells.enumerated() {
                    try w.add(["OCSGE\(d.code)\(year)\(String(format: "%07d", i + 1))", classes[dates[m]].cs, classes[dates[m]].us, "\(year)", "BD TOPO", i % 5 == 0 ? "1" : "0"], wkb: g.wkb)
                }
                try w.close()
                count += cells.count
            }
        }
        return count
    }
}
