import Foundation
#if canImport(FoundationXML)
import FoundationXML
#endif
import XCTest
import ZIPFoundation
@testable import PortraitsCore
@testable import PortraitsDownloads
@testable import PortraitsModel
@testable import PortraitsProject
@testable import PortraitsSite

/// The council's report (rapport triennal, art. L. 2231-1 CGCT) built into a small real site: a
/// valid OpenDocument package that LibreOffice (headless, Debian's package) converts to PDF, whose
/// text holds the territory, every heading of art. R. 2231-1 and the portrait model's figures; the
/// same report as PDF passes qpdf --check; the portrait links both.
final class ReportTests: XCTestCase {
    static let soffice = "/usr/bin/soffice"

    func testReportIsAnOpenDocumentLibreOfficeReadsWithTheModelsFigures() throws {
        let site = try PDFIntegrationTests.buildSite(self)
        let folder = site.appendingPathComponent("commune/99001")
        let odt = folder.appendingPathComponent("rapport-artificialisation-99001-aval-les-bains-2019-2021.odt")
        let bytes = try Data(contentsOf: odt)

        // The package: "mimetype" first, stored, holding the media type; a manifest naming every part.
        XCTAssertEqual(Array(bytes.prefix(4)), [0x50, 0x4b, 0x03, 0x04])
        XCTAssertEqual(UInt16(bytes[8]) | UInt16(bytes[9]) << 8, 0, "mimetype is stored, not compressed")
        let nameLength = Int(UInt16(bytes[26]) | UInt16(bytes[27]) << 8), extra = Int(UInt16(bytes[28]) | UInt16(bytes[29]) << 8)
        XCTAssertEqual(String(decoding: bytes[30..<30 + nameLength], as: UTF8.self), "mimetype")
        XCTAssertEqual(String(decoding: bytes[(30 + nameLength + extra)...].prefix(ReportODT.mimeType.utf8.count), as: UTF8.self), ReportODT.mimeType)
        let archive = try Archive(data: bytes, accessMode: .read)
        var parts: [String: Data] = [:]
        for entry in archive {
            var data = Data()
            _ = try archive.extract(entry) { data.append($0) }
            parts[entry.path] = data
        }
        let manifest = String(decoding: try XCTUnwrap(parts["META-INF/manifest.xml"]), as: UTF8.self)
        for name in parts.keys where name != "mimetype" && name != "META-INF/manifest.xml" {
            XCTAssertTrue(manifest.contains("manifest:full-path=\"\(name)\""), "\(name) in the manifest")
        }
        XCTAssertGreaterThanOrEqual(parts.keys.filter { $0.hasPrefix("Pictures/") }.count, 4, "the portrait's charts as images")
        for name in ["content.xml", "styles.xml", "meta.xml", "META-INF/manifest.xml"] {
            let parser = XMLParser(data: try XCTUnwrap(parts[name], name))
            XCTAssertTrue(parser.parse(), "\(name) is well-formed XML: \(String(describing: parser.parserError))")
        }
        XCTAssertTrue(String(decoding: parts["styles.xml"]!, as: UTF8.self).contains("Commune d’Aval-lès-Bains · code INSEE 99001"), "name and code in every page's header")
        XCTAssertEqual(try Data(contentsOf: odt), bytes)

        // The model the report was laid out from.
        let loaded: SiteBuilder.Loaded = try SiteBuilder.load(configPath: site.deletingLastPathComponent().appendingPathComponent("portraits.yaml").path,
                                                              pdf: true, baseURL: nil, reporter: StageReporter(BuildStage.build, quiet: true))
        let territory: Territory = try XCTUnwrap(loaded.project.catalog[TerritoryID(.commune, "99001")])
        let report = try XCTUnwrap(TriennialReport.of(territory, project: loaded.project, portraits: loaded.portraits, date: BuildDay.today()))
        XCTAssertEqual(report.view.id, "2019-2021")

        // LibreOffice opens it and prints it; its text holds the territory, the headings and the figures.
        let out = try temporaryFolder(self)
        let profile = out.appendingPathComponent("profil-libreoffice")
        let converted = try runToolStatus(Self.soffice, ["-env:UserInstallation=file://\(profile.path)", "--headless", "--convert-to", "pdf", "--outdir", out.path, odt.path])
        XCTAssertEqual(converted.status, 0, converted.err)
        let printed = out.appendingPathComponent(odt.deletingPathExtension().lastPathComponent + ".pdf").path
        let text = Self.plain(try runTool("/usr/bin/pdftotext", [printed, "-"]))
        let ours = folder.appendingPathComponent("rapport-artificialisation-99001-aval-les-bains-2019-2021.pdf").path
        let check = try runToolStatus("/usr/bin/qpdf", ["--check", ours])
        XCTAssertEqual(check.status, 0, check.out + check.err)
        XCTAssertTrue(check.out.contains("No syntax or stream encoding errors found"), check.out)
        let oursText = Self.plain(try runTool("/usr/bin/pdftotext", [ours, "-"]))
        for (what, text) in [("LibreOffice's PDF of the ODT", text), ("our PDF", oursText)] {
            XCTAssertTrue(text.contains("Commune d’Aval-lès-Bains"), what)
            XCTAssertTrue(text.contains("INSEE 99001"), what)
            for heading in ["Objet du rapport", "Consommation d’espaces naturels, agricoles et forestiers", "Solde entre surfaces artificialisées et désartificialisées",
                            "Surfaces imperméabilisées", "Évaluation du respect des objectifs de réduction", "Explication des évolutions observées",
                            "Méthode et sources", "Délibération et procédure", "À compléter", "fichiers fonciers"] {
                XCTAssertTrue(text.contains(heading), "\(what): « \(heading) »")
            }
            for key in ["consommation", "consommation-par-an", "consommation-part", "impermeabilisation", "impermeabilisation-nette", "surface"] {
                let figure = try XCTUnwrap(report.figures[key], key)
                XCTAssertTrue(text.contains(Self.plain(figure.text)), "\(what): \(key) = \(figure.text)")
            }
        }
        // 50 ha of 100 ha consumed (the fixture), said as hectares and as a share of the territory.
        XCTAssertEqual(report.figures["consommation"]?.text, Figure.ha(500_000).text)
        XCTAssertEqual(report.figures["consommation-part"]?.text, Figure.pct(0.5).text)

        // The Données page lists them, with an example.
        let downloads = try read(site.appendingPathComponent("donnees/index.html"))
        XCTAssertTrue(downloads.contains("ces niveaux (communes, EPCI), période 2019–2021"), "the Données page names the reports")
        XCTAssertTrue(downloads.contains("rapport-artificialisation-99001-aval-les-bains-2019-2021.odt\" download>Aval-lès-Bains (ODT)"))
        // The portrait links the report; the EPCI has its own.
        let page = try read(folder.appendingPathComponent("2019-2021.html"))
        XCTAssertTrue(page.contains("href=\"rapport-artificialisation-99001-aval-les-bains-2019-2021.odt\" download"))
        XCTAssertTrue(page.contains("href=\"rapport-artificialisation-99001-aval-les-bains-2019-2021.pdf\" download"))
        let epci = try FileManager.default.contentsOfDirectory(atPath: site.appendingPathComponent("epci").path).first { !$0.hasSuffix(".html") }
        let epciFiles = try FileManager.default.contentsOfDirectory(atPath: site.appendingPathComponent("epci/\(try XCTUnwrap(epci))").path)
        XCTAssertEqual(epciFiles.filter { $0.hasPrefix("rapport-artificialisation-") }.count, 2, "\(epciFiles)")
    }

