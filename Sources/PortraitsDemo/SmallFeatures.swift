import PortraitsCore

/// Small rural features of the synthetic demo, so that the decree's thresholds have something to
/// judge: a farmstead (a building of about 240 m² and its paved yard, a patch under 2 500 m²), a shed
/// under 50 m², a farm track 4 m wide. Placed around a cell's centroid; some appear after 2010.
struct SmallFeature {
    enum Kind { case farmBuilding, farmYard, shed, track }
    var kind: Kind
    var polygon: PolygonRings
    /// Built between 2010 and 2019 (farmland in 2010).
    var new: Bool

    /// Its classes at 2010, 2019, 2021, given the classes of the cell around it.
    func classes(around cell: [CSUS]) -> [CSUS] {
        let own: CSUS
        switch kind {
        case .farmBuilding, .shed: own = CSUS(cs: "CS1.1.1.1", us: "US1.1")
        case .farmYard: own = CSUS(cs: "CS1.1.1.2", us: "US1.1")
        case .track: own = CSUS(cs: "CS1.1.1.2", us: "US4.1.1")
        }
        return new ? [cell[0], own, own] : [own, own, own]
    }
}

enum SmallFeatures {
    static func rect(_ x: Double, _ y: Double, _ w: Double, _ h: Double) -> PolygonRings {
        PolygonRings(rings: [[Point(x, y), Point(x + w, y), Point(x + w, y + h), Point(x, y + h), Point(x, y)]])
    }

    static func make(at c: Point, rng: inout SplitMix64) -> [SmallFeature] {
        let r = rng.unit()
        let new = rng.unit() < 0.2
        switch r {
        case ..<0.08:
            return [SmallFeature(kind: .farmBuilding, polygon: rect(c.x, c.y, 12, 20), new: new),
                    SmallFeature(kind: .farmYard, polygon: rect(c.x + 12, c.y - 10, 30, 35), new: new)]
        case ..<0.12:
            return [SmallFeature(kind: .shed, polygon: rect(c.x, c.y, 5, 6), new: new)]
        case ..<0.16:
            return [SmallFeature(kind: .track, polygon: rect(c.x - 150, c.y, 300, 4), new: new)]
        default:
            return []
        }
    }
}
