import Foundation
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

/// Printable portraits built into a temporary folder and opened with poppler's tools: page count
/// and A4 size (pdfinfo), every font embedded (pdffonts), the territory's name and key figures as
/// text (pdftotext), bookmarks; atlases with their summary and fiches; `--no-pdf`.
final class PDFIntegrationTests: XCTestCase {
    static let poppler = "/usr/bin/pdfinfo"

    /// Two communes of one EPCI in one département: 50 ha of crops become housing in Aval.
    func buildSite(pdf: String = "", noPDF: Bool = false, baseURL: String = "https://portraits.observatoire-territoires.fr/") throws -> URL {
        try Self.buildSite(self, pdf: pdf, noPDF: noPDF, baseURL: baseURL)
    }

    static func buildSite(_ test: XCTestCase, pdf: String = "", noPDF: Bool = false, baseURL: String = "https://portraits.observatoire-territoires.fr/") throws -> URL {
        let dir = try temporaryFolder(test)
        let fixture = try TwoCommuneFixture(in: dir, names: ("Aval-lès-Bains", "Amont"))
        try fixture.writeLandCover(in: dir)
        let root = repositoryRoot.path
        try """
        site:
          title: Test PDF
          base_url: \(baseURL)
          attribution: ["Source de test"]
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
        \(pdf)
        """.write(to: dir.appendingPathComponent("portraits.yaml"), atomically: true, encoding: .utf8)
        _ = try SiteBuilder.build(configPath: dir.appendingPathComponent("portraits.yaml").path, quiet: true, pdf: !noPDF)
        return dir.appendingPathComponent("site")
    }

    func testPortraitPDFIsA4WithEmbeddedFontsAndSearchableFigures() throws {
        let site = try buildSite()
        let pdf = site.appendingPathComponent("commune/99001/portrait-99001-aval-les-bains-2019-2021.pdf").path
        XCTAssertTrue(FileManager.default.fileExists(atPath: pdf))
        let info = try runTool("/usr/bin/pdfinfo", [pdf])
        XCTAssertTrue(info.contains("595.276 x 841.89 pts (A4)"), info)
        let pages = Int(info.split(separator: "\n").first { $0.hasPrefix("Pages:") }!.split(separator: " ").last!)!
        XCTAssertGreaterThanOrEqual(pages, 5, info)
        XCTAssertTrue(info.contains("Portrait de territoire : Aval-lès-Bains, 2019–2021"), info)
        let fonts = try runTool("/usr/bin/pdffonts", [pdf]).split(separator: "\n").dropFirst(2)
        XCTAssertFalse(fonts.isEmpty)
        for line in fonts {
            let cols = line.split(separator: " ", omittingEmptySubsequences: true)
            XCTAssertEqual(cols[cols.count - 5], "yes", "font not embedded: \(line)")
        }
        let text = try runTool("/usr/bin/pdftotext", ["-layout", pdf, "-"])
        XCTAssertTrue(text.contains("Aval-lès-Bains"))
        XCTAssertTrue(text.contains("Période 2019–2021"))
        XCTAssertTrue(text.contains("100,0 ha"), "area of the territory")           // 1 000 m × 1 000 m
        XCTAssertTrue(text.contains("50,0 ha"), "consumption")
        XCTAssertTrue(text.contains("d’espaces NAF consommés"))
        for part in ["Évolution par classe", "Mutations entre classes", "Imperméabilisation", "Consommation d’espaces naturels",
                     "Artificialisation", "Comparaison avec les territoires parents", "Méthode et sources", "Source de test"] {
            XCTAssertTrue(text.contains(part), part)
        }
        XCTAssertTrue(text.contains("page 1 / \(pages)"))
        // Bookmarks: the territory (UTF-16, it has an accent), its parts under it; read in qpdf's
        // uncompressed form.
        let raw = try Self.qdf(pdf)
        XCTAssertTrue(raw.contains("/Type /Outlines"))
        XCTAssertTrue(raw.lowercased().contains("/title <feff004100760061006c002d006c00e80073002d004200610069006e0073>"), "Aval-lès-Bains")
        XCTAssertTrue(raw.contains("/Title (Mutations entre classes)"))
        XCTAssertTrue(raw.contains("/URI (https://portraits.observatoire-territoires.fr/commune/99001/2019-2021.html)"), "the online portrait is a link")
        XCTAssertTrue(raw.contains("/Title (M\\351thode et sources)") || raw.lowercased().contains("/title <feff004d00e9"), "Méthode et sources")
        let page = try read(site.appendingPathComponent("commune/99001/2019-2021.html"))
        XCTAssertTrue(page.contains("href=\"portrait-99001-aval-les-bains-2019-2021.pdf\""), "the page links to its PDF")
        // The rank among the EPCI's communes, on the page and in the PDF (the same sentence of the model).
        XCTAssertTrue(page.contains("Parmi les 2 communes de la CC Test"), "rank on the page")
        XCTAssertTrue(text.contains("Parmi les 2 communes de la CC Test"), "rank in the PDF")
    }

