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

    public var layout: FactsLayout { tabulation.layout }
}
