import PortraitsCore
import PortraitsGraphics
import PortraitsModel

/// A member's fiche in an atlas: two pages, what a maire needs of the full portrait.
/// Page 1: the territory, its message (sentence, key figures, rank) beside its locator, and the
/// comparison with its parents. Page 2: its land-cover map and the table of its classes.
extension PrintedPortrait {
    /// Appends the fiche on two pages, from a new one; `level`: the bookmark level of its title.
    package func fiche(into c: inout PageComposer, level: Int, atlas: String) {
        if !c.atPageTop { c.newPage() }
        c.paragraph("Fiche · \(atlas)", size: PageComposer.captionSize, color: Palette.muted, bold: true)
        c.heading(territory.name, size: 22, outline: level, keepWithNext: 0)
        let size = [portrait.area.text] + (portrait.communeCount.map { ["\($0.text) communes"] } ?? [])
        c.paragraph("\(levelLabel) \(territory.id.code) · \(size.joined(separator: ", ")) · \(portrait.years.named)",
                    size: PageComposer.bodySize, color: Palette.muted)
        let message = portrait.message
        self.message(&c, size: 10.5, locatorWidth: 110, locatorCaption: false)
        if let rank = message.rank { c.paragraph(rank) }
        if let comparison = portrait.themes?.comparison {
            c.heading("Comparaison avec les territoires parents", size: 12, keepWithNext: 60)
            c.table(Self.comparisonHeader, comparison.rows.map(Self.comparisonCells), numeric: [1, 2, 3, 4, 5])
        }
        for caveat in message.caveats { c.paragraph(caveat, size: PageComposer.noteSize, color: Palette.muted) }

        c.newPage()
        c.heading("Occupation du sol en \(portrait.years.millesime.label)", size: 13, keepWithNext: 0)
        let header = ["Classe"] + (portrait.years.period.map { ["\($0.start) (ha)"] } ?? []) + ["\(portrait.years.millesime) (ha)", "part"] + (view.period != nil ? ["évolution (ha)"] : [])
        let rows = portrait.stockRows.map { r in
            [r.label] + (r.before.map { [Fmt.num($0)] } ?? []) + [Fmt.num(r.after), Fmt.pct(r.afterShare)] + (r.delta.map { [Fmt.num($0)] } ?? [])
        }
        let between = portrait.years.period?.between ?? ""
        let mutations = portrait.themes.map { t in
            t.mutations.grossChange.text != Figure.ha(0).text
                ? "\(t.mutations.grossChange.text) ont changé de classe \(between) ; \(t.mutations.persistence.text) n’ont pas changé."
                : "Aucune surface n’a changé de classe \(between)."
        }
        // The map takes the room the table and the sentence leave on the page.
        let room = c.remaining - c.tableHeight(header, rows) - (mutations.map { c.paragraphHeight($0) } ?? 0) - 12
        let map = scenes.landCover(view.millesime)
        c.map(frame: map.frame, legend: map.legend, maxHeight: max(160, min(420, room)), alt: portrait.mapAlt, rasterDPI: map.raster ? Self.mapDPI : nil)
        c.table(header, rows, numeric: Set(1..<header.count))
        if let mutations { c.paragraph(mutations) }
    }

    /// "Commune", "EPCI", "Département": the level as the first word of a line.
    var levelLabel: String { territory.id.level.label }
}
