import Foundation
import XCTest
@testable import PortraitsCore
@testable import PortraitsGeo
@testable import PortraitsSite

/// The portal around the portraits, on a small real site built into a temporary folder: search
/// index with postal codes, compare data, explorer with an extra layer, downloads (CSV, XLSX read
/// back from its XML, GeoPackage read back with GDAL), documentation anchors, nomenclature page,
/// sitemap, robots, 404, fingerprinted assets and template overrides.
final class PortalIntegrationTests: XCTestCase {
    /// Two communes (Aval-lès-Bains 99001, Saint-Amont 99002) of one EPCI: 50 ha of crops become
    /// housing in Aval between 2019 and 2021. A zoning layer (U over Aval's south half, AU beside),
    /// postal codes, and a project `Templates/` overriding the footer.
    func buildSite(extraConfig: String = "", overrideFooter: Bool = true) throws -> URL {
        let dir = try temporaryFolder(self)
        let fixture = try TwoCommuneFixture(in: dir, names: ("Aval-lès-Bains", "Saint-Amont"))
        let rect = fixture.rect
        try fixture.writeLandCover(in: dir)
        let zw = try VectorWriter(path: dir.appendingPathComponent("zonage.gpkg").path, layer: "zonage", fields: [("typezone", .string)])
        try zw.add(["U"], wkb: try rect(0, 0, 1000, 500))
        try zw.add(["AU"], wkb: try rect(1000, 0, 1500, 500))
        try zw.close()
        try "insee_com,code_postal\n99001,99100\n99002,99100\n99002,99200\n12345,12345\n".write(to: dir.appendingPathComponent("cp.csv"), atomically: true, encoding: .utf8)
        if overrideFooter {
            try FileManager.default.createDirectory(at: dir.appendingPathComponent("Templates/assets"), withIntermediateDirectories: true)
            let builtIn = try read(URL(fileURLWithPath: BuiltInTemplates.folder).appendingPathComponent("footer.mustache"))
            try builtIn.replacingOccurrences(of: "</footer>", with: "<p>Pied de page du projet</p></footer>")
                .write(to: dir.appendingPathComponent("Templates/footer.mustache"), atomically: true, encoding: .utf8)
            try ".projet { color: #000; }\n".write(to: dir.appendingPathComponent("Templates/assets/projet.css"), atomically: true, encoding: .utf8)
        }
        let root = repositoryRoot.path
        try """
        site:
          title: Test portail
          base_url: https://example.org/portail/
          attribution: ["Source de test (Licence Ouverte)"]
        communes:
          file: communes.gpkg
        land_cover:
          multi_date:
            file: ocs.gpkg
            millesimes:
              2019: {couverture: CS_2019, usage: US_2019}
              2021: {couverture: CS_2021, usage: US_2021}
        nomenclature: \(root)/Content/nomenclatures/cnig/nomenclature.yaml
        content: \(root)/Content
        output: site
        postal_codes: {file: cp.csv}
        explorer:
          layers:
            - {name: Zonage PLU, file: zonage.gpkg, layer: zonage, category: typezone}
        \(extraConfig)
        """.write(to: dir.appendingPathComponent("portraits.yaml"), atomically: true, encoding: .utf8)
        _ = try SiteBuilder.build(configPath: dir.appendingPathComponent("portraits.yaml").path, quiet: true, pdf: false)
        return dir.appendingPathComponent("site")
    }

    /// `window.X = {...};` → the JSON object.
    func scriptJSON(_ text: String) throws -> [String: Any] {
        // After the assignment: `(window.X = window.X || {})["id"] = {...};` has a `{}` before it.
        let from = text.range(of: "] = ")?.upperBound ?? text.range(of: " = ")!.upperBound
        let start = text[from...].firstIndex(of: "{")!, end = text.lastIndex(of: "}")!
        return try JSONSerialization.jsonObject(with: Data(text[start...end].utf8)) as! [String: Any]
    }

