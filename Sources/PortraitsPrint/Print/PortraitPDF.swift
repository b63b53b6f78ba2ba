import Foundation
import PortraitsCairo
import PortraitsCore
import PortraitsGraphics
import PortraitsProject
import PortraitsModel

/// The printable documents: one portrait, or the atlas of a group (`PrintedAtlas`), as page
/// specifications with their bookmarks.
package enum PortraitPDF {
    package static func document(_ portrait: PrintedPortrait) -> DocumentSpec {
        var c = PageComposer(measure: .cairo)
        portrait.compose(into: &c, level: 0)
        let footer = portrait.footer
        return DocumentSpec(title: "Portrait de territoire : \(portrait.territory.name), \(portrait.portrait.years.short)",
                            subject: "Occupation du sol, consommation d’espaces, artificialisation et imperméabilisation \(FrenchText.de(portrait.territory.id, portrait.title)), \(portrait.periodText)",
                            author: portrait.project.config.site.title, date: portrait.date,
                            pages: c.finished { _, _ in footer }, outline: c.outline)
    }

    /// The atlas of `group`: cover, summary, its portrait, a fiche per member.
    package static func atlas(_ group: PrintedPortrait, members: [PrintedPortrait]) -> DocumentSpec {
        PrintedAtlas(group: group, members: members).document()
    }
}
