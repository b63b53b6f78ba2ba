/// The ZAN trajectory: consumption of a reference period, the allowance for 2021–2030 (half of it,
/// with the 1 ha communal guarantee), the current pace and its projection.
public struct ZANTrajectory: Sendable, Equatable {
    /// The reference period asked for, in calendar years (default 2011–2020, ten years), and the
    /// years of the data used for it (each commune's own when départements differ).
    public var referenceAsked: Period
    public var referenceUsed: PeriodSpan
    /// Consumption of the reference, brought to the years of the asked reference (m²).
    public var referenceConsumption: Double
    /// True when the data's years are not the reference's: the reference is then estimated.
    public var referenceIsEstimated: Bool { referenceUsed.single != ZAN.interval(of: referenceAsked) }
    /// Allowance for 2021–2030 (m²): half the reference, at least 1 ha per commune.
    public var allowance: Double
    /// Communes whose allowance the 1 ha guarantee raised.
    public var guaranteedCommunes: Int
    /// The current period and its pace (m² per year).
    public var currentPeriod: PeriodSpan
    public var currentPace: Double
    /// Consumption 2021–2030 at the current pace (m²).
    public var projection: Double { currentPace * 10 }
    /// projection / allowance; nil when the allowance is 0.
    public var projectionRatio: Double? { allowance > 0 ? projection / allowance : nil }
    /// The year the allowance would be used up at the current pace (nil at a zero pace or beyond 2100).
    public var exhaustionYear: Int? {
        guard currentPace > 0 else { return nil }
        let y = 2021 + allowance / currentPace
        return y < 2100 ? Int(y) : nil
    }
}

public enum ZAN {
    public static let guarantee = 10_000.0 // 1 ha in m²
    public static let defaultReference = Period(2011, 2020)

    /// The reference decade as an interval between millésimes: the calendar years 2011…2020 run
    /// from the state of early 2011 to that of early 2021, ten years.
    public static func interval(of reference: Period) -> Period { Period(reference.start, reference.end + 1) }

    /// The published period nearest to the reference interval (smallest distance of the two ends;
    /// ties: the length closest to the reference's, then the earliest).
    public static func nearestPeriod(to reference: Period, in periods: [Period]) -> Period? {
        periods.min { a, b in
            let da = abs(a.start - reference.start) + abs(a.end - reference.end)
            let db = abs(b.start - reference.start) + abs(b.end - reference.end)
            if da != db { return da < db }
            let la = abs(a.years - reference.years), lb = abs(b.years - reference.years)
            if la != lb { return la < lb }
            return a < b
        }
    }

    /// The latest period between consecutive millésimes (the shortest ending last): the current pace.
    public static func currentPeriod(in periods: [Period]) -> Period? {
        periods.max { a, b in a.end != b.end ? a.end < b.end : a.years > b.years }
    }

    /// Each commune's consumption over `used` (m²) brought to the years of the asked reference: a
    /// commune's own years, so that communes photographed in different years each count theirs.
    public static func broughtToReference(_ consumption: Double, used: Period, asked: Period) -> Double {
        used.years > 0 ? consumption * Double(interval(of: asked).years) / Double(used.years) : 0
    }

    /// The trajectory of a territory. `communeReference` holds the consumption of each member commune
    /// over the reference, already brought to its years (`broughtToReference`, m²); the allowance is
    /// the sum of the communes' allowances, each at least 1 ha (the communal guarantee). `current` is
    /// the territory's consumption over the current period.
    public static func trajectory(referenceAsked: Period, referenceUsed: PeriodSpan, communeReference: [Double],
                                  current: ConsumptionFigures) -> ZANTrajectory {
        var reference = 0.0, allowance = 0.0, guaranteed = 0
        for r in communeReference {
            reference += r
            let half = r / 2
            if half < guarantee { guaranteed += 1 }
            allowance += max(half, guarantee)
        }
        return ZANTrajectory(referenceAsked: referenceAsked, referenceUsed: referenceUsed, referenceConsumption: reference,
                             allowance: allowance, guaranteedCommunes: guaranteed, currentPeriod: current.span, currentPace: current.perYear)
    }
}