    func testSearchIndexListsEveryTerritoryWithCodesContextAndPostalCodes() throws {
        let site = try buildSite()
        let index = try scriptJSON(try read(site.appendingPathComponent("donnees/recherche.js")))
        let items = index["items"] as! [[String]]
        XCTAssertEqual(items.count, 5, "2 communes, 1 EPCI, 1 département, 1 région")
        let aval = items.first { $0[2] == "99001" }!
        XCTAssertEqual(aval, ["Aval-lès-Bains", "commune", "99001", "commune/99001/2019-2021.html", "CC Test · Testdép", "99100"])
        XCTAssertEqual(items.first { $0[2] == "99002" }![5], "99100 99200", "a commune with two postal codes")
        XCTAssertEqual(items.first { $0[1] == "epci" }![3], "epci/200000001/2019-2021.html")
        XCTAssertEqual((index["levels"] as! [String: String])["departement"], "Département")
        // Every page carries the search form and the script; the results page exists.
        let page = try read(site.appendingPathComponent("commune/99001/2019-2021.html"))
        XCTAssertTrue(page.contains("action=\"../../recherche.html\""))
        XCTAssertTrue(page.contains("data-root=\"../../\""))
        XCTAssertTrue(FileManager.default.fileExists(atPath: site.appendingPathComponent("recherche.html").path))
    }

    func testCompareDataAgreesWithTheIndicatorsAndLoadsAsScripts() throws {
        let site = try buildSite()
        let text = try read(site.appendingPathComponent("donnees/territoires/commune-99001.js"))
        XCTAssertTrue(text.hasPrefix("(window.PORTRAITS_DATA = window.PORTRAITS_DATA || {})[\"commune-99001\"] = "))
        let data = try scriptJSON(text)
        XCTAssertEqual(data["name"] as? String, "Aval-lès-Bains")
        XCTAssertEqual(data["area"] as? Double, 100)
        let period = (data["periods"] as! [String: Any])["2019-2021"] as! [String: Any]
        let values = period["values"] as! [String: Any]
        XCTAssertEqual(values["consommation_ha"] as? Double, 50, "50 ha of crops became housing")
        XCTAssertEqual(values["consommation_ha_an"] as? Double, 25)
        XCTAssertEqual(period["path"] as? String, "commune/99001/2019-2021.html")
        let stock = data["stock"] as! [String: [Double]]
        XCTAssertEqual(stock["2021"]!.reduce(0, +), 100, accuracy: 1e-9, "the composition covers the commune")
        // The page's metadata: inline JSON with the same indicator ids.
        let html = try read(site.appendingPathComponent("comparer.html"))
        let start = html.range(of: "<script type=\"application/json\" id=\"comparer-meta\">")!.upperBound
        let end = html.range(of: "</script>", range: start..<html.endIndex)!.lowerBound
        let meta = try JSONSerialization.jsonObject(with: Data(html[start..<end].utf8)) as! [String: Any]
        XCTAssertEqual((meta["indicators"] as! [[String: Any]]).map { $0["id"] as! String }, IndicatorSummary.definitions.map(\.id))
        XCTAssertEqual(meta["defaultPeriod"] as? String, "2019-2021")
        XCTAssertEqual((meta["classes"] as! [[String: Any]]).count, stock["2021"]!.count)
        // A portrait links to the compare page with itself chosen.
        XCTAssertTrue(try read(site.appendingPathComponent("commune/99001/2019-2021.html")).contains("comparer.html?t=commune-99001&amp;p=2019-2021"))
    }

    func testExplorerStacksMapsAndTheExtraLayerOfTheSameSize() throws {
        let site = try buildSite()
        let folder = site.appendingPathComponent("commune/99001")
        let html = try read(folder.appendingPathComponent("explorateur.html"))
        XCTAssertTrue(html.contains("src=\"carte-2019.svg\""))
        XCTAssertTrue(html.contains("src=\"carte-2021.svg\""))
        XCTAssertTrue(html.contains("class=\"explorer-range\" type=\"range\""))
        XCTAssertTrue(html.contains("src=\"carte-changements-2019-2021.svg\""))
        XCTAssertTrue(html.contains("src=\"couche-zonage-plu.svg\""))
        XCTAssertTrue(html.contains(">U</span>") && html.contains(">AU</span>"), "legend of the layer's categories")
        func size(_ name: String) throws -> String {
            let svg = try read(folder.appendingPathComponent(name))
            let w = svg.range(of: "width=\"")!.upperBound
            return String(svg[w...].prefix { $0 != "\"" }) + "×" + String(svg[svg.range(of: "height=\"")!.upperBound...].prefix { $0 != "\"" })
        }
        XCTAssertEqual(try size("couche-zonage-plu.svg"), try size("carte-2021.svg"), "the layer stacks exactly over the map")
        XCTAssertEqual(try size("carte-2019.svg"), try size("carte-2021.svg"))
        let overlay = try read(folder.appendingPathComponent("couche-zonage-plu.svg"))
        XCTAssertFalse(overlay.contains("fill=\"rgb(100%, 100%, 100%)\"") && overlay.contains("<rect x=\"0\" y=\"0\""), "transparent background")
        // The portrait links to its explorer.
        XCTAssertTrue(try read(folder.appendingPathComponent("2019-2021.html")).contains("href=\"explorateur.html\""))
    }

