import Foundation
import XCTest
@testable import PortraitsCore
@testable import PortraitsDemo
@testable import PortraitsGeo
@testable import PortraitsModel
@testable import PortraitsProject
@testable import PortraitsSite

/// `portraits init` on downloads shaped as IGN's (`IGNDeliveries`: ADMIN EXPRESS Shapefiles, one
/// OCS GE GeoPackage per département and millésime in IGN's folders), then a build of what it
/// wrote, without edits.
final class InitTests: XCTestCase {
    func testInitOnIGNDownloadsWritesAProjectThatBuildsWithTheRightAreas() throws {
        let dir = try temporaryFolder(self)
        let downloads = dir.appendingPathComponent("telechargements").path
        try IGNDeliveries.write(into: downloads)
        let project = dir.appendingPathComponent("projet")
        let printed = try ProjectInit.run(communes: IGNDeliveries.adminExpressFolder(downloads), landCover: [downloads], into: project.path)
        for fragment in ["Communes: 18 in ", "epci: code SIREN_EPCI, names from ", "EPCI.shp (CODE_SIREN → NOM)",
                         "Land cover: 4 files", "millésime 2018 (field MILLESIME), département 98",
                         "Millésimes: 2018, 2021 in every département (98, 99)", "Nomenclature: cnig (built in), every code found is one of its classes",
                         "Next: cd \(project.path) && portraits build"] {
            XCTAssertTrue(printed.contains(fragment), "«\(fragment)» in:\n\(printed)")
        }
        let yaml = try read(project.appendingPathComponent("portraits.yaml"))
        XCTAssertTrue(yaml.contains("- files: \"../telechargements/**/OCCUPATION_SOL.gpkg\""), "paths from the project's folder:\n\(yaml)")
        XCTAssertTrue(yaml.contains("millesime_field: \"MILLESIME\"\n      layer: \"occupation_sol\""), yaml)
        XCTAssertTrue(yaml.contains("nomenclature: cnig"), yaml)
        // The generic pages, without what only the demonstration says of itself; the templates, ready to change.
        let pages = try FileManager.default.contentsOfDirectory(atPath: project.appendingPathComponent("Content").path)
        for page in ["a-propos.md", "mentions-legales.md", "accessibilite.md", "guide.md", "donnees.md", "licence.md", "methode-stock.md"] {
            XCTAssertTrue(pages.contains(page), page)
        }
        for page in pages {
            let text = try read(project.appendingPathComponent("Content/\(page)"))
            XCTAssertFalse(text.lowercased().contains("démonstration"), page)
        }
        XCTAssertTrue(try read(project.appendingPathComponent("Content/mentions-legales.md")).contains("Modèle à compléter"))
        XCTAssertTrue(FileManager.default.fileExists(atPath: project.appendingPathComponent("Templates/portrait.mustache").path))
        XCTAssertTrue(FileManager.default.fileExists(atPath: project.appendingPathComponent("Templates/assets/style.css").path))

        // The build, then each commune's stock by class against GDAL's SQLite dialect with SpatiaLite:
        // the polygons of both files (a polygon in both, byte for byte, counted once), cut by the commune.
        // (SpatiaLite's intersection with the union of a class loses some of it: per polygon it does not.)
        let config = project.appendingPathComponent("portraits.yaml").path
        let out = dir.appendingPathComponent("site")
        _ = try SiteBuilder.build(configPath: config, output: out.path, quiet: true)
        for page in ["index.html", "commune/98007/2018-2021.html", "commune/99063/2018-2021.html", "epci/200000982/2018-2021.html", "region/97/2018-2021.html"] {
            XCTAssertTrue(FileManager.default.fileExists(atPath: out.appendingPathComponent(page).path), page)
        }
        let loaded = try ProjectLoader.load(config: try ProjectConfig.load(path: config), reporter: StageReporter(BuildStage.check, quiet: true))
        let merged = dir.appendingPathComponent("merged.gpkg").path
        let ae = IGNDeliveries.adminExpressFolder(downloads)
        _ = try runTool("/usr/bin/ogr2ogr", ["-f", "GPKG", merged, "\(ae)/COMMUNE.shp", "-nln", "communes"])
        var compared = 0
        for (m, year) in loaded.layout.millesimes.enumerated() {
            for d in IGNDeliveries.departements {
                _ = try runTool("/usr/bin/ogr2ogr", ["-append", "-nln", "ocs\(year)", merged, IGNDeliveries.landCoverFile(downloads, departement: d.code, year: year), "occupation_sol"])
            }
            compared += try compareStocks(loaded, millesime: m, year: year, merged: merged, departement: nil)
        }
        XCTAssertGreaterThan(compared, 200)
    }