    /// The EPCI's atlas: a cover with its contents, the summary of its communes in French order
    /// (key figures, rank, page of the fiche, each row a link to it), the EPCI's portrait, then a
    /// two-page fiche per commune. The département's lists its EPCI and all its communes.
    func testAtlasHasSummaryPortraitAndTwoPageFiches() throws {
        let site = try buildSite()
        let atlas = site.appendingPathComponent("epci/200000001/atlas-200000001-cc-test-2019-2021.pdf").path
        let text = try runTool("/usr/bin/pdftotext", ["-layout", atlas, "-"])
        let pagesText = text.components(separatedBy: "\u{0C}")
        XCTAssertTrue(pagesText[0].contains("Atlas des communes") && pagesText[0].contains("CC Test") && pagesText[0].contains("Contenu"), pagesText[0])
        XCTAssertTrue(pagesText[1].contains("2 communes en chiffres clés"), pagesText[1])
        let summary = pagesText[1]
        let amont = summary.range(of: "Amont")!, aval = summary.range(of: "Aval-lès-Bains")!
        XCTAssertLessThan(amont.lowerBound, aval.lowerBound, "alphabetical order")
        let single = Int(try runTool("/usr/bin/pdfinfo", [site.appendingPathComponent("epci/200000001/portrait-200000001-cc-test-2019-2021.pdf").path])
            .split(separator: "\n").first { $0.hasPrefix("Pages:") }!.split(separator: " ").last!)!
        let pages = Int(try runTool("/usr/bin/pdfinfo", [atlas]).split(separator: "\n").first { $0.hasPrefix("Pages:") }!.split(separator: " ").last!)!
        XCTAssertEqual(pages, 2 + single + 2 * 2, "cover, summary, the EPCI's portrait, two pages per commune")
        // Poppler resolves each row of the summary to the first page of that commune's fiche.
        let xml = try runTool("/usr/bin/pdftohtml", ["-xml", "-stdout", "-i", "-f", "2", "-l", "2", atlas])
        var target: [String: Int] = [:]
        for anchor in xml.components(separatedBy: "<a href=\"").dropFirst() {
            guard let page = Int(anchor.prefix { $0 != "\"" }.split(separator: "#").last ?? ""),
                  let name = anchor.split(separator: ">").dropFirst().first?.split(separator: "<").first else { continue }
            target[String(name)] = target[String(name)] ?? page
        }
        // (poppler may join a name and the next cell into one run: found by its start)
        func link(_ name: String) -> Int? { target.first { $0.key.hasPrefix(name) }?.value }
        XCTAssertEqual(link("Amont"), 3 + single, "\(target)")
        XCTAssertEqual(link("Aval-lès-Bains"), 5 + single, "\(target)")
        for (name, page) in [("Amont", 3 + single), ("Aval-lès-Bains", 5 + single)] {
            let first = try runTool("/usr/bin/pdftotext", ["-f", "\(page)", "-l", "\(page)", atlas, "-"])
            XCTAssertTrue(first.contains("Fiche · Atlas de la CC Test") && first.contains(name) && first.contains("Comparaison avec les territoires parents"), first)
            let second = try runTool("/usr/bin/pdftotext", ["-f", "\(page + 1)", "-l", "\(page + 1)", atlas, "-"])
            XCTAssertTrue(second.contains("Occupation du sol en 2021") && second.contains("Classe") && second.contains("fiche \(FrenchText.de(name))"), second)
        }
        // The contents' links land on the summary, the portrait and the first fiche.
        let cover = try runTool("/usr/bin/pdftohtml", ["-xml", "-stdout", "-i", "-f", "1", "-l", "1", atlas])
        XCTAssertTrue(cover.contains("#2\"") && cover.contains("#3\"") && cover.contains("#\(3 + single)\""), cover)
        let dep = site.appendingPathComponent("departement/99/atlas-99-testdep-2019-2021.pdf").path
        let depText = try runTool("/usr/bin/pdftotext", ["-layout", dep, "-"])
        XCTAssertTrue(depText.contains("Toutes les communes du département (2)") && depText.contains("Fiche · Atlas de Testdép"), depText)
        let epciPage = try read(site.appendingPathComponent("epci/200000001/2019-2021.html"))
        XCTAssertTrue(epciPage.contains("atlas-200000001-cc-test-2019-2021.pdf"))
        XCTAssertTrue(epciPage.contains("fiches de ses 2 communes"))
    }