    /// `rapport: {levels: []}` (or `--no-rapport`) makes none; a level that presents no report is refused.
    func testReportLevelsComeFromTheProjectFile() throws {
        let root = repositoryRoot.path
        func config(_ rapport: String) throws -> ProjectConfig {
            try ProjectConfig.parse(text: """
            site: {title: T}
            communes: {file: c.gpkg}
            land_cover: {layers: [{millesime: 2019, file: a.gpkg, fields: {couverture: CS}}]}
            nomenclature: \(root)/Content/nomenclatures/cnig/nomenclature.yaml
            \(rapport)
            """, source: "portraits.yaml", root: "/tmp")
        }
        XCTAssertEqual(try config("").report, [.commune, .epci])
        XCTAssertEqual(try config("rapport: {levels: [epci, scot]}").report, [.epci, .scot])
        XCTAssertEqual(try config("rapport: {levels: []}").report, [])
        XCTAssertThrowsError(try config("rapport: {levels: [region]}")) { error in
            XCTAssertTrue("\(error)".contains("rapport.levels: \"region\""), "\(error)")
        }
    }

    /// pdftotext's text as one line: the no-break spaces of French numbers read as plain ones, a
    /// heading broken over two lines read whole.
    static func plain(_ s: String) -> String {
        s.replacingOccurrences(of: "\u{202f}", with: " ").replacingOccurrences(of: "\u{a0}", with: " ").replacingOccurrences(of: "\n", with: " ")
    }
}