    func testInitRefusesToReplaceAProjectAndKeepsEditedPages() throws {
        let dir = try temporaryFolder(self)
        let downloads = dir.appendingPathComponent("dl").path
        try IGNDeliveries.write(into: downloads)
        let args = (IGNDeliveries.adminExpressFolder(downloads), [downloads], dir.appendingPathComponent("p").path)
        _ = try ProjectInit.run(communes: args.0, landCover: args.1, into: args.2)
        let page = dir.appendingPathComponent("p/Content/a-propos.md")
        try "# Notre portail\n".write(to: page, atomically: true, encoding: .utf8)
        XCTAssertThrowsError(try ProjectInit.run(communes: args.0, landCover: args.1, into: args.2)) { e in
            XCTAssertTrue("\(e)".contains("portraits.yaml: already exists"), "\(e)")
        }
        let again = try ProjectInit.run(communes: args.0, landCover: args.1, into: args.2, force: true)
        XCTAssertTrue(again.contains("0 files written, 36 already there and kept") || again.contains("already there and kept"), again)
        XCTAssertEqual(try read(page), "# Notre portail\n")
    }

    func testInitNamesWhatItCannotUse() throws {
        let dir = try temporaryFolder(self)
        let downloads = dir.appendingPathComponent("dl").path
        try IGNDeliveries.write(into: downloads)
        let ae = IGNDeliveries.adminExpressFolder(downloads)
        // Land cover that is not: ADMIN EXPRESS alone has no CODE_CS.
        XCTAssertThrowsError(try ProjectInit.run(communes: ae, landCover: [ae], into: dir.appendingPathComponent("p").path)) { e in
            XCTAssertTrue("\(e)".contains("no land-cover layer found"), "\(e)")
        }
        // Communes without the membership's codes.
        let plain = dir.appendingPathComponent("plain.gpkg").path
        let w = try VectorWriter(path: plain, layer: "communes", fields: [("INSEE_COM", .string), ("NOM", .string)])
        try w.add(["98007", "Aubelle"], wkb: try GEOSContext().polygon(PolygonRings(rings: [[Point(880_000, 6_850_000), Point(881_000, 6_850_000), Point(881_000, 6_851_000)]])).wkb)
        try w.close()
        XCTAssertThrowsError(try ProjectInit.run(communes: plain, landCover: [downloads], into: dir.appendingPathComponent("p").path)) { e in
            XCTAssertTrue("\(e)".contains("no field with the EPCI's SIREN"), "\(e)")
        }
        XCTAssertFalse(FileManager.default.fileExists(atPath: dir.appendingPathComponent("p/portraits.yaml").path), "nothing written")
    }