    /// Every PDF of the site is sound for qpdf (`--check` exits 0, no warning) and opens in
    /// poppler without a warning; it says its language and shows its title.
    func testEveryPDFPassesQpdfCheck() throws {
        let site = try buildSite()
        let pdfs = try FileManager.default.subpathsOfDirectory(atPath: site.path).filter { $0.hasSuffix(".pdf") }.sorted()
        XCTAssertEqual(pdfs.count, 10, "5 portraits, 2 atlases and the council reports of 2 communes and their EPCI")
        for f in pdfs {
            let path = site.appendingPathComponent(f).path
            let (status, out, err) = try runToolStatus("/usr/bin/qpdf", ["--check", path])
            XCTAssertEqual(status, 0, "\(f): \(out) \(err)")
            XCTAssertTrue(err.isEmpty && out.contains("No syntax or stream encoding errors found"), "\(f): \(out) \(err)")
            let poppler = try runToolStatus("/usr/bin/pdftotext", [path, "/dev/null"])
            XCTAssertEqual(poppler.status, 0)
            XCTAssertEqual(poppler.err, "", "\(f): poppler warns")
            let raw = try Self.qdf(path)
            XCTAssertTrue(raw.contains("/Lang (fr-FR)"), f)
            XCTAssertTrue(raw.contains("/DisplayDocTitle true"), f)
            let info = try runTool("/usr/bin/pdfinfo", [path])
            XCTAssertTrue(info.contains("Tagged:          yes") && info.contains("Metadata Stream: yes"), "\(f): \(info)")
            // Every figure of the structure tree has its text alternative.
            XCTAssertEqual(raw.components(separatedBy: "/S /Figure").count, raw.components(separatedBy: "/Alt ").count, f)
        }
    }