    func testDownloadsInCSVXLSXAndGeoPackageStateSourcesAndAgree() throws {
        let site = try buildSite()
        let bytes = try Data(contentsOf: site.appendingPathComponent("donnees/communes-indicateurs.csv"))
        XCTAssertEqual(Array(bytes.prefix(3)), [0xEF, 0xBB, 0xBF], "UTF-8 BOM")
        let csv = String(decoding: bytes.dropFirst(3), as: UTF8.self)
        XCTAssertTrue(csv.hasPrefix("code;nom;code_epci;code_departement;periode;surface_ha;consommation_ha;"), String(csv.prefix(120)))
        XCTAssertTrue(csv.contains("\r\n99001;Aval-lès-Bains;200000001;99;2019-2021;100,00;50,00;25,00;"), csv)
        XCTAssertTrue(csv.contains("source;Licence : Licence Ouverte"))
        XCTAssertTrue(csv.contains("source;Source de test (Licence Ouverte)"))
        let stock = try read(site.appendingPathComponent("donnees/communes-occupation-du-sol.csv"))
        XCTAssertTrue(stock.contains("CS1.1.1.1_2021_ha"))
        // XLSX: a zip whose sheets hold typed numbers; one sheet per theme and the sources.
        let xlsx = site.appendingPathComponent("commune/99001/donnees-99001-aval-les-bains.xlsx").path
        let listing = try runTool("/usr/bin/unzip", ["-l", xlsx])
        XCTAssertTrue(listing.contains("xl/worksheets/sheet6.xml"), listing)
        let workbook = try runTool("/usr/bin/unzip", ["-p", xlsx, "xl/workbook.xml"])
        for sheet in ["Consommation d’espaces NAF", "Imperméabilisation", "Occupation du sol", "Mutations", "Sources"] {
            XCTAssertTrue(workbook.contains("name=\"\(sheet)\""), sheet)
        }
        let first = try runTool("/usr/bin/unzip", ["-p", xlsx, "xl/worksheets/sheet1.xml"])
        XCTAssertTrue(first.contains("<v>50</v>"), "consumption 50 ha as a number cell")
        let strings = try runTool("/usr/bin/unzip", ["-p", xlsx, "xl/sharedStrings.xml"])
        XCTAssertTrue(strings.contains("Licence Ouverte"))
        XCTAssertTrue(FileManager.default.fileExists(atPath: site.appendingPathComponent("donnees/communes.xlsx").path))
        // GeoPackage read back with GDAL.
        let gpkg = site.appendingPathComponent("donnees/communes-indicateurs.gpkg").path
        let info = try runTool("/usr/bin/ogrinfo", ["-ro", "-al", "-q", gpkg, "-where", "insee_com = '99001'"])
        XCTAssertTrue(info.contains("consommation_ha_2019_2021 (Real) = 50"), info)
        XCTAssertTrue(info.contains("MULTIPOLYGON"), info)
        let sources = try runTool("/usr/bin/ogrinfo", ["-ro", "-q", gpkg, "-sql", "SELECT description FROM sources"])
        XCTAssertTrue(sources.contains("Licence Ouverte"), sources)
        // The Données page lists them.
        let page = try read(site.appendingPathComponent("donnees/index.html"))
        for f in ["communes-indicateurs.csv", "communes.xlsx", "communes-indicateurs.gpkg", "consommation_ha"] {
            XCTAssertTrue(page.contains(f), f)
        }
    }

