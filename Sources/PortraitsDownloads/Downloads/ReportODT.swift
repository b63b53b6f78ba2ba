import Foundation
import PortraitsCairo
import PortraitsCore
import PortraitsGraphics
import PortraitsModel
import ZIPFoundation

/// The council's report (`TriennialReport`) as an OpenDocument text that LibreOffice and Word open
/// and edit: its sections as numbered headings, real tables, the portrait's charts as PNG images
/// with their text alternative, and the fields the council fills in as framed paragraphs. The
/// territory's name and code are in every page's header, the date of the figures and the page
/// number in its footer. The package is written with ZIPFoundation: `mimetype` first and stored,
/// then the manifest, the XML parts and the pictures, all dated by the figures' date so that the
/// same figures give the same bytes.
package enum ReportODT {
    package static let mimeType = "application/vnd.oasis.opendocument.text"

    /// The `.odt` file's bytes.
    package static func bytes(_ report: TriennialReport, site: String) throws -> [UInt8] {
        var pictures: [(name: String, png: [UInt8], width: Double, height: Double, alt: String)] = []
        var body = ""
        body += p("Titre", "Rapport relatif à l’artificialisation des sols")
        body += p("Sous-titre", "\(report.title) · \(report.codeLabel)")
        body += p("Chapeau", "Projet prérempli par \(site), à compléter par la collectivité. Période \(report.period) ; chiffres établis le \(BuildDay.french(report.date)).")
        var number = 0
        for section in report.sections {
            number += 1
            body += "<text:h text:style-name=\"Titre_1\" text:outline-level=\"1\">\(number). \(x(section.title))</text:h>"
            if let r = section.reference { body += p("Reference", "Article R. 2231-1 du CGCT, \(r.replacingOccurrences(of: " de l’article R. 2231-1", with: ""))") }
            for block in section.blocks {
                switch block {
                case .paragraph(let text):
                    body += p("Corps", text)
                case .list(let items):
                    body += "<text:list text:style-name=\"Puces\">" + items.map { "<text:list-item>\(p("Corps", $0))</text:list-item>" }.joined() + "</text:list>"
                case .table(let caption, let header, let rows, let numeric):
                    body += table(caption: caption, header: header, rows: rows, numeric: numeric)
                case .chart(let chart):
                    let scene = chart.scene
                    let name = "Pictures/graphique-\(pictures.count + 1).png"
                    // 1.5 × the print layout's 720 px: 1 080 px over 17 cm, 160 dpi.
                    pictures.append((name, try CairoRenderer.png(scene, scale: 1.5, opaque: true), scene.width, scene.height, chart.alt))
                    let w = 17.0, h = w * scene.height / scene.width
                    body += "<text:p text:style-name=\"Figure\"><draw:frame draw:style-name=\"Image\" draw:name=\"Graphique \(pictures.count)\" text:anchor-type=\"as-char\" "
                        + "svg:width=\"\(cm(w))\" svg:height=\"\(cm(h))\" draw:z-index=\"0\"><draw:image xlink:href=\"\(name)\" xlink:type=\"simple\" xlink:show=\"embed\" xlink:actuate=\"onLoad\" draw:mime-type=\"image/png\"/>"
                        + "<svg:title>\(x(chart.kind))</svg:title><svg:desc>\(x(chart.alt))</svg:desc></draw:frame></text:p>"
                case .field(let label, let hint, let lines):
                    body += p("Champ_titre", label)
                    body += p("Champ", hint)
                    for _ in 1..<max(2, lines) { body += "<text:p text:style-name=\"Champ\"/>" }
                }
            }
        }
        let content = """
        <?xml version="1.0" encoding="UTF-8"?>
        <office:document-content \(namespaces) office:version="1.3"><office:automatic-styles>\(tableStyles)</office:automatic-styles><office:body><office:text>\(body)</office:text></office:body></office:document-content>
        """
        let archive = try Archive(accessMode: .create)
        let date = BuildDay.date(report.date)
        func add(_ path: String, _ data: Data, compress: Bool = true) throws {
            try archive.addEntry(with: path, type: .file, uncompressedSize: Int64(data.count), modificationDate: date,
                                 compressionMethod: compress ? .deflate : .none) { position, size in
                data.subdata(in: Int(position)..<Int(position) + size)
            }
        }
        try add("mimetype", Data(mimeType.utf8), compress: false)
        try add("META-INF/manifest.xml", Data(manifest(pictures.map(\.name)).utf8))
        try add("meta.xml", Data(meta(report, site: site).utf8))
        try add("styles.xml", Data(styles(report, site: site).utf8))
        try add("content.xml", Data(content.utf8))
        for picture in pictures { try add(picture.name, Data(picture.png), compress: false) }
        return Array(archive.data ?? Data())
    }

    // MARK: - Parts

    static let namespaces = """
    xmlns:office="urn:oasis:names:tc:opendocument:xmlns:office:1.0" xmlns:style="urn:oasis:names:tc:opendocument:xmlns:style:1.0" \
    xmlns:text="urn:oasis:names:tc:opendocument:xmlns:text:1.0" xmlns:table="urn:oasis:names:tc:opendocument:xmlns:table:1.0" \
    xmlns:draw="urn:oasis:names:tc:opendocument:xmlns:drawing:1.0" xmlns:fo="urn:oasis:names:tc:opendocument:xmlns:xsl-fo-compatible:1.0" \
    xmlns:xlink="http://www.w3.org/1999/xlink" xmlns:dc="http://purl.org/dc/elements/1.1/" xmlns:meta="urn:oasis:names:tc:opendocument:xmlns:meta:1.0" \
    xmlns:svg="urn:oasis:names:tc:opendocument:xmlns:svg-compatible:1.0"
    """

    static func manifest(_ pictures: [String]) -> String {
        let entries = [("/", mimeType), ("content.xml", "text/xml"), ("styles.xml", "text/xml"), ("meta.xml", "text/xml")] + pictures.map { ($0, "image/png") }
        return """
        <?xml version="1.0" encoding="UTF-8"?>
        <manifest:manifest xmlns:manifest="urn:oasis:names:tc:opendocument:xmlns:manifest:1.0" manifest:version="1.3">\
        \(entries.map { "<manifest:file-entry manifest:full-path=\"\($0.0)\"\($0.0 == "/" ? " manifest:version=\"1.3\"" : "") manifest:media-type=\"\($0.1)\"/>" }.joined())\
        </manifest:manifest>
        """
    }

    static func meta(_ r: TriennialReport, site: String) -> String {
        """
        <?xml version="1.0" encoding="UTF-8"?>
        <office:document-meta \(namespaces) office:version="1.3"><office:meta>\
        <meta:generator>portraits</meta:generator><dc:title>\(x("Rapport relatif à l’artificialisation des sols : \(r.title)"))</dc:title>\
        <dc:subject>\(x("Projet prérempli, période \(r.period), \(r.codeLabel)"))</dc:subject><dc:language>fr-FR</dc:language>\
        <meta:initial-creator>\(x(site))</meta:initial-creator><meta:creation-date>\(r.date)T00:00:00</meta:creation-date><dc:date>\(r.date)T00:00:00</dc:date>\
        </office:meta></office:document-meta>
        """
    }

    /// Paragraph styles, the A4 page with its header (territory, code) and footer (date, page).
    static func styles(_ r: TriennialReport, site: String) -> String {
        func para(_ name: String, _ display: String, size: Double, bold: Bool = false, italic: Bool = false, color: String = "#1e1e1e",
                  above: Double = 0.1, below: Double = 0.15, extra: String = "", heading: Bool = false) -> String {
            "<style:style style:name=\"\(name)\" style:display-name=\"\(display)\" style:family=\"paragraph\" style:parent-style-name=\"Standard\""
                + (heading ? " style:default-outline-level=\"1\" style:class=\"text\"" : "") + ">"
                + "<style:paragraph-properties fo:margin-top=\"\(cm(above))\" fo:margin-bottom=\"\(cm(below))\"\(heading ? " fo:keep-with-next=\"always\"" : "") \(extra)/>"
                + "<style:text-properties fo:font-size=\"\(pt(size))\" fo:color=\"\(color)\"\(bold ? " fo:font-weight=\"bold\"" : "")\(italic ? " fo:font-style=\"italic\"" : "")/></style:style>"
        }
        return """
        <?xml version="1.0" encoding="UTF-8"?>
        <office:document-styles \(namespaces) office:version="1.3">\
        <office:font-face-decls><style:font-face style:name="DejaVu Sans" svg:font-family="'DejaVu Sans'" style:font-family-generic="swiss"/></office:font-face-decls>\
        <office:styles>\
        <style:default-style style:family="paragraph"><style:paragraph-properties fo:hyphenation-ladder-count="no-limit"/>\
        <style:text-properties style:font-name="DejaVu Sans" fo:font-size="10.5pt" fo:language="fr" fo:country="FR" fo:hyphenate="true"/></style:default-style>\
        <style:style style:name="Standard" style:family="paragraph"><style:paragraph-properties fo:line-height="125%"/></style:style>\
        \(para("Titre", "Titre du rapport", size: 20, bold: true, above: 0, below: 0.2))\
        \(para("Sous-titre", "Territoire", size: 14, bold: true, color: "#000091", below: 0.3))\
        \(para("Chapeau", "Chapeau", size: 10.5, italic: true, color: "#555555", below: 0.5))\
        \(para("Titre_1", "Titre de section", size: 14, bold: true, color: "#000091", above: 0.6, below: 0.2, heading: true))\
        \(para("Reference", "Référence", size: 9.5, italic: true, color: "#555555", above: 0, below: 0.2))\
        \(para("Corps", "Corps du rapport", size: 10.5, extra: "fo:text-align=\"justify\""))\
        \(para("Legende", "Légende de tableau", size: 9.5, bold: true, above: 0.3, below: 0.1, extra: "fo:keep-with-next=\"always\""))\
        \(para("Cellule", "Cellule", size: 9.5, above: 0.03, below: 0.03))\
        \(para("Cellule_nombre", "Cellule numérique", size: 9.5, above: 0.03, below: 0.03, extra: "fo:text-align=\"end\""))\
        \(para("Cellule_entete", "Cellule d’en-tête", size: 9.5, bold: true, above: 0.03, below: 0.03))\
        \(para("Cellule_entete_nombre", "Cellule d’en-tête numérique", size: 9.5, bold: true, above: 0.03, below: 0.03, extra: "fo:text-align=\"end\""))\
        \(para("Figure", "Figure", size: 10, above: 0.2, below: 0.3, extra: "fo:text-align=\"center\""))\
        \(para("Champ_titre", "Champ à compléter : titre", size: 10.5, bold: true, above: 0.3, below: 0.05, extra: "fo:keep-with-next=\"always\""))\
        \(para("Champ", "Champ à compléter", size: 10.5, italic: true, color: "#6a4b00", above: 0, below: 0, extra: "fo:background-color=\"#fff4e5\" fo:border=\"0.5pt solid #b34000\" fo:padding=\"0.1cm\" style:join-border=\"true\""))\
        \(para("Entete", "En-tête de page", size: 8.5, color: "#555555"))\
        <style:style style:name="Image" style:family="graphic"><style:graphic-properties style:vertical-pos="top" style:vertical-rel="baseline"/></style:style>\
        </office:styles>\
        <office:automatic-styles><style:page-layout style:name="A4"><style:page-layout-properties fo:page-width="21cm" fo:page-height="29.7cm" \
        fo:margin-top="1.5cm" fo:margin-bottom="1.5cm" fo:margin-left="2cm" fo:margin-right="2cm" style:print-orientation="portrait"/>\
        <style:header-style><style:header-footer-properties fo:min-height="0.6cm" fo:margin-bottom="0.4cm"/></style:header-style>\
        <style:footer-style><style:header-footer-properties fo:min-height="0.6cm" fo:margin-top="0.4cm"/></style:footer-style></style:page-layout></office:automatic-styles>\
        <office:master-styles><style:master-page style:name="Standard" style:page-layout-name="A4">\
        <style:header><text:p text:style-name="Entete">\(x("Rapport relatif à l’artificialisation des sols · \(r.title) · \(r.codeLabel)"))</text:p></style:header>\
        <style:footer><text:p text:style-name="Entete">\(x("Projet prérempli par \(site) · chiffres du \(BuildDay.french(r.date)) · page "))<text:page-number text:select-page="current">1</text:page-number></text:p></style:footer>\
        </style:master-page></office:master-styles></office:document-styles>
        """
    }

    static let tableStyles = """
    <style:style style:name="Tableau" style:family="table"><style:table-properties style:width="17cm" table:align="left" fo:margin-bottom="0.2cm"/></style:style>\
    <style:style style:name="Case" style:family="table-cell"><style:table-cell-properties fo:padding="0.08cm" fo:border-bottom="0.5pt solid #bbbbbb"/></style:style>\
    <style:style style:name="Case_entete" style:family="table-cell"><style:table-cell-properties fo:padding="0.08cm" fo:background-color="#eeeeee" fo:border-bottom="1pt solid #1e1e1e"/></style:style>
    """

    static func table(caption: String, header: [String], rows: [[String]], numeric: Set<Int>) -> String {
        let columns = max(header.count, rows.map(\.count).max() ?? 0)
        var s = p("Legende", caption)
        s += "<table:table table:name=\"\(x(String(caption.prefix(60))))\" table:style-name=\"Tableau\"><table:table-column table:number-columns-repeated=\"\(columns)\"/>"
        let hasHeader = header.contains { !$0.isEmpty }
        if hasHeader {
            s += "<table:table-header-rows><table:table-row>" + (0..<columns).map { i in
                "<table:table-cell table:style-name=\"Case_entete\" office:value-type=\"string\">\(p(numeric.contains(i) ? "Cellule_entete_nombre" : "Cellule_entete", i < header.count ? header[i] : ""))</table:table-cell>"
            }.joined() + "</table:table-row></table:table-header-rows>"
        }
        for row in rows {
            s += "<table:table-row>" + (0..<columns).map { i in
                let text = i < row.count ? row[i] : ""
                return "<table:table-cell table:style-name=\"Case\" office:value-type=\"string\">\(p(numeric.contains(i) ? "Cellule_nombre" : (i == 0 && !hasHeader ? "Cellule_entete" : "Cellule"), text))</table:table-cell>"
            }.joined() + "</table:table-row>"
        }
        return s + "</table:table>"
    }

    // MARK: - Helpers

    static func p(_ style: String, _ text: String) -> String { "<text:p text:style-name=\"\(style)\">\(x(text))</text:p>" }

    static func x(_ s: String) -> String { XMLText.escape(s) }

    static func cm(_ v: Double) -> String { FrenchNumber.plain(v, decimals: 3) + "cm" }
    static func pt(_ v: Double) -> String { FrenchNumber.plain(v, decimals: 1) + "pt" }

}