    /// The structure tree read back by poppler: headings, paragraphs, tables with header cells,
    /// figures with the web page's text alternative; the XMP metadata says the title and the
    /// language.
    func testTaggedStructureAndMetadata() throws {
        let site = try buildSite()
        let pdf = site.appendingPathComponent("commune/99001/portrait-99001-aval-les-bains-2019-2021.pdf").path
        XCTAssertTrue(try runTool("/usr/bin/pdfinfo", [pdf]).contains("Tagged:          yes"))
        let tree = try runTool("/usr/bin/pdfinfo", ["-struct-text", pdf])
        let elements = Set(tree.split(separator: "\n").map { $0.trimmingCharacters(in: .whitespaces).split(separator: " ").first.map(String.init) ?? "" })
        for kind in ["H1", "H2", "H3", "P", "Table", "TR", "TH", "TD", "Figure"] { XCTAssertTrue(elements.contains(kind), "\(kind) in \(elements.sorted())") }
        XCTAssertTrue(tree.contains("H1 (block)\n") && tree.contains("\"Aval-lès-Bains\""), String(tree.prefix(400)))
        XCTAssertTrue(tree.contains("\"Classe\"") && tree.contains("TH"), "header cells")
        // The map's alternative is the web page's (the model's).
        let raw = try Self.qdf(pdf)
        let alt = "Carte de l’occupation du sol d’Aval-lès-Bains en 2021"
        let hex = alt.utf16.map { String(format: "%04x", $0) }.joined()
        XCTAssertTrue(raw.lowercased().contains("/alt <feff" + hex), "map's text alternative")
        let page = try read(site.appendingPathComponent("commune/99001/2019-2021.html"))
        XCTAssertTrue(page.contains(alt), "the same text on the page")
        let meta = try runTool("/usr/bin/pdfinfo", ["-meta", pdf])
        XCTAssertTrue(meta.contains("<rdf:li xml:lang=\"x-default\">Portrait de territoire : Aval-lès-Bains, 2019–2021</rdf:li>"), meta)
        XCTAssertTrue(meta.contains("<rdf:li>fr-FR</rdf:li>") && meta.contains("<xmp:CreateDate>"), meta)
    }

    /// With a placeholder base URL (the demo's is on example.org) the PDF says where the portrait
    /// is on the portal and links nothing.
    func testNoLinkToAPlaceholderHost() throws {
        let site = try buildSite(baseURL: "https://portraits.example.org/")
        let pdf = site.appendingPathComponent("commune/99001/portrait-99001-aval-les-bains-2019-2021.pdf").path
        XCTAssertFalse(try Self.qdf(pdf).contains("/URI"), "no link to the placeholder host")
        let text = try runTool("/usr/bin/pdftotext", [pdf, "-"])
        XCTAssertTrue(text.contains("commune/99001/2019-2021.html"), "where the portrait is")
        XCTAssertFalse(text.contains("example.org"))
        for (base, isPublic) in [("https://example.com/", false), ("https://a.b.example.net/x/", false), ("http://localhost:8080/", false),
                               ("https://portail.test/", false), ("https://ocs.invalid/", false), ("https://www.datagrandest.fr/portraits/", true),
                               ("https://example.org.fr/", true)] {
            var site = ProjectConfig.Site(title: "t", baseURL: base, notices: [], attribution: [], mapCredit: "")
            XCTAssertEqual(site.publicBaseURL != nil, isPublic, base)
            site.baseURL = nil
            XCTAssertNil(site.publicBaseURL)
        }
    }

    /// A PDF in qpdf's QDF form: every object uncompressed and in order, readable as text.
    static func qdf(_ pdf: String) throws -> String {
        let out = NSTemporaryDirectory() + "qdf-\(UUID().uuidString).pdf"
        defer { try? FileManager.default.removeItem(atPath: out) }
        let r = try runToolStatus("/usr/bin/qpdf", ["--qdf", "--object-streams=disable", pdf, out])
        XCTAssertEqual(r.status, 0, r.err)
        return String(decoding: try Data(contentsOf: URL(fileURLWithPath: out)), as: UTF8.self)
    }

