import Foundation
import XCTest
@testable import PortraitsCore
@testable import PortraitsDemo
@testable import PortraitsGeo
@testable import PortraitsBench
@testable import PortraitsDownloads
@testable import PortraitsModel
@testable import PortraitsPrint
@testable import PortraitsProject
@testable import PortraitsSite
@testable import PortraitsWeb

/// The demo generator on the real Grand Est communes, with large cells to stay quick.
final class DemoGeneratorTests: XCTestCase {
    func inputs(_ dir: URL, _ name: String) -> DemoGenerator.Inputs {
        DemoGenerator.Inputs(communes: LayerRef(path: repositoryRoot.appendingPathComponent("data/grand-est/communes_l93.gpkg").path, layer: "communes"),
                             membershipCSV: repositoryRoot.appendingPathComponent("data/grand-est/communes_appartenance.csv").path,
                             landCoverOutput: dir.appendingPathComponent("\(name).gpkg").path, landCoverLayer: "ocsge",
                             scotOutput: dir.appendingPathComponent("\(name)-scot.csv").path)
    }

    func features(_ path: String) throws -> [String] {
        var out: [String] = []
        let layer = try VectorDataset(path: path).layer("ocsge")
        try layer.forEach(fields: ["ID", "CS_2010", "US_2010", "CS_2019", "US_2019", "CS_2021", "US_2021"]) { f in
            out.append(f.values.map { $0 ?? "" }.joined(separator: ",") + "|" + (f.wkb ?? []).map { String($0) }.joined(separator: "."))
        }
        return out
    }

    func testSameSeedSameLandCoverAndPlausibleContent() throws {
        let dir = try temporaryFolder(self)
        let a = inputs(dir, "a"), b = inputs(dir, "b"), c = inputs(dir, "c")
        _ = try DemoGenerator.ensure(a, seed: 7, cellHectares: 3000, log: { _ in })
        _ = try DemoGenerator.ensure(b, seed: 7, cellHectares: 3000, log: { _ in })
        _ = try DemoGenerator.ensure(c, seed: 8, cellHectares: 3000, log: { _ in })
        let fa = try features(a.landCoverOutput), fb = try features(b.landCoverOutput), fc = try features(c.landCoverOutput)
        XCTAssertEqual(fa, fb, "same seed, same features")
        XCTAssertNotEqual(fa, fc, "another seed, another land cover")
        XCTAssertGreaterThan(fa.count, 1000)
        XCTAssertEqual(try read(URL(fileURLWithPath: a.scotOutput)), try read(URL(fileURLWithPath: b.scotOutput)))
        // A second call with the same stamp does not regenerate.
        XCTAssertTrue(try DemoGenerator.ensure(a, seed: 7, cellHectares: 3000, log: { _ in }).contains("up to date"))

        // Every code is a leaf of the shipped CNIG nomenclature.
        let n = try NomenclatureLoader.load(path: repositoryRoot.appendingPathComponent("Content/nomenclatures/cnig/nomenclature.yaml").path)
        var changed = 0
        for f in fa {
            let v = f.split(separator: "|")[0].split(separator: ",", omittingEmptySubsequences: false).map(String.init)
            for i in stride(from: 1, to: 7, by: 2) {
                XCTAssertNotNil(n.primary.leafNumber(of: v[i]), v[i])
                XCTAssertNotNil(n.dimensions[1].leafNumber(of: v[i + 1]), v[i + 1])
            }
            if v[1] != v[5] || v[2] != v[6] { changed += 1 }
        }
        let share = Double(changed) / Double(fa.count)
        XCTAssertGreaterThan(share, 0.003, "some land changes between 2010 and 2021")
        XCTAssertLessThan(share, 0.08, "most land does not change")
    }

    func testPolygonsCrossCommuneBoundaries() throws {
        let dir = try temporaryFolder(self)
        let i = inputs(dir, "x")
        _ = try DemoGenerator.ensure(i, seed: 1, cellHectares: 3000, log: { _ in })
        let shapes = try CommuneShapes.read(i.communes, codeField: "insee_com", nameField: "nom_com", extraFields: [])
        let spec = LandCoverSpec(sources: [.init(layer: LayerRef(path: i.landCoverOutput, layer: "ocsge"), fields: [2021: ["couverture": "CS_2021"]])])
        let n = try NomenclatureLoader.load(path: repositoryRoot.appendingPathComponent("Content/nomenclatures/cnig/nomenclature.yaml").path)
        let t = try Tabulator.run(communes: shapes, landCover: spec, nomenclature: n, periods: [])
        let pieces = t.pieces.reduce(0) { $0 + $1.count }
        XCTAssertGreaterThan(pieces, t.sources[0].featureCount, "polygons are split between communes")
        var total = AreaFacts(millesimeCount: 1, periodCount: 0)
        for f in t.communeFacts { total += f }
        XCTAssertEqual(total.covered[0] / total.area, 1, accuracy: 0.001, "the synthetic land cover covers the région")
        XCTAssertEqual(total.overlap(0) / total.area, 0, accuracy: 1e-6, "a partition: no overlaps")
    }

    /// Share of the area whose classes differ between two millésimes, by GDAL's SQL (SpatiaLite).
    func changedShare(_ path: String, _ a: Int, _ b: Int) throws -> Double {
        let out = try runTool("/usr/bin/ogrinfo", ["-q", "-dialect", "SQLite", "-sql",
            "SELECT SUM(CASE WHEN CS_\(a)<>CS_\(b) OR US_\(a)<>US_\(b) THEN ST_Area(geom) ELSE 0 END)/SUM(ST_Area(geom)) AS s FROM ocsge", path])
        let line = try XCTUnwrap(out.split(separator: "\n").first { $0.contains("s (Real) =") })
        return try XCTUnwrap(Double(line.split(separator: "=").last!.trimmingCharacters(in: .whitespaces)))
    }

    func testScaleProfileChangesOneToThreePercentOfTheAreaPerPeriod() throws {
        let dir = try temporaryFolder(self)
        let plain = inputs(dir, "plain"), scale = inputs(dir, "scale")
        _ = try DemoGenerator.ensure(plain, seed: 3, cellHectares: 800, log: { _ in })
        _ = try DemoGenerator.ensure(scale, seed: 3, cellHectares: 800, ruralExchange: 0.011, log: { _ in })
        for (a, b) in [(2010, 2019), (2019, 2021), (2010, 2021)] {
            let share = try changedShare(scale.landCoverOutput, a, b)
            XCTAssertGreaterThan(share, 0.01, "\(a)–\(b)")
            XCTAssertLessThan(share, 0.03, "\(a)–\(b)")
            XCTAssertGreaterThan(share, try changedShare(plain.landCoverOutput, a, b), "rural exchanges add change")
        }
    }
}
