import Foundation
import PortraitsCore
import PortraitsGraphics
import PortraitsProject
import PortraitsModel

/// The printable documents: one portrait, or a bundle (a territory's portrait followed by each of
/// its communes', after a table of contents), as page specifications with their bookmarks.
package enum PortraitPDF {
    package static func document(_ portrait: PrintedPortrait) -> DocumentSpec {
        var c = PageComposer()
        portrait.compose(into: &c, level: 0)
        return DocumentSpec(title: "Portrait de territoire : \(portrait.territory.name), \(portrait.view.label)",
                            subject: "Occupation du sol, consommation d’espaces, artificialisation et imperméabilisation de \(portrait.title), \(portrait.periodText)",
                            author: portrait.project.config.site.title, date: portrait.date,
                            pages: c.finished { portrait.footer(page: $0, total: $1) }, outline: c.outline)
    }

    /// `parent`'s portrait, then each member's, after a table of contents; bookmarks: each
    /// territory, with its parts under it.
    package static func bundle(_ parent: PrintedPortrait, members: [PrintedPortrait]) -> DocumentSpec {
        var body = PageComposer()
        var owners: [Int] = []   // for each body page, the index of its portrait (0: parent)
        for (k, p) in ([parent] + members).enumerated() {
            p.compose(into: &body, level: 0)
            owners += Array(repeating: k, count: body.allPages.count - owners.count)
        }
        let starts = body.outline.filter { $0.level == 0 }
        let all = [parent] + members
        func contents(offset: Int) -> PageComposer {
            var toc = PageComposer()
            toc.paragraph(parent.project.config.site.title.uppercased(), size: 9, color: Palette.muted, bold: true)
            toc.heading("\(parent.territory.name) et ses \(members.count) communes", size: 22, keepWithNext: 0)
            toc.paragraph("Recueil des portraits de territoire · \(parent.periodText) · édité le \(PrintedPortrait.frenchDate(parent.date))", size: 10, color: Palette.muted)
            toc.heading("Sommaire", size: 14, keepWithNext: 40)
            toc.table(["Territoire", "code", "page"], zip(all, starts).map { p, s in
                [p.territory.name, p.territory.id.code, String(s.page + 1 + offset)]
            }, numeric: [2], links: starts.map { .page($0.page + 1 + offset) })
            return toc
        }
        let tocPages = contents(offset: contents(offset: 1).allPages.count).allPages.count
        let toc = contents(offset: tocPages)
        let total = tocPages + owners.count
        let bundleTitle = "Recueil \(parent.territory.name)"
        var pages = toc.allPages.enumerated().map { i, page in
            PageComposer.withFooter(page, "\(bundleTitle) · sommaire · \(parent.periodText) · \(parent.project.config.site.title)", page: i + 1, of: total)
        }
        for (i, page) in body.allPages.enumerated() {
            let owner = all[owners[i]]
            pages.append(PageComposer.withFooter(page, "\(bundleTitle) · \(owner.title) · \(owner.periodText) · édité le \(PrintedPortrait.frenchDate(owner.date))",
                                                 page: tocPages + i + 1, of: total))
        }
        let outline = [DocumentSpec.OutlineEntry(title: "Sommaire", page: 0)]
            + body.outline.map { DocumentSpec.OutlineEntry(title: $0.title, page: $0.page + tocPages, level: $0.level) }
        return DocumentSpec(title: "\(bundleTitle) : portraits de territoire, \(parent.view.label)",
                            subject: "Portraits de \(parent.title) et de ses communes, \(parent.periodText)",
                            author: parent.project.config.site.title, date: parent.date, pages: pages, outline: outline)
    }
}