    func testConfigAndFlagChooseWhichPDFs() throws {
        let none = try buildSite(noPDF: true)
        let all = try FileManager.default.subpathsOfDirectory(atPath: none.path)
        XCTAssertFalse(all.contains { $0.hasSuffix(".pdf") }, "--no-pdf")
        XCTAssertFalse(try read(none.appendingPathComponent("commune/99001/2019-2021.html")).contains(".pdf"), "no link to a missing PDF")
        let main = try buildSite(pdf: "pdf: {portraits: main, atlases: [epci]}")
        let files = try FileManager.default.subpathsOfDirectory(atPath: main.path).filter { $0.hasSuffix(".pdf") }.sorted()
        XCTAssertTrue(files.contains("epci/200000001/atlas-200000001-cc-test-2019-2021.pdf"))
        XCTAssertFalse(files.contains { $0.hasPrefix("departement/") && $0.contains("atlas") })
        XCTAssertEqual(files.filter { $0.contains("portrait-") }.count, 5, "one portrait per territory: the single period is the main one")
    }

    /// A territory's maps are laid out once for its web map files and its portrait PDFs (the
    /// render stage draws both from the same scenes). The atlases lay out their members' again.
    func testEachMapLaidOutOnceForThePageAndThePDF() throws {
        var before = TerritoryScenes.laidOut.value
        _ = try buildSite(pdf: "pdf: {portraits: all, atlases: []}")
        // 5 territories × (2 millésimes + 1 period), and the locators of all but the région.
        XCTAssertEqual(TerritoryScenes.laidOut.value - before, 5 * 3 + 4, "each map once, whatever prints it")
        before = TerritoryScenes.laidOut.value
        _ = try buildSite(pdf: "pdf: {portraits: none, atlases: [epci]}")
        // The EPCI's atlas: the EPCI's portrait (land cover, changes, locator) and its 2 communes'
        // fiches (land cover, locator).
        XCTAssertEqual(TerritoryScenes.laidOut.value - before, 5 * 3 + 4 + 3 + 2 * 2)
    }

    /// `portraits bench-print` draws the portrait PDFs the build prints (as many, with as many
    /// pages) and times each phase.
    func testPrintBenchmarkDrawsWhatTheBuildPrints() throws {
        let site = try buildSite(pdf: "pdf: {portraits: all, atlases: []}")
        let built = try FileManager.default.subpathsOfDirectory(atPath: site.path).filter { ($0 as NSString).lastPathComponent.hasPrefix("portrait-") && $0.hasSuffix(".pdf") }
        let pages = try built.map { try Self.pageCount(site.appendingPathComponent($0).path) }.sorted()
        let report = try PrintBenchmark.run(configPath: site.deletingLastPathComponent().appendingPathComponent("portraits.yaml").path, threads: 1)
        XCTAssertTrue(report.hasPrefix("\(built.count) portrait PDFs of 5 territories × 1 views"), report)
        // Each phase measured: a row with a CPU median above zero.
        for phase in ["layout", "Cairo's PDF surface", "finishing (qpdf)"] {
            let row = report.split(separator: "\n").first { $0.hasPrefix("| \(phase)") }
            let median = row.flatMap { Double($0.split(separator: "|").map { $0.trimmingCharacters(in: .whitespaces) }[1]) }
            XCTAssertGreaterThan(median ?? 0, 0, "\(phase): \(row ?? "no row")")
        }
        XCTAssertEqual(pages.count % 2, 1, "an odd number of portraits: the median is one of them")
        XCTAssertTrue(report.contains("Pages per portrait, median \(pages[pages.count / 2]);"), "\(pages) \(report)")
    }

    static func pageCount(_ pdf: String) throws -> Int {
        let out = try runTool("/usr/bin/pdfinfo", [pdf])
        return Int(out.split(separator: "\n").first { $0.hasPrefix("Pages:") }!.split(separator: " ").last!)!
    }

    func testSlugAndDate() {
        XCTAssertEqual(Slug.of("Saint-Étienne-lès-Remiremont"), "saint-etienne-les-remiremont")
        XCTAssertEqual(Slug.of("L'Œuvre  & Cœur"), "l-oeuvre-coeur")
        XCTAssertEqual(BuildDay.today(environment: ["SOURCE_DATE_EPOCH": "1764115200"]), "2025-11-26")
        XCTAssertEqual(PrintedPortrait.frenchDate("2026-11-26"), "26 novembre 2026")
    }
}