    /// IGN's national OCS GE: each département photographed in its own years (98 in 2018 and
    /// 2021, 99 in 2019 and 2023). init says so, the build makes portraits by rank: each commune
    /// with its own years, the EPCI across the border summing both, its rate per year made
    /// commune by commune; every commune's stock checked against GDAL's SQL on its own file.
    func testDepartementsWithDifferentMillesimesBuildByRank() throws {
        let dir = try temporaryFolder(self)
        let downloads = dir.appendingPathComponent("telechargements").path
        let years = [[2018, 2021], [2019, 2023]]
        try IGNDeliveries.write(into: downloads, millesimes: years)
        let project = dir.appendingPathComponent("projet")
        let printed = try ProjectInit.run(communes: IGNDeliveries.adminExpressFolder(downloads), landCover: [downloads], into: project.path)
        XCTAssertTrue(printed.contains("Millésimes by département: 98: 2018, 2021; 99: 2019, 2023 (portraits by rank: each commune's own years)"), printed)
        XCTAssertTrue(try read(project.appendingPathComponent("portraits.yaml")).contains("# periods: [[1, 2]]   # by rank"))

        let config = project.appendingPathComponent("portraits.yaml").path
        let out = dir.appendingPathComponent("site")
        _ = try SiteBuilder.build(configPath: config, output: out.path, quiet: true)
        // A page's text as a reader sees it: without its drawings and scripts (whose numbers may hold "2023").
        func page(_ path: String) throws -> String {
            try read(out.appendingPathComponent(path))
                .replacingOccurrences(of: "<svg[\\s\\S]*?</svg>|<script[\\s\\S]*?</script>", with: "", options: .regularExpression)
        }
        // A commune of each département: its own years, never the other's.
        let west = try page("commune/98007/millesimes-1-2.html"), east = try page("commune/99063/millesimes-1-2.html")
        XCTAssertTrue(west.contains("Entre 2018 et 2021, "), "98007")
        XCTAssertTrue(east.contains("Entre 2019 et 2023, "), "99063")
        // Its own figures have only its years; its parents' rows in the comparison say theirs.
        let comparison = try XCTUnwrap(west.range(of: "<section aria-labelledby=\"titre-comparaison\">[\\s\\S]*?</section>", options: .regularExpression))
        let own = west.replacingCharacters(in: comparison, with: "")
        XCTAssertFalse(own.contains("2023") || own.contains("2019–"), "98007 shows only its years")
        XCTAssertTrue(west[comparison].contains("Indicateurs clés, chaque territoire sur ses propres années"))
        XCTAssertTrue(west[comparison].contains("<span class=\"code\">2018–2021 ou 2019–2023</span>"), "the région's row says its years")
        XCTAssertTrue(east.contains("Carte de l’occupation du sol en 2023"))
        // The EPCI across the border (columns 2 and 3): both pairs of years, said as such.
        let epci = try page("epci/200000982/millesimes-1-2.html")
        XCTAssertTrue(epci.contains("Entre 2018 et 2021 (3 communes) et entre 2019 et 2023 (3 communes), "), "the key message says both")
        XCTAssertTrue(epci.contains("les rythmes par an sont calculés commune par commune"))
        // Its members' table: each commune with its own years.
        XCTAssertTrue(epci.contains("<span class=\"code\">2018–2021</span>") && epci.contains("<span class=\"code\">2019–2023</span>"), "members' years")
        XCTAssertTrue(epci.contains("Carte de l’occupation du sol en 2021 ou 2023 selon les communes"))
        XCTAssertFalse(epci.contains("Occupation du sol en 2021 et") || epci.contains("en 2021 :"), "no sum over 2021 and 2023 presented as 2021")
        let home = try page("index.html")
        XCTAssertTrue(home.contains("1er millésime : 2018 (Ouest-Exemple), 2019 (Est-Exemple)"), String(home.components(separatedBy: "Millésimes de").last!.prefix(400)))
        // A département's members table where one member (the EPCI) sums two départements' years.
        XCTAssertTrue(try page("departement/98/millesimes-1-2.html").contains("Chiffres clés des territoires membres, chacun sur ses propres années"))
        // The EPCI's atlas: each fiche's footer says the commune's own years; the portrait's fits on one line.
        let atlas = try FileManager.default.contentsOfDirectory(atPath: out.appendingPathComponent("epci/200000982").path).first { $0.hasPrefix("atlas-") }!
        let atlasText = try runTool("/usr/bin/pdftotext", ["-layout", out.appendingPathComponent("epci/200000982/\(atlas)").path, "-"])
        XCTAssertTrue(atlasText.contains("fiche de Gondreville-sur-Aube · période 2018–2021 "), "a fiche's footer")
        XCTAssertFalse(atlasText.contains("fiche de Gondreville-sur-Aube · période 2018–2021 ou"), "not the group's years")
        // The folder address and the explorer link to the rank pages.
        XCTAssertTrue(try page("epci/200000982/index.html").contains("millesimes-1-2.html"))

        // Rates per year commune by commune: 3 years in 98, 4 in 99.
        let loaded = try ProjectLoader.load(config: try ProjectConfig.load(path: config), reporter: StageReporter(BuildStage.check, quiet: true))
        XCTAssertTrue(loaded.layout.ranked)
        XCTAssertEqual(loaded.layout.periods, [Period(1, 2)])
        let store = try IndicatorStore(project: loaded)
        let e = try XCTUnwrap(loaded.catalog[TerritoryID(.epci, "200000982")])
        let members = e.communeIndices.map { TerritoryID(.commune, loaded.catalog.communes[$0].code) }
        let sumOfRates = members.reduce(0) { $0 + store.headline($1, 0)!.consumptionPerYear }
        let h = try XCTUnwrap(store.headline(e.id, 0))
        XCTAssertEqual(h.consumptionPerYear, sumOfRates, accuracy: 1e-6)
        XCTAssertGreaterThan(h.consumption, 0)
        XCTAssertGreaterThan(abs(h.consumptionPerYear - h.consumption / 3), 100, "not the total over 3 years")
        XCTAssertGreaterThan(abs(h.consumptionPerYear - h.consumption / 4), 100, "nor over 4")
        // The downloads: the EPCI's rows list both periods; a commune its own.
        let indicators = try page("donnees/epci-indicateurs.csv")
        XCTAssertTrue(indicators.contains(";2018-2021;2019-2023;") == false && indicators.contains("2018-2021;2019-2023"), indicators)

        // Each commune's stock at each rank against GDAL's SQL on its département's file of that year.
        let merged = dir.appendingPathComponent("merged.gpkg").path
        _ = try runTool("/usr/bin/ogr2ogr", ["-f", "GPKG", merged, "\(IGNDeliveries.adminExpressFolder(downloads))/COMMUNE.shp", "-nln", "communes"])
        var compared = 0
        for (d, dep) in IGNDeliveries.departements.enumerated() {
            for (rank, year) in years[d].enumerated() {
                _ = try runTool("/usr/bin/ogr2ogr", ["-append", "-nln", "ocs\(year)", merged, IGNDeliveries.landCoverFile(downloads, departement: dep.code, year: year), "occupation_sol"])
                for (i, commune) in loaded.catalog.communes.enumerated() where commune.departement.code == dep.code {
                    XCTAssertEqual(loaded.years(TerritoryID(.commune, commune.code)).millesimes[rank]?.single, year, "\(commune.code)'s rank \(rank + 1)")
                }
                compared += try compareStocks(loaded, millesime: rank, year: year, merged: merged, departement: dep.code)
            }
        }
        XCTAssertGreaterThan(compared, 200)
    }

