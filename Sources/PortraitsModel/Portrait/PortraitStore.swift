import PortraitsCore
import PortraitsProject

/// Every portrait of the site (each territory at each view), made once by the compute stage on
/// every core, after the indicators they read. The render stage lays them out as pages and CSV,
/// the print stage as PDFs; neither computes a figure.
public final class PortraitStore: @unchecked Sendable {
    package let views: [PortraitView]
    private let portraits: [TerritoryID: [Portrait]]

    package init(project: Project, indicators: IndicatorStore, threads: Int = defaultThreadCount()) throws {
        let views = PortraitView.all(project.layout)
        let territories = project.catalog.sorted
        let chunks = max(1, min(territories.count, threads * 8))
        let made: [[(TerritoryID, [Portrait])]] = try parallelMap(count: chunks, threads: threads) { chunk in
            stride(from: chunk, to: territories.count, by: chunks).map { i in
                let t = territories[i]
                return (t.id, views.map { PortraitBuilder.make(t, view: $0, project: project, indicators: indicators) })
            }
        }
        self.views = views
        portraits = Dictionary(uniqueKeysWithValues: made.flatMap { $0 })
    }

    /// How many portraits: territories × views.
    public var count: Int { portraits.count * views.count }

    /// The portrait of `id` at `view`; nil for an unknown territory or view.
    package func portrait(_ id: TerritoryID, _ view: PortraitView) -> Portrait? {
        guard let i = views.firstIndex(of: view) else { return nil }
        return portraits[id]?[i]
    }
}
