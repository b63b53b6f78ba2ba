import PortraitsCore
import PortraitsProject

/// Which PDFs the site has (the project's `pdf:`), so that a page links only to those that exist
/// and the print stage draws exactly those.
package struct PDFPlan {
    package let options: PDFOptions
    /// The main view (the longest period).
    package let main: PortraitView
    /// The views atlases are made for (`pdf.atlas_periods`).
    package let atlasViews: [PortraitView]

    package init(_ project: Project) {
        options = project.config.pdf
        let views = PortraitView.all(project.layout)
        main = PortraitView.main(views)
        atlasViews = options.atlasPeriods == .all ? views : [main]
    }

    /// Whether the portrait of a view has its PDF.
    package func portrait(_ view: PortraitView) -> Bool {
        switch options.portraits {
        case .all: return true
        case .main: return view == main
        case .none: return false
        }
    }

    /// Whether the council reports have their PDF beside their ODT: when portraits are printed.
    package var reports: Bool { options.portraits != .none }

    /// Whether a territory has an atlas (cover, summary, its portrait, its members' fiches) at `view`.
    package func atlas(_ t: Territory, _ view: PortraitView) -> Bool {
        options.atlases.contains(t.id.level) && !t.children.isEmpty && atlasViews.contains(view)
    }
}
