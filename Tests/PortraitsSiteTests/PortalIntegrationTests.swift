import Foundation
import PortraitsResources
import XCTest
@testable import PortraitsCore
@testable import PortraitsGeo
@testable import PortraitsBench
@testable import PortraitsDownloads
@testable import PortraitsModel
@testable import PortraitsPrint
@testable import PortraitsProject
@testable import PortraitsSite
@testable import PortraitsWeb

/// The portal around the portraits, on a small real site built into a temporary folder: search
/// index with postal codes, compare data, explorer with an extra layer, downloads (CSV, XLSX read
/// back from its XML, GeoPackage read back with GDAL), documentation anchors, nomenclature page,
/// sitemap, robots, 404, fingerprinted assets and template overrides.
final class PortalIntegrationTests: XCTestCase {
    /// Two communes (Aval-lès-Bains 99001, Saint-Amont 99002) of one EPCI: 50 ha of crops become
    /// housing in Aval between 2019 and 2021. A zoning layer (U over Aval's south half, AU beside),
    /// postal codes, and a project `Templates/` overriding the footer.
    func buildSite(extraConfig: String = "", overrideFooter: Bool = true, pdf: Bool = false) throws -> URL {
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
            let builtIn = try read(URL(fileURLWithPath: BuiltInResources.templates).appendingPathComponent("footer.mustache"))
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
        _ = try SiteBuilder.build(configPath: dir.appendingPathComponent("portraits.yaml").path, quiet: true, pdf: pdf)
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

    /// Compares `text` with the golden file `name` (Tests/PortraitsSiteTests/Golden); with
    /// PORTRAITS_UPDATE_GOLDEN=1, writes it instead (then read the diff before committing).
    func assertGolden(_ text: String, _ name: String, file: StaticString = #filePath, line: UInt = #line) throws {
        let golden = URL(fileURLWithPath: #filePath).deletingLastPathComponent().appendingPathComponent("Golden/\(name)")
        if ProcessInfo.processInfo.environment["PORTRAITS_UPDATE_GOLDEN"] == "1" {
            try text.write(to: golden, atomically: true, encoding: .utf8)
            return
        }
        XCTAssertEqual(text, try read(golden), "\(name) differs from its golden file", file: file, line: line)
    }

    /// Contents of a file inside the XLSX (a zip).
    func xlsxPart(_ xlsx: String, _ part: String) throws -> String { try runTool("/usr/bin/unzip", ["-p", xlsx, part]) }

    func testDownloadsAreCleanTablesWithTheSameColumnsEverywhere() throws {
        let site = try buildSite()
        let bytes = try Data(contentsOf: site.appendingPathComponent("donnees/communes-indicateurs.csv"))
        XCTAssertEqual(Array(bytes.prefix(3)), [0xEF, 0xBB, 0xBF], "UTF-8 BOM")
        let csv = String(decoding: bytes.dropFirst(3), as: UTF8.self)
        XCTAssertTrue(csv.hasPrefix("code;nom;code_epci;code_departement;periode;surface_ha;consommation_ha;"), String(csv.prefix(120)))
        XCTAssertTrue(csv.contains("\r\n99001;Aval-lès-Bains;200000001;99;2019-2021;100,00;50,00;25,00;"), csv)
        // A table and nothing else: every line has the header's number of fields, no notes below.
        let lines = csv.split(separator: "\r\n", omittingEmptySubsequences: false).dropLast()
        let width = lines.first!.split(separator: ";", omittingEmptySubsequences: false).count
        XCTAssertEqual(lines.count, 3, "header and the two communes' one period")
        for l in lines { XCTAssertEqual(l.split(separator: ";", omittingEmptySubsequences: false).count, width, String(l)) }
        XCTAssertFalse(csv.contains("Licence"))
        try assertGolden(csv, "communes-indicateurs.csv")
        // Sources, licence, titles and types of the columns: beside the files, W3C CSV on the Web.
        let metadata = try read(site.appendingPathComponent("donnees/csv-metadata.json"))
        try assertGolden(metadata, "donnees-csv-metadata.json")
        let json = try JSONSerialization.jsonObject(with: Data(metadata.utf8)) as! [String: Any]
        XCTAssertTrue((json["dc:source"] as! [String]).contains("Source de test (Licence Ouverte)"))
        let tables = json["tables"] as! [[String: Any]]
        XCTAssertTrue(tables.contains { $0["url"] as? String == "communes-indicateurs.csv" })
        XCTAssertTrue(tables.contains { $0["url"] as? String == "communes-trajectoire-zan.csv" }, "the ZAN trajectory is a download")
        let zan = try read(site.appendingPathComponent("donnees/communes-trajectoire-zan.csv"))
        XCTAssertTrue(zan.contains("consommation_reference_ha;enveloppe_2021_2030_ha;communes_garantie;periode_actuelle;rythme_actuel_ha_an;projection_2021_2030_ha;part_enveloppe_pct;annee_epuisement"), zan)
        // A territory's folder describes its CSV files too; its CSV files are tables only.
        let folder = site.appendingPathComponent("commune/99001")
        let territoryMeta = try read(folder.appendingPathComponent("csv-metadata.json"))
        for f in ["stock-toutes-classes.csv", "mutations-2019-2021.csv", "2019-2021.csv"] {
            XCTAssertTrue(territoryMeta.contains("\"url\" : \"\(f)\""), f)
            XCTAssertFalse(try read(folder.appendingPathComponent(f)).contains("Licence"), f)
        }
        XCTAssertTrue(try read(folder.appendingPathComponent("mutations-2019-2021.csv")).contains(";periode;code_classe_debut;classe_debut;code_classe_fin;classe_fin;surface_ha"))
        // Files of the same shape share their columns' description, once for the site.
        XCTAssertTrue(territoryMeta.contains("\"tableSchema\" : \"../../donnees/schemas/stock.json\""), territoryMeta)
        for schema in ["stock", "mutations", "tableau-periode"] {
            let doc = try JSONSerialization.jsonObject(with: Data(try read(site.appendingPathComponent("donnees/schemas/\(schema).json")).utf8)) as! [String: Any]
            XCTAssertEqual((doc["columns"] as! [[String: Any]]).first?["name"] as? String, "niveau_territoire", schema)
        }
        let stock = try read(site.appendingPathComponent("donnees/communes-occupation-du-sol.csv"))
        XCTAssertTrue(stock.contains("CS1.1.1.1_2021_ha"))
        // XLSX: the same column names, codes as text, numbers typed; header frozen, filtered,
        // titled in comments; whole-word sheet names; the columns and sources sheets.
        let xlsx = site.appendingPathComponent("donnees/communes.xlsx").path
        let workbook = try xlsxPart(xlsx, "xl/workbook.xml")
        for sheet in ["Consommation d’espaces NAF", "Artificialisation", "Imperméabilisation", "Mutations", "Trajectoire ZAN", "Couverture du sol", "Usage du sol", "Colonnes", "Sources"] {
            XCTAssertTrue(workbook.contains("name=\"\(sheet)\""), sheet + " in " + workbook)
        }
        XCTAssertFalse(workbook.contains("name=\"Artificialisation (loi"), "a long name loses its parenthesis, not half a word")
        let first = try xlsxPart(xlsx, "xl/worksheets/sheet1.xml")
        XCTAssertTrue(first.contains("<v>50</v>"), "consumption 50 ha as a number cell")
        XCTAssertTrue(first.contains("<autoFilter ref=\"A1:"), "autofilter on the header row")
        XCTAssertTrue(first.contains("ySplit=\"1\""), "header row frozen")
        let strings = try xlsxPart(xlsx, "xl/sharedStrings.xml")
        for s in ["consommation_ha", "code_epci", "periode", "2019-2021", "99001"] { XCTAssertTrue(strings.contains(">\(s)<"), s) }
        XCTAssertTrue(strings.contains("Licence Ouverte"))
        XCTAssertTrue(try xlsxPart(xlsx, "xl/comments1.xml").contains("Consommation d’espaces NAF (ha)"), "column titles as comments")
        try assertGolden(try XLSXLayout.describe(xlsx), "communes-xlsx-layout.txt")
        let territoryBook = folder.appendingPathComponent("donnees-99001-aval-les-bains.xlsx").path
        XCTAssertTrue(try xlsxPart(territoryBook, "xl/workbook.xml").contains("name=\"Trajectoire ZAN\""))
        // GeoPackage: one layer per level with the same columns, aliases, a default QGIS style.
        let gpkg = site.appendingPathComponent("donnees/indicateurs-territoires.gpkg").path
        let layers = try runTool("/usr/bin/ogrinfo", ["-ro", "-q", gpkg])
        for l in ["communes", "epci", "departements", "regions", "sources", "layer_styles"] { XCTAssertTrue(layers.contains(": \(l)"), l + "\n" + layers) }
        let info = try runTool("/usr/bin/ogrinfo", ["-ro", "-q", gpkg, "communes", "-where", "code = '99001'"])
        XCTAssertTrue(info.contains("consommation_ha (Real) = 50"), info)
        XCTAssertTrue(info.contains("periode (String) = 2019-2021"), info)
        XCTAssertTrue(info.contains("MULTIPOLYGON"), info)
        let aliases = try runTool("/usr/bin/ogrinfo", ["-ro", "-q", gpkg, "-sql",
                                                      "SELECT column_name, name FROM gpkg_data_columns WHERE table_name = 'communes' AND column_name = 'consommation_ha'"])
        XCTAssertTrue(aliases.contains("name (String) = Consommation d’espaces NAF (ha)"), "field alias, as QGIS reads it\n" + aliases)
        let styles = try runTool("/usr/bin/ogrinfo", ["-ro", "-q", gpkg, "-sql", "SELECT f_table_name, useAsDefault, styleQML FROM layer_styles WHERE f_table_name = 'communes'"])
        XCTAssertTrue(styles.contains("useAsDefault (Integer(Boolean)) = 1"), styles)
        XCTAssertTrue(styles.contains("RuleRenderer") && styles.contains("&quot;periode&quot; = '2019-2021'"), styles)
        let sources = try runTool("/usr/bin/ogrinfo", ["-ro", "-q", gpkg, "-sql", "SELECT mention FROM sources"])
        XCTAssertTrue(sources.contains("Licence Ouverte"), sources)
        // The Données page lists them and says how to keep the codes' zeros.
        let page = try read(site.appendingPathComponent("donnees/index.html"))
        for f in ["communes-indicateurs.csv", "communes-trajectoire-zan.csv", "communes.xlsx", "indicateurs-territoires.gpkg", "consommation_ha", "csv-metadata.json", "dtype={\"code\": str"] {
            XCTAssertTrue(page.contains(f), f)
        }
    }

    /// Every territory of every level: the headline figures read back from the GeoPackage (full
    /// values), the CSV, the XLSX, the HTML portrait and the PDF (pdftotext) are the same after rounding.
    func testHeadlineFiguresAreTheSameInEveryFormat() throws {
        let site = try buildSite(pdf: true)
        let gpkg = site.appendingPathComponent("donnees/indicateurs-territoires.gpkg").path
        let fields = ["consommation_ha", "consommation_ha_an", "artificialisation_nette_ha", "part_artificialisee_pct", "part_impermeable_pct"]
        var checked = 0
        for level in [TerritoryLevel.commune, .epci, .departement, .region] {
            let slug = LevelDownloads.slug(level)
            // CSV: a table, read by its header.
            let csv = try read(site.appendingPathComponent("donnees/\(slug)-indicateurs.csv")).replacingOccurrences(of: "\u{FEFF}", with: "")
            let lines = csv.split(separator: "\r\n").map { $0.split(separator: ";", omittingEmptySubsequences: false).map(String.init) }
            let header = lines[0]
            // XLSX: the first sheet (consumption) and the artificialisation sheet, by header.
            let xlsx = site.appendingPathComponent("donnees/\(slug).xlsx").path
            let sheets = try (1...3).map { try XLSXLayout.cells(xlsx, sheet: $0) }
            for row in lines.dropFirst() {
                let code = row[header.firstIndex(of: "code")!], period = row[header.firstIndex(of: "periode")!]
                let geo = try runTool("/usr/bin/ogrinfo", ["-ro", "-q", gpkg, "-sql",
                                                          "SELECT \(fields.joined(separator: ", ")) FROM \(slug) WHERE code = '\(code)' AND periode = '\(period)'"])
                var value: [String: Double] = [:]
                for f in fields {
                    let line = geo.split(separator: "\n").first { $0.contains(" \(f) (Real) = ") }
                    value[f] = line.flatMap { Double($0.components(separatedBy: " = ").last!) }
                    XCTAssertNotNil(value[f], "\(slug) \(code): \(f) in the GeoPackage\n\(geo)")
                }
                for f in fields {
                    let v = value[f] ?? .nan
                    XCTAssertEqual(Double(row[header.firstIndex(of: f)!].replacingOccurrences(of: ",", with: "."))!, v, accuracy: 0.005, "\(slug) \(code) \(f): CSV")
                    let sheet = sheets.first { $0.first?.contains(f) == true }!
                    let xrow = sheet.first { $0.first == code && $0.contains(period) }!
                    XCTAssertEqual(Double(xrow[sheet[0].firstIndex(of: f)!])!, v, accuracy: 1e-6, "\(slug) \(code) \(f): XLSX")
                }
                // The page and the printed portrait say them the same way.
                let folder = site.appendingPathComponent("\(level.rawValue)/\(code)")
                let html = try read(folder.appendingPathComponent("\(period).html"))
                let consumption = Fmt.ha(value["consommation_ha"]! * 10_000)
                XCTAssertTrue(html.contains(consumption), "\(slug) \(code): \(consumption) on the page")
                let pdfName = try FileManager.default.contentsOfDirectory(atPath: folder.path).first { $0.hasPrefix("portrait-") && $0.hasSuffix("-\(period).pdf") }!
                let text = try runTool("/usr/bin/pdftotext", ["-f", "1", "-l", "1", folder.appendingPathComponent(pdfName).path, "-"])
                    .replacingOccurrences(of: "\u{202F}", with: " ").replacingOccurrences(of: "\u{00A0}", with: " ")
                func plain(_ s: String) -> String { s.replacingOccurrences(of: "\u{202F}", with: " ").replacingOccurrences(of: "\u{00A0}", with: " ") }
                // Page 1's message, in its order: consumption, then net artificialisation; the pace
                // and the artificialised and sealed shares in their captions.
                let figures = text.split(separator: "\n").map { $0.trimmingCharacters(in: .whitespaces) }
                    .filter { $0.range(of: "^[+−-]?[0-9][0-9 ]*,[0-9] (ha|%)$", options: .regularExpression) != nil }
                XCTAssertEqual(Array(figures.prefix(2)), [consumption, Fmt.signedHa(value["artificialisation_nette_ha"]! * 10_000)].map(plain),
                               "\(slug) \(code): key figures on page 1 of \(pdfName)\n\(text)")
                let prose = text.split(whereSeparator: \.isWhitespace).joined(separator: " ")
                let pace = plain(Fmt.ha(value["consommation_ha_an"]! * 10_000))
                XCTAssertTrue(prose.contains("soit \(pace) par an"), "\(slug) \(code): pace \(pace) on page 1")
                for (f, what) in [("part_artificialisee_pct", "artificialisé"), ("part_impermeable_pct", "imperméabilisé")] {
                    let share = plain(Fmt.pct(value[f]! / 100))
                    XCTAssertTrue(prose.contains("\(share) du territoire \(what)"), "\(slug) \(code): \(share) \(what) on page 1\n\(prose)")
                }
                XCTAssertTrue(html.contains("class=\"key-message\""), "\(slug) \(code): the message on the page")
                checked += 1
            }
        }
        XCTAssertEqual(checked, 5, "2 communes, 1 EPCI, 1 département, 1 région")
    }

    /// Each chart of a portrait is inlined laid out for a desktop column and for a phone (the
    /// matrix, without a phone layout, on wide screens only), its text as <text>; each map file is
    /// the map frame alone, its legend and source written in the page.
    func testChartsHaveAPhoneLayoutAndMapsTheirLegendInThePage() throws {
        let site = try buildSite()
        let page = try read(site.appendingPathComponent("commune/99001/2019-2021.html"))
        for id in ["graphique-stock", "graphique-evolution", "graphique-consumption", "graphique-zan", "graphique-comparison"] {
            XCTAssertTrue(page.contains("class=\"chart chart-wide\" id=\"\(id)\""), id)
            XCTAssertTrue(page.contains("class=\"chart chart-narrow\" id=\"\(id)-etroit\""), id)
        }
        XCTAssertTrue(page.contains("class=\"chart wide-only\" id=\"graphique-mutations-matrice\""))
        XCTAssertTrue(page.contains("<figure class=\"wide-only\">"))
        XCTAssertFalse(page.contains("<symbol"), "no glyph outlines: chart text is text")
        XCTAssertTrue(page.contains(">Peuplement de feuillus</text>"))
        // The map and the change map: their legend in the page, the file without it.
        XCTAssertEqual(page.components(separatedBy: "<div class=\"map-legend\">").count - 1, 2)
        XCTAssertTrue(page.contains("<li><span class=\"swatch\" style=\"background:#80ff00\"></span>Peuplement de feuillus</li>"), "legend entry")
        let map = try read(site.appendingPathComponent("commune/99001/carte-2021.svg"))
        XCTAssertTrue(map.contains("width=\"460px\""), String(map.prefix(300)))
        XCTAssertFalse(map.contains("Peuplement"), "the legend is not in the file")
        XCTAssertTrue(map.contains(">N</text>") && map.contains("font-size=\"15\""), "north arrow and scale at 15 px")
        let explorer = try read(site.appendingPathComponent("commune/99001/explorateur.html"))
        XCTAssertTrue(explorer.contains("<div class=\"map-legend\">"))
        let level = try read(site.appendingPathComponent("epci/index.html"))
        XCTAssertTrue(level.contains("<div class=\"map-legend\">"), "the level map's legend")
        // Each territory's area on the level map links to its portrait, in the map frame's pixels.
        XCTAssertTrue(level.contains("<svg class=\"map-links\" viewBox=\"0 0 460 "), "link areas over the map")
        XCTAssertTrue(level.contains("<a href=\"../epci/200000001/2019-2021.html\" tabindex=\"-1\"><title>CC Test</title><path d=\"M"))
        // A tap on a map asks its pieces: marked on the page's maps and the explorer's, written beside them.
        XCTAssertEqual(page.components(separatedBy: "<img class=\"map\" data-polygones src=").count - 1, 2)
        XCTAssertEqual(explorer.components(separatedBy: "<img data-polygones src=").count - 1, 2)
        XCTAssertFalse(level.contains("data-polygones"), "a level map has links, not pieces")
        let pieces = try read(site.appendingPathComponent("commune/99001/carte-polygones.js"))
        XCTAssertTrue(pieces.hasPrefix("portraitsMapPieces({\"w\":460,\"h\":"), String(pieces.prefix(100)))
        XCTAssertTrue(pieces.contains("\"millesimes\":[2019,2021],\"millesimeLabels\":[\"2019\",\"2021\"],\"periods\":[\"2019-2021\"]"), String(pieces.prefix(300)))
        XCTAssertTrue(pieces.contains("[\"CS2.1.1.1\",\"Peuplement de feuillus\",\"#80ff00\"]"))
        XCTAssertTrue(pieces.contains("\"grid\":[1,1]") && pieces.hasSuffix("]});\n"), "one tile, its pieces inline")
    }

    /// An EPCI's portrait lists its communes with their key figures for the view, sortable (data-sort
    /// values for the script; a plain table without it), each linking to its portrait.
    func testUpperLevelsListTheirMembersWithTheirFigures() throws {
        let site = try buildSite()
        let page = try read(site.appendingPathComponent("epci/200000001/2019-2021.html"))
        guard let start = page.range(of: "<table class=\"members\" data-sortable>"), let end = page.range(of: "</table>", range: start.upperBound..<page.endIndex) else {
            return XCTFail("no member table")
        }
        let table = String(page[start.lowerBound..<end.upperBound])
        XCTAssertEqual(table.components(separatedBy: "<tr><th scope=\"row\">").count - 1, 2, "two communes")
        XCTAssertTrue(table.contains("<a href=\"../../commune/99001/2019-2021.html\">Aval-lès-Bains</a>"))
        XCTAssertTrue(table.contains("<td class=\"num\" data-sort=\"250000.000000\">25,0\u{00A0}ha</td>"), "Aval's consumption per year, 25 ha/an")
        XCTAssertTrue(table.contains(">Artificialisation nette par an</th>"))
        let commune = try read(site.appendingPathComponent("commune/99001/2019-2021.html"))
        XCTAssertFalse(commune.contains("class=\"members\""), "a commune has no members")
    }

    func homePage(_ site: URL) -> String { (try? read(site.appendingPathComponent("index.html"))) ?? "" }

    func testPublishingFilesAssetsAndTemplateOverrides() throws {
        let site = try buildSite()
        let sitemap = try read(site.appendingPathComponent("sitemap.xml"))
        XCTAssertTrue(sitemap.contains("<loc>https://example.org/portail/commune/99001/2019-2021.html</loc>"))
        XCTAssertTrue(sitemap.contains("<loc>https://example.org/portail/index.html</loc>"))
        XCTAssertFalse(sitemap.contains("404.html"))
        // Every page of the site is in the sitemap, and nothing else.
        let locs = Set(sitemap.components(separatedBy: "<loc>https://example.org/portail/").dropFirst().map { $0.components(separatedBy: "</loc>")[0] })
        let enumerator = FileManager.default.enumerator(atPath: site.path)!
        let html = Set(enumerator.compactMap { $0 as? String }.filter { $0.hasSuffix(".html") && $0 != "404.html" })
        // Every territory folder has an index.html that sends the browser to its portrait; those
        // redirections are not in the sitemap (the portraits are).
        let folderIndexes = html.filter { $0.split(separator: "/").count == 3 && $0.hasSuffix("/index.html") }
        XCTAssertEqual(folderIndexes.count, 5, "\(folderIndexes.sorted())")
        XCTAssertEqual(locs, html.subtracting(folderIndexes))
        XCTAssertGreaterThan(locs.count, 20)
        let folderIndex = try read(site.appendingPathComponent("commune/99001/index.html"))
        XCTAssertTrue(folderIndex.contains("<meta http-equiv=\"refresh\" content=\"0; url=2019-2021.html\">"))
        XCTAssertTrue(folderIndex.contains("<link rel=\"canonical\" href=\"https://example.org/portail/commune/99001/2019-2021.html\">"))
        XCTAssertTrue(folderIndex.contains("<a href=\"2019-2021.html\">"))
        XCTAssertTrue(try read(site.appendingPathComponent("robots.txt")).contains("Sitemap: https://example.org/portail/sitemap.xml"))
        // The 404 page depends on no address: its style inline, its links relative to the site's
        // root (a script prefixes them when it is served inside a folder), no canonical link.
        let notFound = try read(site.appendingPathComponent("404.html"))
        XCTAssertFalse(notFound.contains("https://example.org"), "no absolute address in the 404 page")
        XCTAssertFalse(notFound.contains("rel=\"stylesheet\""))
        XCTAssertTrue(notFound.contains("<style>") && notFound.contains(".site-header"), "the stylesheet inlined")
        XCTAssertFalse(notFound.contains("@font-face"), "the font's relative address would not resolve")
        XCTAssertTrue(notFound.contains("href=\"index.html\""))
        XCTAssertTrue(notFound.contains("var folders = [\"region\",\"departement\",\"epci\",\"commune\",\"doc\""), "the script knows the site's folders")
        // Every footer links the mentions légales and the accessibility statement, with its status.
        for page in [homePage(site), notFound, folderIndex] {
            XCTAssertTrue(page.contains("doc/mentions-legales.html\">Mentions légales</a>"))
            XCTAssertTrue(page.contains("doc/accessibilite.html\">Accessibilité : non conforme</a>"))
        }
        // Fingerprinted assets, linked from pages; a project stylesheet added; the footer overridden.
        let assets = try FileManager.default.contentsOfDirectory(atPath: site.appendingPathComponent("assets").path)
        let style = assets.first { $0.hasPrefix("style.") && $0.hasSuffix(".css") }!
        XCTAssertNotEqual(style, "style.css")
        XCTAssertTrue(assets.contains { $0.hasPrefix("portraits.") && $0.hasSuffix(".js") }, "\(assets)")
        XCTAssertTrue(assets.contains { $0.hasPrefix("projet.") && $0.hasSuffix(".css") }, "\(assets)")
        let home = try read(site.appendingPathComponent("index.html"))
        XCTAssertTrue(home.contains("href=\"assets/\(style)\""))
        XCTAssertTrue(home.contains("<link rel=\"icon\" href=\"assets/favicon.svg\" type=\"image/svg+xml\">"), "a favicon")
        XCTAssertTrue(assets.contains("favicon.svg"))
        XCTAssertTrue(try read(site.appendingPathComponent("commune/99001/2019-2021.html")).contains("href=\"../../assets/favicon.svg\""))
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
