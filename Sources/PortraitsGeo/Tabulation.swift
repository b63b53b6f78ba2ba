import PortraitsCore

/// A land-cover polygon clipped to one commune, for maps: its primary class at each millésime
/// (-1 where its source does not describe that millésime) and the kind of change it underwent in
/// each period. Where the two millésimes of a period come from separate layers, the changed parts
/// of their intersection are pieces of their own, with no class (-1) and only their change.
public struct MapPiece: Sendable {
    public var classes: [Int32]
    public var changes: PeriodChanges
    public var polygon: PolygonRings

    public init(classes: [Int32], changes: PeriodChanges = PeriodChanges(), polygon: PolygonRings) {
        self.classes = classes
        self.changes = changes
        self.polygon = polygon
    }
}

/// The result of the overlay of land cover with communes.
public struct Tabulation: Sendable {
    public var layout: FactsLayout
    /// Per commune, in the order of the communes given.
    public var communeFacts: [AreaFacts]
    /// Per commune: land-cover pieces (for maps).
    public var pieces: [[MapPiece]]
    /// Per commune: its outline.
    public var outlines: [[PolygonRings]]
    public var sources: [LandCoverSourceReport]

    public init(layout: FactsLayout, communeFacts: [AreaFacts], pieces: [[MapPiece]], outlines: [[PolygonRings]], sources: [LandCoverSourceReport]) {
        self.layout = layout
        self.communeFacts = communeFacts
        self.pieces = pieces
        self.outlines = outlines
        self.sources = sources
    }
}
