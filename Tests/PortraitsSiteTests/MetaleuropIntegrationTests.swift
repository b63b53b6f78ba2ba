import Foundation
import XCTest
@testable import PortraitsCore
@testable import PortraitsBench
@testable import PortraitsDownloads
@testable import PortraitsModel
@testable import PortraitsPrint
@testable import PortraitsProject
@testable import PortraitsSite
@testable import PortraitsWeb

/// Builds the real Metaleurop example (IGN OCS GE 2018, 28 communes) into a temporary folder and
/// checks the site and its figures against an independent computation by GDAL's SQL (SpatiaLite).
final class MetaleuropIntegrationTests: XCTestCase {
    static let config = repositoryRoot.appendingPathComponent("examples/metaleurop/portraits.yaml").path
    static let data = repositoryRoot.appendingPathComponent("examples/metaleurop/data")

    /// Area by (commune, CODE_CS) in m², computed by SpatiaLite functions through ogr2ogr, with no
    /// code of ours involved.
    func independentAreas(in dir: URL) throws -> [String: Double] {
        let vrt = dir.appendingPathComponent("check.vrt")
        try """
        <OGRVRTDataSource>
         <OGRVRTLayer name="c"><SrcDataSource>\(Self.data.path)/communes_l93.gpkg</SrcDataSource><SrcLayer>communes</SrcLayer></OGRVRTLayer>
         <OGRVRTLayer name="o"><SrcDataSource>\(Self.data.path)/ocsge_2018_l93.gpkg</SrcDataSource><SrcLayer>ocsge_metaleurop_2018_parts</SrcLayer></OGRVRTLayer>
        </OGRVRTDataSource>
        """.write(to: vrt, atomically: true, encoding: .utf8)
        let csv = try runTool("/usr/bin/ogr2ogr", ["-f", "CSV", "/vsistdout/", "-dialect", "SQLite", "-sql",
            "SELECT c.insee_com AS insee, o.CODE_CS AS cs, SUM(ST_Area(ST_Intersection(c.geom, o.geom))) AS a FROM c, o WHERE ST_Intersects(c.geom, o.geom) GROUP BY 1, 2",
            vrt.path])
        var out: [String: Double] = [:]
        for line in csv.split(separator: "\n").dropFirst() {
            let f = line.split(separator: ",").map { $0.trimmingCharacters(in: CharacterSet(charactersIn: "\"")) }
            out["\(f[0])|\(f[1])"] = Double(f[2])!
        }
        return out
    }

    func testFiguresMatchAnIndependentComputation() throws {
        let dir = try temporaryFolder(self)
        let reference = try independentAreas(in: dir)
        XCTAssertGreaterThan(reference.count, 100)
        let config = try ProjectConfig.load(path: Self.config)
        let project = try ProjectLoader.load(config: config, reporter: StageReporter(BuildStage.check, quiet: true))
        let dim = project.nomenclature.primary
        var compared = 0
        var worst = 0.0
        for (i, commune) in project.catalog.communes.enumerated() {
            let facts = project.tabulation.communeFacts[i]
            var ours: [String: Double] = [:]
            for (k, v) in facts.stock[0] { ours[dim.leaf(k.primary).code, default: 0] += v }
            let theirs = reference.filter { $0.key.hasPrefix(commune.code + "|") }
            XCTAssertEqual(Set(ours.keys.filter { ours[$0]! > 0.01 }), Set(theirs.keys.map { String($0.split(separator: "|")[1]) }.filter { theirs["\(commune.code)|\($0)"]! > 0.01 }), commune.code)
            for (key, area) in theirs {
                let cs = String(key.split(separator: "|")[1])
                let diff = abs((ours[cs] ?? 0) - area) / 10_000
                worst = max(worst, diff)
                XCTAssertLessThan(diff, 0.01, "\(key): ours \(ours[cs] ?? 0) m², SpatiaLite \(area) m²")
                compared += 1
            }
        }
        XCTAssertGreaterThan(compared, 100)
        print("Metaleurop: \(compared) (commune, class) areas compared with SpatiaLite, largest difference \(worst) ha")

        // Known totals of the extract (README of the shared data): classes sum to 10 077 ha, of which
        // 15.5 ha lie outside the 28 communes; about 285 ha of overlaps.
        var total = AreaFacts(millesimeCount: 1, periodCount: 0)
        for f in project.tabulation.communeFacts { total += f }
        XCTAssertEqual((total.classTotal(0) + project.tabulation.sources[0].outsideCommunes) / 10_000, 10_077, accuracy: 1)
        XCTAssertEqual(total.overlap(0) / 10_000, 285, accuracy: 2)
        // Every upper territory is exactly the sum of its communes.
        for t in project.catalog.sorted where t.id.level != .commune {
            var sum = AreaFacts(millesimeCount: 1, periodCount: 0)
            for i in t.communeIndices { sum += project.tabulation.communeFacts[i] }
            XCTAssertEqual(project.facts[t.id], sum, "\(t.id)")
        }
    }

