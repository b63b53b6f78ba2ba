/// The tabulated areas of one territory, in square metres: the atoms every indicator is computed from.
///
/// A commune's facts come from the overlay; a larger territory's are the sum of its communes'
/// (`+=`): nothing is averaged.
public struct AreaFacts: Sendable, Equatable {
    /// Area of the territory (its administrative outline).
    public var area: Double
    /// Per millésime (index in `FactsLayout.millesimes`): area covered by land-cover data (the union of its polygons).
    public var covered: [Double]
    /// Per millésime: area by class, each polygon counted in full (overlaps counted in every class they belong to).
    public var stock: [[ClassKey: Double]]
    /// Per period (index in `FactsLayout.periods`): area by (class at t0, class at t1).
    public var transitions: [[Transition: Double]]
    /// Per millésime: area artificialised under the LCR after the decree's thresholds (patches,
    /// built and linear thresholds); the matrix-only figure is computed from `stock`.
    public var lcr: [Double]
    /// Per period: artificialisation and désartificialisation after the thresholds.
    public var lcrFlux: [LCRFlux]
    /// Per period: the area of each kind of change (`LandChange`), measured on the same pieces as
    /// `transitions`, so that the kinds at any display level add up to the matrix's gross change.
    public var changes: [[LandChange: Double]]

    public init(millesimeCount: Int, periodCount: Int, area: Double = 0) {
        self.area = area
        self.covered = Array(repeating: 0, count: millesimeCount)
        self.stock = Array(repeating: [:], count: millesimeCount)
        self.transitions = Array(repeating: [:], count: periodCount)
        self.lcr = Array(repeating: 0, count: millesimeCount)
        self.lcrFlux = Array(repeating: LCRFlux(), count: periodCount)
        self.changes = Array(repeating: [:], count: periodCount)
    }

    /// Sum of the class areas of a millésime (exceeds `covered` by the overlaps).
    public func classTotal(_ m: Int) -> Double { orderedStock(m).reduce(0) { $0 + $1.value } }

    /// The stock of millésime `m` in class-key order. Sums are made in this order, never in the
    /// dictionary's (which changes from one process to the next), so that figures are the same to
    /// the last bit in every build.
    public func orderedStock(_ m: Int) -> [(key: ClassKey, value: Double)] { stock[m].sorted { $0.key < $1.key } }

    /// The transitions of period `p` in key order (see `orderedStock`).
    public func orderedTransitions(_ p: Int) -> [(key: Transition, value: Double)] { transitions[p].sorted { $0.key < $1.key } }

    /// The changes of period `p` in key order (see `orderedStock`).
    public func orderedChanges(_ p: Int) -> [(key: LandChange, value: Double)] { changes[p].sorted { $0.key < $1.key } }

    /// Area counted more than once because land-cover polygons overlap.
    public func overlap(_ m: Int) -> Double { max(0, classTotal(m) - covered[m]) }

    public static func += (lhs: inout AreaFacts, rhs: AreaFacts) {
        lhs.area += rhs.area
        for m in lhs.covered.indices {
            lhs.covered[m] += rhs.covered[m]
            lhs.lcr[m] += rhs.lcr[m]
            for (k, v) in rhs.stock[m] { lhs.stock[m][k, default: 0] += v }
        }
        for p in lhs.transitions.indices {
            for (k, v) in rhs.transitions[p] { lhs.transitions[p][k, default: 0] += v }
            lhs.lcrFlux[p].artificialisation += rhs.lcrFlux[p].artificialisation
            lhs.lcrFlux[p].desartificialisation += rhs.lcrFlux[p].desartificialisation
            for (k, v) in rhs.changes[p] { lhs.changes[p][k, default: 0] += v }
        }
    }
}

/// Flux of artificialisation over a period, in m².
public struct LCRFlux: Sendable, Equatable {
    /// Land not artificialised at t0 and artificialised at t1.
    public var artificialisation: Double = 0
    /// Land artificialised at t0 and not at t1 (renaturation).
    public var desartificialisation: Double = 0

    public init(artificialisation: Double = 0, desartificialisation: Double = 0) {
        self.artificialisation = artificialisation
        self.desartificialisation = desartificialisation
    }

    public var net: Double { artificialisation - desartificialisation }
}

/// The millésimes and periods facts are laid out on.
///
/// In year space (as tabulated, and whenever every département has the same millésimes) they are
/// years. When départements were photographed in different years the facts are in rank space
/// (`ranked`): `millesimes` are the ranks 1…n and `periods` pairs of ranks, and each territory's
/// `TerritoryYears` says which years they sum.
public struct FactsLayout: Sendable, Equatable {
    public let millesimes: [Int]
    public let periods: [Period]
    public let ranked: Bool

    public init(millesimes: [Int], periods: [Period], ranked: Bool = false) {
        self.millesimes = millesimes
        self.periods = periods
        self.ranked = ranked
    }

    public func index(of millesime: Int) -> Int? { millesimes.firstIndex(of: millesime) }
}
