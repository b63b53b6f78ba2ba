import PortraitsCairo
import PortraitsCore
import PortraitsGraphics
import PortraitsModel

/// The council's report (`TriennialReport`) as a printed document, laid out like the portraits
/// (the same page composer, Cairo's PDF surface and finishing pass): its numbered sections, tables
/// and charts, the fields to fill in as framed boxes with their hint, the territory's name and code
/// and the figures' date in every footer.
package enum ReportPDF {
    package static func document(_ report: TriennialReport, site: String) -> DocumentSpec {
        var c = PageComposer(measure: .cairo)
        c.paragraph(site.uppercased(), size: 9, color: Palette.muted, bold: true)
        c.space(12)
        c.heading("Rapport relatif à l’artificialisation des sols", size: 22, keepWithNext: 0)
        c.paragraph("\(report.title) · \(report.codeLabel)", size: 14, bold: true)
        c.paragraph("Projet prérempli, à compléter par la collectivité. Période \(report.period) ; chiffres établis le \(BuildDay.french(report.date)).",
                    size: 10, color: Palette.muted)
        c.space(6)
        for (i, section) in report.sections.enumerated() {
            c.heading("\(i + 1). \(section.title)", size: 14, outline: 0)
            if let r = section.reference {
                c.paragraph("Article R. 2231-1 du CGCT, \(r.replacingOccurrences(of: " de l’article R. 2231-1", with: ""))", size: 9.5, color: Palette.muted)
            }
            for block in section.blocks {
                switch block {
                case .paragraph(let text):
                    c.paragraph(text, size: 10)
                case .list(let items):
                    for item in items { c.paragraph("• " + item, size: 10, indent: 10) }
                case .table(let caption, let header, let rows, let numeric):
                    c.paragraph(caption, size: 9.5, bold: true)
                    c.table(header.contains { !$0.isEmpty } ? header : header.map { _ in " " }, rows, numeric: numeric, size: 9.5)
                case .chart(let chart):
                    c.figure(chart.scene, alt: chart.alt)
                case .field(let label, let hint, let lines):
                    c.paragraph(label, size: 10, bold: true)
                    // The hint wrapped inside the box, the box as tall as the lines the council may write.
                    let width = c.contentWidth
                    let hintLines = c.measure.wrap(hint, width: width - 14, size: 9.5)
                    let height = 8 + Double(max(lines, hintLines.count)) * 15
                    c.block(height: height + 6) { x, y in
                        [.rect(x: x, y: y, width: width, height: height, fill: RGBColor(r: 0xff, g: 0xf4, b: 0xe5), stroke: Stroke(RGBColor(r: 0xb3, g: 0x40, b: 0x00), width: 0.8))]
                            + hintLines.enumerated().map { i, line in
                                .text(line, at: Point(x + 7, y + 15 + Double(i) * 15), style: TextStyle(size: 9.5, color: RGBColor(r: 0x6a, g: 0x4b, b: 0x00)))
                            }
                    }
                }
            }
        }
        // The date is on page 1 and in the document's metadata: the footer keeps to what fits.
        let footer = "Rapport sur l’artificialisation des sols · \(report.title) · \(report.codeLabel)"
        return DocumentSpec(title: "Rapport relatif à l’artificialisation des sols : \(report.title)",
                            subject: "Projet prérempli du rapport prévu à l’article L. 2231-1 du CGCT, \(report.codeLabel), période \(report.period)",
                            author: site, date: report.date, pages: c.finished { _, _ in footer }, outline: c.outline)
    }
}