    /// A national ADMIN EXPRESS and the land cover of some départements: init keeps the communes
    /// of those départements only (communes.where), and the title names them.
    func testInitKeepsTheCommunesOfTheDepartementsDelivered() throws {
        let dir = try temporaryFolder(self)
        let downloads = dir.appendingPathComponent("dl").path
        try IGNDeliveries.write(into: downloads)
        for year in [2018, 2021] {
            let folder = URL(fileURLWithPath: IGNDeliveries.landCoverFile(downloads, departement: "99", year: year))
            try FileManager.default.removeItem(at: folder.deletingLastPathComponent().deletingLastPathComponent().deletingLastPathComponent().deletingLastPathComponent())
        }
        let project = dir.appendingPathComponent("p")
        let printed = try ProjectInit.run(communes: IGNDeliveries.adminExpressFolder(downloads), landCover: [downloads], into: project.path)
        XCTAssertTrue(printed.contains("Communes: 9 of the 18 in "), printed)
        XCTAssertTrue(printed.contains("only the départements of the land cover (98)"), printed)
        let yaml = try read(project.appendingPathComponent("portraits.yaml"))
        XCTAssertTrue(yaml.contains("  where: \"INSEE_DEP IN ('98')\""), yaml)
        XCTAssertTrue(yaml.contains("title: \"Portraits de territoires — Ouest-Exemple\""), yaml)
        let loaded = try ProjectLoader.load(config: try ProjectConfig.load(path: project.appendingPathComponent("portraits.yaml").path),
                                            reporter: StageReporter(BuildStage.check, quiet: true))
        XCTAssertEqual(loaded.catalog.communes.count, 9)
        XCTAssertEqual(Set(loaded.catalog.communes.map(\.departement.code)), ["98"])
    }

