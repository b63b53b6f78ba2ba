import PortraitsCairo
import PortraitsCore
import PortraitsGraphics
import PortraitsModel

/// The atlas of a group (EPCI, SCoT, département) for one view, the document its officials print:
/// - a cover: the group, its message beside its locator, the contents (each part a link);
/// - the summary: every member with its key figures and its rank, in French alphabetical order,
///   and the page of its fiche (a link); a département's also lists all its communes;
/// - the group's full portrait;
/// - a two-page fiche per member (`PrintedPortrait.fiche`): its message, its comparison with its
///   parents, its map and its classes. A département's members are its EPCI (and the communes
///   outside any), so that its atlas stays a few hundred pages at most.
package struct PrintedAtlas {
    package let group: PrintedPortrait
    /// The members with a fiche, in French alphabetical order.
    package let members: [PrintedPortrait]

    package init(group: PrintedPortrait, members: [PrintedPortrait]) {
        self.group = group
        self.members = FrenchText.sorted(members) { $0.territory.name }
    }

    var name: String { group.territory.name }
    var title: String { "Atlas \(FrenchText.de(group.territory.id, name))" }
    /// "communes", "EPCI et communes hors EPCI".
    var membersLabel: String {
        let levels = Set(members.map(\.territory.id.level))
        if levels == [.commune] { return "communes" }
        return levels.count > 1 ? "EPCI et communes hors EPCI" : (members.first?.territory.id.level.pluralInText ?? "membres")
    }

    package func document() -> DocumentSpec {
        // The body first (the group's portrait, then the fiches), to know where each part starts.
        var body = PageComposer(measure: .cairo)
        group.compose(into: &body, level: 0)
        var owners = Array(repeating: -1, count: body.allPages.count)   // -1: the group
        body.newPage()
        body.bookmark("Fiches des \(membersLabel)", level: 0)
        var starts: [Int] = []
        for (k, m) in members.enumerated() {
            if !body.atPageTop { body.newPage() }
            starts.append(body.pageIndex)
            m.fiche(into: &body, level: 1, atlas: title)
            owners += Array(repeating: k, count: body.allPages.count - owners.count)
        }
        // The front's length depends on nothing but the numbers of rows: laid out once to count
        // its pages, then with the real page numbers.
        // Laid out once to count the front's pages and find where its tables start, then with
        // the real page numbers (the numbers do not change the number of lines).
        let draft = fittedFront(fichePages: starts)
        let frontCount = draft.composer.allPages.count
        let front = self.front(fichePages: starts, offset: frontCount, tables: draft.tables, compact: draft.compact).composer
        let total = frontCount + owners.count
        // Each page says its atlas, part and period (the date is on the cover: with it, a fiche's
        // footer ran onto two lines).
        let period = group.portrait.years.namedShort
        var pages = front.allPages.enumerated().map { i, page in
            PageComposer.withFooter(page, "\(title) · \(period)", page: i + 1, of: total, measure: front.measure)
        }
        for (i, page) in body.allPages.enumerated() {
            let owner = owners[i] < 0 ? "portrait \(FrenchText.de(group.territory.id, name))" : "fiche \(FrenchText.de(members[owners[i]].territory.id, members[owners[i]].territory.name))"
            // A fiche's own years (a commune has its département's, not the group's).
            let years = owners[i] < 0 ? period : members[owners[i]].portrait.years.namedShort
            pages.append(PageComposer.withFooter(page, "\(title) · \(owner) · \(years)", page: frontCount + i + 1, of: total, measure: body.measure))
        }
        let outline = front.outline + body.outline.map { DocumentSpec.OutlineEntry(title: $0.title, page: $0.page + frontCount, level: $0.level) }
        return DocumentSpec(title: "\(title) : portraits de territoire, \(group.portrait.years.short)",
                            subject: "Atlas \(FrenchText.de(group.territory.id, group.title)) et de ses \(membersLabel) : chiffres clés, portrait, fiches, \(group.periodText)",
                            author: group.project.config.site.title, date: group.date, pages: pages, outline: outline)
    }

    /// The front laid out a first time (page numbers of the body from 1), with its cover on one
    /// page: compact (notes in caption size) when it would not be otherwise.
    func fittedFront(fichePages: [Int]) -> (composer: PageComposer, tables: [Int], compact: Bool) {
        let plain = front(fichePages: fichePages, offset: 0, tables: [2, 2], compact: false)
        if plain.tables[0] <= 2 { return (plain.composer, plain.tables, false) }
        let compact = front(fichePages: fichePages, offset: 0, tables: [2, 2], compact: true)
        return (compact.composer, compact.tables, true)
    }

    /// The cover and the summary, with the body starting at page `offset + 1` (the group's
    /// portrait first), each member's fiche at body page `fichePages[k]`, the summary's tables at
    /// pages `tables` (1-based). Returns the pages laid out and where the tables did start.
    /// `compact`: the cover's notes in caption size, to keep it on one page.
    func front(fichePages: [Int], offset: Int, tables: [Int], compact: Bool) -> (composer: PageComposer, tables: [Int]) {
        var c = PageComposer(measure: .cairo)
        let site = group.project.config.site.title
        let notes = compact ? PageComposer.captionSize : PageComposer.noteSize
        c.paragraph(site.uppercased() + " · ÉDITÉ LE " + PrintedPortrait.frenchDate(group.date).uppercased(), size: 9, color: Palette.muted, bold: true)
        c.space(6)
        c.paragraph("Atlas des \(membersLabel)", size: 13, color: Palette.muted)
        // The name on one line where 22 pt at least allow it.
        let natural = c.measure.width(name, size: 28, bold: true)
        c.heading(name, size: natural > c.contentWidth ? max(22, (28 * c.contentWidth / natural).rounded(.down)) : 28, outline: 0, keepWithNext: 0)
        let size = [group.portrait.area.text] + (group.portrait.communeCount.map { ["\($0.text) communes"] } ?? [])
        c.paragraph("\(group.territory.id.level.label) \(group.territory.id.code) · \(size.joined(separator: ", "))", size: 11, color: Palette.muted)
        c.paragraph(group.portrait.years.Named, size: 18, bold: true)
        group.message(&c, size: 11, locatorWidth: 130, locatorCaption: false, notes: notes)
        // The group's rank among its siblings, as its portrait's first page says it.
        if let rank = group.portrait.message.rank { c.paragraph(rank, size: notes) }

        var parts: [(String, Int)] = [("\(members.count) \(membersLabel) en chiffres clés", tables[0])]
        if group.portrait.communes != nil { parts.append(("Toutes les communes du département", tables[1])) }
        parts += [("Portrait \(FrenchText.de(group.territory.id, name))", offset + 1),
                  ("Fiches des \(membersLabel), deux pages chacune", offset + (fichePages.first ?? 0) + 1)]
        c.heading("Contenu", size: 13, keepWithNext: 60)
        c.table(["Partie", "page"], parts.map { [$0.0, String($0.1)] }, numeric: [1], links: parts.map { .page($0.1) })
        // The site's notices (a demonstration's synthetic data) on the cover too, not only inside.
        for notice in group.project.config.site.notices { c.paragraph(notice, size: notes, color: Palette.muted) }

        // The summary.
        c.newPage()
        let pageOf = Dictionary(uniqueKeysWithValues: zip(members.map(\.territory.id), fichePages.map { offset + $0 + 1 }))
        c.heading("\(members.count) \(membersLabel) en chiffres clés", size: 15, outline: 0, keepWithNext: 80)
        summary(&c, group.portrait.members, pages: pageOf)
        var found = [c.outline.last!.page + 1, c.outline.last!.page + 1]
        if let communes = group.portrait.communes {
            c.heading("Toutes les communes du département (\(communes.rows.count))", size: 15, outline: 0, keepWithNext: 80)
            summary(&c, communes, pages: [:])
            found[1] = c.outline.last!.page + 1
        }
        return (c, found)
    }

    /// A summary table: each row's key figures and rank; with `pages`, the page of its fiche (a
    /// link on the row).
    func summary(_ c: inout PageComposer, _ table: MemberTable, pages: [TerritoryID: Int]) {
        let rows = FrenchText.sorted(table.rows) { $0.name }
        let withPages = !pages.isEmpty
        // Members that reach beyond the group (an EPCI across two départements): their figures
        // are the whole member's.
        let inside = Set(group.territory.communeIndices)
        let outside = Set(members.filter { !$0.territory.communeIndices.allSatisfy(inside.contains) }.map(\.territory.id))
        if let period = group.portrait.years.period {
            // Where the members' years differ, the header names the ranks and the note the years.
            let header = period.single != nil ? period.label : group.view.label
            let among: String
            switch table.ranking {
            case .amongRows:
                among = "parmi les territoires du tableau ; « – » : aucune consommation."
            case let .asOnTheirPortraits(count, level):
                // The rows ranked elsewhere, named with where: an EPCI among its département's.
                let elsewhere: [String] = rows.compactMap { r in
                    guard r.intensityRank == nil, (r.intensity?.value ?? 0) > 0, let t = group.project.catalog[r.id] else { return nil }
                    guard let parentLevel = IndicatorStore.rankingParentLevel(t.id.level),
                          let pid = t.parents.first(where: { $0.level == parentLevel }), let parent = group.project.catalog[pid] else {
                        return "\(r.name) (sans rang : \(t.id.level == .commune ? "commune hors EPCI" : "pas d’ensemble où la classer"))"
                    }
                    return "\(r.name), classé parmi les \(t.id.level.pluralInText) \(FrenchText.de(parent.id, parent.name)) (voir sa fiche)"
                }
                among = "parmi les \(count) \(level.pluralInText) \(FrenchText.de(group.territory.id, name)), comme sur leurs fiches ; « – » : aucune consommation"
                    + (elsewhere.isEmpty ? "." : ", ou rang donné ailleurs : " + elsewhere.joined(separator: " ; ") + ".")
            }
            c.paragraph("Période \(period.label)\(period.single == nil ? " (\(period.detail) ; chaque ligne sur les années de ses communes, les rythmes par an calculés commune par commune)" : ""), en hectares (Lambert-93), calculés commune par commune puis additionnés (méthode à la fin du portrait). Rang : 1 = la plus forte consommation d’espaces naturels, agricoles et forestiers par an rapportée à la surface, " + among
                        + (withPages ? " La colonne « page » donne la page de la fiche (à l’écran, un clic sur la ligne y mène)." : "")
                        + (rows.contains { outside.contains($0.id) } ? " * S’étend au-delà du département : chiffres de l’EPCI entier, qui ne s’additionnent donc pas à ceux du département." : ""),
                        size: PageComposer.noteSize, color: Palette.muted, lead: true)
            c.table(["Territoire", "surface", "conso. NAF \(header)", "par an pour 1\u{00A0}000\u{00A0}ha", "rang", "part artificialisée", "artif. nette / an"] + (withPages ? ["page"] : []),
                    rows.map { r in
                        [r.name + (outside.contains(r.id) ? " *" : "") + (r.years.map { " (\($0))" } ?? ""), r.area.text, r.consumption?.textAboveZero ?? "–", r.intensity?.textAboveZero ?? "–", r.intensityRank.map(String.init) ?? "–",
                         r.artificialisedShare.text, r.netArtificialisationPerYear?.text ?? "–"] + (withPages ? [pages[r.id].map(String.init) ?? "–"] : [])
                    },
                    numeric: Set(1...(withPages ? 7 : 6)), links: withPages ? rows.map { r in pages[r.id].map { .page($0) } } : [])
        } else {
            c.paragraph("Millésime \(group.portrait.years.millesime.label), en hectares (Lambert-93), calculés commune par commune puis additionnés (méthode à la fin du portrait)."
                        + (withPages ? " La colonne « page » donne la page de la fiche (à l’écran, un clic sur la ligne y mène)." : ""),
                        size: PageComposer.noteSize, color: Palette.muted, lead: true)
            c.table(["Territoire", "surface", "part artificialisée"] + (withPages ? ["page"] : []),
                    rows.map { r in [r.name, r.area.text, r.artificialisedShare.text] + (withPages ? [pages[r.id].map(String.init) ?? "–"] : []) },
                    numeric: Set(1...(withPages ? 3 : 2)), links: withPages ? rows.map { r in pages[r.id].map { .page($0) } } : [])
        }
    }
}
