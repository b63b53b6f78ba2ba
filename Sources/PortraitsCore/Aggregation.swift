/// Sums commune facts up to every territory of the catalogue.
public enum Aggregation {
    /// Facts of every territory: the sum of the facts of its communes, in commune order.
    public static func facts(of catalog: TerritoryCatalog, communeFacts: [AreaFacts], layout: FactsLayout) -> [TerritoryID: AreaFacts] {
        var out: [TerritoryID: AreaFacts] = [:]
        out.reserveCapacity(catalog.territories.count)
        for (id, t) in catalog.territories {
            if id.level == .commune {
                out[id] = communeFacts[t.communeIndices[0]]
                continue
            }
            var sum = AreaFacts(millesimeCount: layout.millesimes.count, periodCount: layout.periods.count)
            for i in t.communeIndices { sum += communeFacts[i] }
            out[id] = sum
        }
        return out
    }
}