    /// Land cover in folders that do not name its département: the départements half of whose
    /// communes meet its extent; land cover that meets no commune is refused.
    func testInitFindsTheDepartementsFromTheExtentWhenTheFoldersDoNotSay() throws {
        let dir = try temporaryFolder(self)
        let downloads = dir.appendingPathComponent("dl").path
        try IGNDeliveries.write(into: downloads)
        let ocs = dir.appendingPathComponent("ocs")
        for year in [2018, 2021] {
            try FileManager.default.createDirectory(at: ocs.appendingPathComponent("\(year)"), withIntermediateDirectories: true)
            try FileManager.default.copyItem(atPath: IGNDeliveries.landCoverFile(downloads, departement: "98", year: year),
                                             toPath: ocs.appendingPathComponent("\(year)/OCCUPATION_SOL.gpkg").path)
        }
        let project = dir.appendingPathComponent("p")
        let printed = try ProjectInit.run(communes: IGNDeliveries.adminExpressFolder(downloads), landCover: [ocs.path], into: project.path)
        XCTAssertTrue(printed.contains("Communes: 9 of the 18"), printed)
        XCTAssertTrue(printed.contains("the départements the land cover's extent meets (98): check communes.where"), printed)
        XCTAssertTrue(printed.contains("Millésimes: 2018, 2021\n"), printed)
        // Land cover elsewhere: nothing written.
        let far = dir.appendingPathComponent("far.gpkg").path
        let w = try VectorWriter(path: far, layer: "ocs", fields: [("CODE_CS", .string), ("MILLESIME", .string)])
        try w.add(["CS2.2.1", "2021"], wkb: try GEOSContext().polygon(PolygonRings(rings: [[Point(700_000, 7_000_000), Point(701_000, 7_000_000), Point(701_000, 7_001_000)]])).wkb)
        try w.close()
        XCTAssertThrowsError(try ProjectInit.run(communes: IGNDeliveries.adminExpressFolder(downloads), landCover: [far], into: dir.appendingPathComponent("q").path)) { e in
            XCTAssertTrue("\(e)".contains("meets none of the 18 communes"), "\(e)")
        }
        XCTAssertFalse(FileManager.default.fileExists(atPath: dir.appendingPathComponent("q/portraits.yaml").path))
    }

    /// The installed command as a newcomer runs it: `portraits init --example DIR`, then
    /// `portraits build` in DIR.
    func testInitExampleThenBuildWithTheBinary() throws {
        let dir = try temporaryFolder(self).appendingPathComponent("exemple")
        let printed = try runTool(portraitsBinary.path, ["init", "--example", dir.path])
        XCTAssertTrue(printed.contains("Wrote an example of IGN's downloads"), printed)
        _ = try runTool(portraitsBinary.path, ["build", "--quiet"], in: dir)
        XCTAssertTrue(FileManager.default.fileExists(atPath: dir.appendingPathComponent("Output/index.html").path))
        // The example's départements were photographed in different years: pages by rank, the EPCI across them saying both.
        let portrait = try read(dir.appendingPathComponent("Output/epci/200000982/millesimes-1-2.html"))
        XCTAssertTrue(portrait.contains("Communauté d’agglomération de Belleville"))
        XCTAssertTrue(portrait.contains("Entre 2018 et 2021 (3 communes) et entre 2019 et 2023 (3 communes)"))
    }
    /// Each commune's stock by class at layout millésime `m` (of `departement`'s communes, or all)
    /// against GDAL's SQLite dialect with SpatiaLite on table `ocs<year>` of `merged`: the polygons of
    /// the files appended there (a polygon in two files, byte for byte, counted once), cut by the
    /// commune. (SpatiaLite's intersection with the union of a class loses some of it: per polygon it
    /// does not.) Returns the number of (commune, class) pairs compared.
    func compareStocks(_ loaded: Project, millesime m: Int, year: Int, merged: String, departement: String?,
                       file: StaticString = #filePath, line: UInt = #line) throws -> Int {
        let filter = departement.map { " WHERE c.INSEE_DEP = '\($0)'" } ?? ""
        let csv = try runTool("/usr/bin/ogr2ogr", ["-f", "CSV", "/vsistdout/", merged, "-dialect", "SQLite", "-sql",
            "SELECT c.INSEE_COM AS code, o.CODE_CS AS cs, SUM(ST_Area(ST_Intersection(c.geom, o.geom))) AS area FROM communes c JOIN (SELECT DISTINCT CODE_CS, geom FROM ocs\(year)) o ON ST_Intersects(c.geom, o.geom)\(filter) GROUP BY 1, 2"])
        var expected: [String: Double] = [:]
        for row in csv.split(separator: "\n").dropFirst() {
            let f = row.split(separator: ",").map { $0.replacingOccurrences(of: "\"", with: "") }
            expected["\(f[0])|\(f[1])", default: 0] += Double(f[2])! / 10_000
        }
        var compared = 0
        for (i, commune) in loaded.catalog.communes.enumerated() where departement == nil || commune.departement.code == departement {
            for r in Stock.byClass(loaded.tabulation.communeFacts[i], millesime: m, nomenclature: loaded.nomenclature, level: 4) {
                let e = expected.removeValue(forKey: "\(commune.code)|\(r.code)") ?? 0
                XCTAssertEqual(r.area / 10_000, e, accuracy: 0.01, "\(commune.code) \(r.code) \(year)", file: file, line: line)
                compared += 1
            }
        }
        XCTAssertTrue(expected.values.allSatisfy { $0 < 0.01 }, "classes found by SQL and not tabulated: \(expected.filter { $0.value >= 0.01 })", file: file, line: line)
        return compared
    }
}

