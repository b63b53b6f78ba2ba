import PortraitsCore
import PortraitsGeo

/// Everything a build knows after loading and tabulating: the inputs in memory, ready to render.
public struct Project: Sendable {
    public let config: ProjectConfig
    public let nomenclature: Nomenclature
    public let catalog: TerritoryCatalog
    public let tabulation: Tabulation
    /// Facts of every territory (communes and sums).
    public let facts: [TerritoryID: AreaFacts]
    /// Outline of every territory (the union of its communes for upper levels).
    public let outlines: [TerritoryID: [PolygonRings]]
    public let displayLevel: Int
    /// What the nomenclature's rules say of each class met (artificialised, sealed, NAF family…).
    public let traits: TraitsTable

    /// Postal codes of each commune (by INSEE code), for the search; empty without `postal_codes`.
    public var postalCodes: [String: [String]] = [:]
    /// Layers drawn over the explorer's maps.
    public var extraLayers: [ExtraLayerData] = []
    /// Where the figures come from (tabulated now, reused from the facts store, merged from shards)
    /// and the day they were tabulated (printed on PDFs and workbooks unless SOURCE_DATE_EPOCH says otherwise).
    public var factsOrigin: String = "tabulated"
    public var factsDay: String = BuildDay.today()

    public var layout: FactsLayout { tabulation.layout }

    /// Per territory, the years its figures sum when the layout is in ranks (départements
    /// photographed in different years); empty in year space.
    public var territoryYears: [TerritoryID: TerritoryYears] = [:]
    /// The years of all the project's communes together, in rank space.
    public var projectYears: TerritoryYears?
    /// Each commune's millésimes when the layout is in ranks; nil in year space.
    public var vintages: CommuneVintages?

    /// The period of years commune `c` (catalogue index) has for the layout's period `p`.
    public func communePeriod(_ c: Int, _ p: Int) -> Period? {
        guard layout.ranked else { return layout.periods[p] }
        let rp = layout.periods[p]
        return vintages?.byCommune[c]?.period(ranks: rp.start, rp.end)
    }

    /// The years behind `id`'s figures: its own spans in rank space, the layout's years otherwise.
    public func years(_ id: TerritoryID) -> TerritoryYears {
        if layout.ranked, let y = territoryYears[id] {
            // A rank none of its communes has (a département delivered once): the whole project's
            // years, where its pages say that the land cover does not cover it.
            guard y.millesimes.contains(where: { $0 == nil }) || y.periods.contains(where: { $0 == nil }), let all = projectYears else { return y }
            return TerritoryYears(millesimes: zip(y.millesimes, all.millesimes).map { $0 ?? $1 }, periods: zip(y.periods, all.periods).map { $0 ?? $1 },
                                  scaledByYears: y.scaledByYears)
        }
        return TerritoryYears.of(layout)
    }

    package init(config: ProjectConfig, nomenclature: Nomenclature, catalog: TerritoryCatalog, tabulation: Tabulation, facts: [TerritoryID: AreaFacts], outlines: [TerritoryID: [PolygonRings]], displayLevel: Int, traits: TraitsTable, postalCodes: [String: [String]] = [:], extraLayers: [ExtraLayerData] = [], factsOrigin: String = "", factsDay: String = BuildDay.today()) {
        self.config = config
        self.nomenclature = nomenclature
        self.catalog = catalog
        self.tabulation = tabulation
        self.facts = facts
        self.outlines = outlines
        self.displayLevel = displayLevel
        self.traits = traits
        self.postalCodes = postalCodes
        self.extraLayers = extraLayers
        self.factsOrigin = factsOrigin
        self.factsDay = factsDay
    }
}

/// An extra layer of the explorer as read: its features and their categories in order of appearance.
public struct ExtraLayerData: Sendable {
    public var name: String
    public var slug: String
    public var categories: [String]
    public var features: [(category: Int, feature: ExtraFeature)]
}
