import PortraitsCore
import PortraitsProject

/// Which PDFs the site has (the project's `pdf:`), so that a page links only to those that exist
/// and the print stage draws exactly those.
package struct PDFPlan {
    package let options: PDFOptions
    /// The view bundles are made of.
    package let main: PortraitView

    package init(_ project: Project) {
        options = project.config.pdf
        main = PortraitView.main(PortraitView.all(project.layout))
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

    /// Whether a territory has a bundle (its portrait then each of its communes') at `view`.
    package func bundle(_ t: Territory, _ view: PortraitView) -> Bool { view == main && options.bundles.contains(t.id.level) }
}
