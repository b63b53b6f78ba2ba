import Foundation
@testable import PortraitsCore
@testable import PortraitsGeo

/// Two square communes of 100 ha side by side (99001 west, 99002 east), one EPCI, one département,
/// one région, written with GDAL into `dir/communes.gpkg`; `rect` gives the WKB of a rectangle in
/// metres from their south-west corner, for land-cover layers.
struct TwoCommuneFixture {
    let ctx = GEOSContext()

    func rect(_ a: Double, _ b: Double, _ c: Double, _ d: Double) throws -> [UInt8] {
        try ctx.polygon(PolygonRings(rings: [[Point(900_000 + a, 6_800_000 + b), Point(900_000 + c, 6_800_000 + b), Point(900_000 + c, 6_800_000 + d), Point(900_000 + a, 6_800_000 + d)]])).wkb
    }

    init(in dir: URL, names: (String, String) = ("Aval", "Amont")) throws {
        let cw = try VectorWriter(path: dir.appendingPathComponent("communes.gpkg").path, layer: "communes",
                                  fields: ["insee_com", "nom_com", "siren_epci", "nom_epci", "insee_dep", "nom_dep", "insee_reg", "nom_reg"].map { ($0, .string) })
        try cw.add(["99001", names.0, "200000001", "CC Test", "99", "Testdép", "98", "Testrégion"], wkb: try rect(0, 0, 1000, 1000))
        try cw.add(["99002", names.1, "200000001", "CC Test", "99", "Testdép", "98", "Testrégion"], wkb: try rect(1000, 0, 2000, 1000))
        try cw.close()
    }

    /// `dir/ocs.gpkg`, layer `ocs`, 2019 → 2021: the south half of the west commune goes from
    /// crops (CS2.2.1 × US1.1) to housing (CS1.1.1.1 × US5), its north half is forest, the east
    /// commune crops at both dates.
    func writeLandCover(in dir: URL) throws {
        let lw = try VectorWriter(path: dir.appendingPathComponent("ocs.gpkg").path, layer: "ocs",
                                  fields: [("CS_2019", .string), ("US_2019", .string), ("CS_2021", .string), ("US_2021", .string)])
        try lw.add(["CS2.2.1", "US1.1", "CS1.1.1.1", "US5"], wkb: try rect(0, 0, 1000, 500))
        try lw.add(["CS2.1.1.1", "US1.2", "CS2.1.1.1", "US1.2"], wkb: try rect(0, 500, 1000, 1000))
        try lw.add(["CS2.2.1", "US1.1", "CS2.2.1", "US1.1"], wkb: try rect(1000, 0, 2000, 1000))
        try lw.close()
    }
}