    func testSiteIsCompleteLinkedAndDeterministic() throws {
        let dir = try temporaryFolder(self)
        let out = dir.appendingPathComponent("site")
        let summary = try SiteBuilder.build(configPath: Self.config, output: out.path, quiet: true)
        XCTAssertEqual(summary.portraits, 35, "28 communes, 4 EPCI, 2 départements, 1 région; one millésime")
        let fm = FileManager.default
        XCTAssertTrue(try fm.contentsOfDirectory(atPath: out.appendingPathComponent("assets").path).contains { $0.hasPrefix("style.") && $0.hasSuffix(".css") })
        for path in ["index.html", "commune/index.html", "epci/index.html", "departement/index.html", "region/index.html",
                     "commune/59028/2018.html", "commune/59028/2018.csv", "commune/59028/carte-2018.svg",
                     "region/32/2018.html", "doc/methode.html"] {
            XCTAssertTrue(fm.fileExists(atPath: out.appendingPathComponent(path).path), path)
        }
        XCTAssertFalse(fm.fileExists(atPath: out.appendingPathComponent("commune/59028/2018-2018.html").path))

        let page = try read(out.appendingPathComponent("commune/59028/2018.html"))
        XCTAssertTrue(page.contains("<html lang=\"fr\">"))
        XCTAssertTrue(page.contains("<h1>Auby"))
        XCTAssertTrue(page.contains("Une seule date d’occupation du sol (2018)"), "says no period exists")
        XCTAssertTrue(page.contains("ne couvre que"), "reports partial coverage")
        XCTAssertTrue(page.contains("se chevauchent"), "reports overlaps")
        // The printed portrait says the same caveats, and the single millésime's stock table.
        let pdfName = try fm.contentsOfDirectory(atPath: out.appendingPathComponent("commune/59028").path).first { $0.hasPrefix("portrait-") && $0.hasSuffix(".pdf") }!
        let printed = try runTool("/usr/bin/pdftotext", [out.appendingPathComponent("commune/59028/\(pdfName)").path, "-"])
            .replacingOccurrences(of: "\n", with: " ").replacingOccurrences(of: "\u{00A0}", with: " ")
        XCTAssertTrue(printed.contains("ne couvre que"), "partial coverage in the PDF")
        XCTAssertTrue(printed.contains("se chevauchent"), "overlaps in the PDF")
        XCTAssertTrue(printed.contains("Surface artificialisée (matrice seule)"), "the single millésime's table in the PDF")
        XCTAssertTrue(page.contains("href=\"../../region/32/2018.html\""), "relative link to the région")
        XCTAssertTrue(page.contains("<svg width=\"1040\" height="), "the chart is inline, without namespace declarations nor units")
        XCTAssertTrue(page.contains(" aria-labelledby=\"graphique-stock-titre\" class=\"chart chart-wide\""), "the chart is named by its title")
        XCTAssertTrue(page.contains("<g class=\"hits\""), "its bars say their values")
        XCTAssertTrue(page.contains("<title id=\"graphique-stock-titre\">Diagramme en barres"), "chart has a text alternative")
        XCTAssertFalse(page.contains("glyph0-"), "glyphs are shared by the page")
        XCTAssertTrue(page.contains("<title id=\"carte-situation-titre\">Carte de situation : Auby (en rouge, le plus foncé), dans le département du Nord"), "locator map")
        XCTAssertFalse(try read(out.appendingPathComponent("region/32/2018.html")).contains("carte-situation"), "no locator for the région")
        XCTAssertTrue(page.contains("<td class=\"num\">91,8</td>"), "Auby's buildings, 91.85 ha by SpatiaLite")

        let csv = try Data(contentsOf: out.appendingPathComponent("commune/59028/2018.csv"))
        XCTAssertEqual(Array(csv.prefix(3)), [0xEF, 0xBB, 0xBF], "UTF-8 BOM")
        let csvText = String(decoding: csv, as: UTF8.self)
        XCTAssertTrue(csvText.contains("commune;59028;Auby;CS1.1.1.1;Zones bâties;2018;91,85;"), csvText)

        let levels = try read(out.appendingPathComponent("commune/59028/stock-toutes-classes.csv"))
        XCTAssertTrue(levels.contains("commune;59028;Auby;couverture;1;CS1;Sans végétation;2018;145,31;"), "stock at every level")
        XCTAssertTrue(levels.contains("couverture;4;CS1.1.1.1;Zones bâties;2018;91,85;"))

        let svg = try read(out.appendingPathComponent("commune/59028/carte-2018.svg"))
        XCTAssertTrue(svg.hasPrefix("<?xml"))
        XCTAssertFalse(svg.contains("nan"))

        // Every relative link and image of every page points to a file of the site.
        var checked = 0
        let enumerator = fm.enumerator(at: out, includingPropertiesForKeys: nil)!
        let pattern = try NSRegularExpression(pattern: "(?:href|src)=\"([^\"#]+)\"")
        for case let url as URL in enumerator where url.pathExtension == "html" {
            let html = try read(url)
            for m in pattern.matches(in: html, range: NSRange(html.startIndex..., in: html)) {
                var target = String(html[Range(m.range(at: 1), in: html)!])
                if target.hasPrefix("http") { continue }
                // Query strings (the compare page's state) are not part of the file.
                if let q = target.firstIndex(of: "?") { target = String(target[..<q]) }
                let resolved = url.deletingLastPathComponent().appendingPathComponent(target).standardized
                XCTAssertTrue(fm.fileExists(atPath: resolved.path), "\(url.lastPathComponent) → \(target)")
                checked += 1
            }
        }
        XCTAssertGreaterThan(checked, 500)

        // A second build gives the same bytes.
        let again = dir.appendingPathComponent("again")
        _ = try SiteBuilder.build(configPath: Self.config, output: again.path, quiet: true)
        let diff = Process()
        diff.executableURL = URL(fileURLWithPath: "/usr/bin/diff")
        diff.arguments = ["-r", "-q", out.path, again.path]
        try diff.run(); diff.waitUntilExit()
        XCTAssertEqual(diff.terminationStatus, 0, "two builds differ")
    }