    func testPublishingFilesAssetsAndTemplateOverrides() throws {
        let site = try buildSite()
        let sitemap = try read(site.appendingPathComponent("sitemap.xml"))
        XCTAssertTrue(sitemap.contains("<loc>https://example.org/portail/commune/99001/2019-2021.html</loc>"))
        XCTAssertTrue(sitemap.contains("<loc>https://example.org/portail/index.html</loc>"))
        XCTAssertFalse(sitemap.contains("404.html"))
        XCTAssertTrue(try read(site.appendingPathComponent("robots.txt")).contains("Sitemap: https://example.org/portail/sitemap.xml"))
        let notFound = try read(site.appendingPathComponent("404.html"))
        XCTAssertTrue(notFound.contains("href=\"https://example.org/portail/index.html\""), "served at any depth: absolute links")
        // Fingerprinted assets, linked from pages; a project stylesheet added; the footer overridden.
        let assets = try FileManager.default.contentsOfDirectory(atPath: site.appendingPathComponent("assets").path)
        let style = assets.first { $0.hasPrefix("style.") && $0.hasSuffix(".css") }!
        XCTAssertNotEqual(style, "style.css")
        XCTAssertTrue(assets.contains { $0.hasPrefix("portraits.") && $0.hasSuffix(".js") }, "\(assets)")
        XCTAssertTrue(assets.contains { $0.hasPrefix("projet.") && $0.hasSuffix(".css") }, "\(assets)")
        let home = try read(site.appendingPathComponent("index.html"))
        XCTAssertTrue(home.contains("href=\"assets/\(style)\""))
        XCTAssertTrue(home.contains("Pied de page du projet"), "the project's footer replaces the built-in one")
        XCTAssertTrue(try read(site.appendingPathComponent("commune/99001/2019-2021.html")).contains("Pied de page du projet"))
        XCTAssertTrue(home.contains("cartes/commune.svg"), "a map per level")
        // The communes' index lists the départements; each département's page lists its communes.
        let communes = try read(site.appendingPathComponent("commune/index.html"))
        XCTAssertTrue(communes.contains("href=\"../commune/departement-99.html\""), "link to the département's communes")
        let dep = try read(site.appendingPathComponent("commune/departement-99.html"))
        XCTAssertTrue(dep.contains("href=\"../commune/99001/2019-2021.html\">Aval-lès-Bains</a>"))
        XCTAssertTrue(dep.contains("<td class=\"num\">25,0</td>"), "Aval's consumption per year, 25 ha/an")
    }

    func testDocumentationHasAnchorsContentsAndTheNomenclaturePage() throws {
        let site = try buildSite()
        let doc = try read(site.appendingPathComponent("doc/methode.html"))
        XCTAssertTrue(doc.contains("<nav class=\"toc\""))
        XCTAssertTrue(doc.contains("<h2 id=\"surfaces\">Surfaces</h2>"))
        XCTAssertTrue(doc.contains("href=\"#surfaces\""))
        let nomenclature = try read(site.appendingPathComponent("doc/nomenclature.html"))
        XCTAssertTrue(nomenclature.contains("CS1.1.1.1"))
        XCTAssertTrue(nomenclature.contains("style=\"background:#"), "colour swatches")
        XCTAssertTrue(nomenclature.contains("id=\"correspondances\""))
        XCTAssertTrue(nomenclature.contains("id=\"matrice\""))
    }

    func testABadPostalCodeNamesTheFileAndLine() throws {
        let dir = try temporaryFolder(self)
        try "insee_com,code_postal\n99001,99100\n99002,9920\n".write(to: dir.appendingPathComponent("cp.csv"), atomically: true, encoding: .utf8)
        let source = ProjectConfig.PostalCodeSource(file: dir.appendingPathComponent("cp.csv").path, commune: "insee_com", code: "code_postal")
        XCTAssertThrowsError(try PostalCodes.read(source, communes: ["99001", "99002"])) { e in
            XCTAssertTrue("\(e)".contains("cp.csv, line 3"), "\(e)")
            XCTAssertTrue("\(e)".contains("9920"), "\(e)")
        }
    }
}
