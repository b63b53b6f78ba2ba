import PortraitsCore

/// A land-cover polygon clipped to one commune, for maps: its primary class at each millésime
/// (-1 where its source does not describe that millésime).
public struct MapPiece: Sendable {
    public var classes: [Int32]
    public var polygon: PolygonRings
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
}