/// `make install`'s script, with the binary the tests run: the installed tool finds its templates
/// and nomenclatures beside it and builds the Metaleurop example from another folder.
final class InstallTests: XCTestCase {
    func testInstalledBinaryBuildsMetaleuropFromAnotherFolder() throws {
        let dir = try temporaryFolder(self)
        let destdir = dir.appendingPathComponent("dest")
        _ = try runTool("/bin/bash", [repositoryRoot.appendingPathComponent("scripts/install.sh").path, portraitsBinary.deletingLastPathComponent().path, destdir.path, "/opt/portraits"])
        let installed = destdir.appendingPathComponent("opt/portraits/bin/portraits")
        XCTAssertTrue(FileManager.default.isExecutableFile(atPath: installed.path))
        let lib = destdir.appendingPathComponent("opt/portraits/lib/portraits")
        let files = try FileManager.default.contentsOfDirectory(atPath: lib.path)
        XCTAssertTrue(files.contains("libswiftCore.so") && files.contains("libFoundation.so"), "the Swift runtime beside the binary: \(files)")
        let version = try runTool(installed.path, ["--version"])
        XCTAssertTrue(version.contains("built-in templates: \(lib.path)/portraits_PortraitsResources.resources/Templates"), version)

        // The example, moved out of the repository, its pages left behind.
        let project = dir.appendingPathComponent("metaleurop")
        try FileManager.default.createDirectory(at: project, withIntermediateDirectories: true)
        try FileManager.default.copyItem(at: repositoryRoot.appendingPathComponent("examples/metaleurop/data"), to: project.appendingPathComponent("data"))
        let text = try read(repositoryRoot.appendingPathComponent("examples/metaleurop/portraits.yaml"))
            .replacingOccurrences(of: "content: ../../Content\n", with: "")
            .replacingOccurrences(of: "output: ../../Output-metaleurop", with: "output: Output")
        XCTAssertTrue(text.contains("nomenclature: cnig"))
        try text.write(to: project.appendingPathComponent("portraits.yaml"), atomically: true, encoding: .utf8)
        _ = try runTool(installed.path, ["build", "--quiet", "--no-pdf"], in: project)
        let home = try read(project.appendingPathComponent("Output/index.html"))
        XCTAssertTrue(home.contains("Metaleurop"))
        let css = try FileManager.default.contentsOfDirectory(atPath: project.appendingPathComponent("Output/assets").path)
        XCTAssertTrue(css.contains { $0.hasPrefix("style.") && $0.hasSuffix(".css") }, "the built-in assets are published: \(css)")
    }
}
