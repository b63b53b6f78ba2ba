/// A territory of the portal: a commune, or a set of whole communes.
public struct Territory: Sendable, Identifiable {
    public let id: TerritoryID
    public let name: String
    /// Parents, largest first (région, département, EPCI, SCoT); a commune has up to four, an EPCI
    /// the région and the département(s) that hold all its communes.
    public internal(set) var parents: [TerritoryID]
    /// Direct children in the navigation tree (région → départements → EPCI → communes; SCoT → communes).
    public internal(set) var children: [TerritoryID]
    /// Indices of the member communes in `TerritoryCatalog.communes` (sorted).
    public internal(set) var communeIndices: [Int]

    public init(id: TerritoryID, name: String, parents: [TerritoryID] = [], children: [TerritoryID] = [], communeIndices: [Int] = []) {
        self.id = id
        self.name = name
        self.parents = parents
        self.children = children
        self.communeIndices = communeIndices
    }
}
