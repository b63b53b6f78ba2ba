import Foundation
import PortraitsCore
import PortraitsGeo
import PortraitsProject
import PortraitsModel
import PortraitsDownloads
import PortraitsPrint
import PortraitsWeb

/// Checks of the tabulated and aggregated figures that catch inputs which would otherwise print
/// wrong figures with a normal exit: a millésime that covers none of the communes, a delivery read
/// twice (overlaps), communes that overlap. (Millésimes that differ between départements are laid out by rank: `MillesimeArrangement`.)
package enum FactsChecks {
    /// Share of the communes' area below which a millésime is said to cover nothing.
    package static let minimumCoverage = 0.001

    package static func run(config: ProjectConfig, catalog: TerritoryCatalog, tabulation: Tabulation,
                    outlines: [TerritoryID: [PolygonRings]], shapes: [CommuneShape]) throws {
        let layout = tabulation.layout
        var total = AreaFacts(millesimeCount: layout.millesimes.count, periodCount: layout.periods.count)
        for f in tabulation.communeFacts { total += f }
        func where_(_ year: Int) -> String {
            let files = tabulation.sources.filter { $0.millesimes.contains(year) }.map(\.location)
            guard !files.isEmpty else { return config.source }
            return files.prefix(3).joined(separator: "; ") + (files.count > 3 ? " and \(files.count - 3) more files" : "")
        }
        var errors: [InputError] = []
        for (m, year) in layout.millesimes.enumerated() where total.area > 0 {
            if total.covered[m] < minimumCoverage * total.area {
                errors.append(InputError(where_(year), "millésime \(year) covers \(FrenchNumber.hectares(total.covered[m], decimals: 2)) of the communes' \(FrenchNumber.hectares(total.area, decimals: 0)) (\(FrenchNumber.percent(total.covered[m] / total.area))): its polygons lie outside the communes; is it the right file, in the right CRS, for these communes?"))
                continue
            }
            let share = total.overlap(m) / total.covered[m]
            if share > config.maxOverlap {
                errors.append(InputError(where_(year), "millésime \(year): polygons overlap on \(FrenchNumber.hectares(total.overlap(m), decimals: 2)), \(FrenchNumber.percent(share)) of the area they cover, so every stock would count that area twice; is a file read twice, or the delivery appended to itself? (To publish such data all the same, with the overlap stated on every portrait, set land_cover.max_overlap_percent to \(Int((share * 100).rounded(.up))) or more.)"))
            }
        }
        if !errors.isEmpty { throw InputErrors(errors) }
        try overlappingCommunes(catalog: catalog, areas: tabulation.communeFacts.map(\.area), outlines: outlines, shapes: shapes, communes: config.communes.path)
    }

    /// Communes must not overlap: a union of a département's communes smaller than their sum
    /// points at overlaps, which are then located pair by pair.
    package static func overlappingCommunes(catalog: TerritoryCatalog, areas: [Double], outlines: [TerritoryID: [PolygonRings]],
                                    shapes: [CommuneShape], communes source: String) throws {
        var errors: [InputError] = []
        for d in catalog.all(.departement) {
            guard let outline = outlines[d.id] else { continue }
            let area = d.communeIndices.reduce(0) { $0 + areas[$1] }
            let union = outline.reduce(0) { $0 + $1.area }
            guard area - union > 100 + 1e-6 * area else { continue }
            for p in try CommuneOverlaps.find(shapes, among: d.communeIndices, tolerance: 100) {
                let a = shapes[p.first], b = shapes[p.second]
                errors.append(InputError("\(source), features \(a.fid) and \(b.fid)", "communes \(a.code) (\(a.name)) and \(b.code) (\(b.name)) overlap on \(FrenchNumber.hectares(p.area, decimals: 2)): their land cover would be counted twice in every parent territory; fix the communes layer"))
                if errors.count >= 50 { throw InputErrors(errors) }
            }
        }
        if !errors.isEmpty { throw InputErrors(errors) }
    }
}
