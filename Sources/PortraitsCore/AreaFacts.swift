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

    public init(millesimeCount: Int, periodCount: Int, area: Double = 0) {
        self.area = area
        self.covered = Array(repeating: 0, count: millesimeCount)
        self.stock = Array(repeating: [:], count: millesimeCount)
        self.transitions = Array(repeating: [:], count: periodCount)
    }

    /// Sum of the class areas of a millésime (exceeds `covered` by the overlaps).
    public func classTotal(_ m: Int) -> Double { stock[m].values.reduce(0, +) }

    /// Area counted more than once because land-cover polygons overlap.
    public func overlap(_ m: Int) -> Double { max(0, classTotal(m) - covered[m]) }

    public static func += (lhs: inout AreaFacts, rhs: AreaFacts) {
        lhs.area += rhs.area
        for m in lhs.covered.indices {
            lhs.covered[m] += rhs.covered[m]
            for (k, v) in rhs.stock[m] { lhs.stock[m][k, default: 0] += v }
        }
        for p in lhs.transitions.indices {
            for (k, v) in rhs.transitions[p] { lhs.transitions[p][k, default: 0] += v }
        }
    }
}

/// The millésimes and periods facts are laid out on.
public struct FactsLayout: Sendable, Equatable {
    public let millesimes: [Int]
    public let periods: [Period]

    public init(millesimes: [Int], periods: [Period]) {
        self.millesimes = millesimes
        self.periods = periods
    }

    public func index(of millesime: Int) -> Int? { millesimes.firstIndex(of: millesime) }
}