    func testFailedBuildLeavesThePreviousOutput() throws {
        let dir = try temporaryFolder(self)
        let out = dir.appendingPathComponent("site")
        _ = try SiteBuilder.build(configPath: Self.config, output: out.path, quiet: true)
        let before = try read(out.appendingPathComponent("index.html"))
        // Same project with a template that does not exist: rendering fails after tabulation.
        let text = try read(URL(fileURLWithPath: Self.config))
            .replacingOccurrences(of: "data/", with: Self.data.path + "/")
            .replacingOccurrences(of: "../../Content", with: repositoryRoot.appendingPathComponent("Content").path)
        let broken = dir.appendingPathComponent("broken.yaml")
        try (text + "\ntemplates: \(dir.path)/no-templates\n").write(to: broken, atomically: true, encoding: .utf8)
        XCTAssertThrowsError(try SiteBuilder.build(configPath: broken.path, output: out.path, quiet: true)) { e in
            XCTAssertTrue("\(e)".contains("no-templates"), "\(e)")
        }
        XCTAssertEqual(try read(out.appendingPathComponent("index.html")), before)
        XCTAssertEqual(try FileManager.default.contentsOfDirectory(atPath: dir.path).filter { !$0.hasPrefix(".") }.sorted(), ["broken.yaml", "site"], "no staging folder left (the build state is in .portraits)")
    }
}
