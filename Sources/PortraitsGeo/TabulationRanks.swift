import PortraitsCore

extension Tabulation {
    /// The tabulation laid out on `target`: each commune's facts and map pieces taken at its own
    /// millésimes. `target` is a rank layout (millésimes 1…n, periods of ranks) when départements
    /// have different years; with one vintage for all it may be a year layout (the vintage's years,
    /// fewer periods than tabulated), each rank then being that year.
    public func laidOut(on target: FactsLayout, vintages: CommuneVintages, codes: [String]) throws -> Tabulation {
        var facts: [AreaFacts] = []
        facts.reserveCapacity(communeFacts.count)
        var pieces = self.pieces
        // The rank of each target millésime and period: in a year layout, its position.
        let rankLayout = target.ranked ? target
            : FactsLayout(millesimes: Array(1...max(target.millesimes.count, 1)),
                          periods: target.periods.map { Period(target.index(of: $0.start)! + 1, target.index(of: $0.end)! + 1) }, ranked: true)
        // Where each rank's classes and each rank period's changes are in a piece, once per vintage.
        var indices: [Vintage: (years: [Int?], periods: [Int?])] = [:]
        for v in Set(vintages.byCommune.compactMap { $0 }) {
            indices[v] = (rankLayout.millesimes.map { r in v.year(rank: r).flatMap(layout.index(of:)) },
                          rankLayout.periods.map { rp in v.period(ranks: rp.start, rp.end).flatMap { layout.periods.firstIndex(of: $0) } })
        }
        let none = (years: [Int?](repeating: nil, count: rankLayout.millesimes.count), periods: [Int?](repeating: nil, count: rankLayout.periods.count))
        for c in communeFacts.indices {
            let vintage = vintages.byCommune[c]
            facts.append(try RankedFacts.project(communeFacts[c], vintage: vintage, from: layout, to: rankLayout, commune: codes[c]))
            let (yearIndex, periodIndex) = vintage.flatMap { indices[$0] } ?? none
            for i in pieces[c].indices {
                let old = pieces[c][i]
                var changes = PeriodChanges()
                for (q, p) in periodIndex.enumerated() { if let p { changes[q] = old.changes[p] } }
                pieces[c][i] = MapPiece(classes: yearIndex.map { $0.map { old.classes[$0] } ?? -1 }, changes: changes, polygon: old.polygon)
            }
        }
        return Tabulation(layout: target, communeFacts: facts, pieces: pieces, outlines: outlines, sources: sources)
    }
}
