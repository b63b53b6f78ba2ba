import Foundation
import PortraitsCore

/// A CNIG couverture × usage pair.
struct CSUS: Equatable {
    var cs: String
    var us: String
}

/// The rules that give a synthetic cell its land cover at 2010, 2019 and 2021.
///
/// Not a model of any real place: class shares close to Grand Est's (about half farmland, a third
/// forest, a few percent built and sealed), patches from smooth noise, towns around random centres,
/// and change between millésimes of about 1–3 % of the area, mostly farmland and forest becoming
/// urbanised near towns, some of it through a construction site (`US6.1`) first.
struct SyntheticLandscape {
    let seed: UInt64
    /// Probability per period of a change between rural classes (0: none beyond the rare ones below).
    let ruralExchange: Double
    let forest: ValueNoise
    let water: ValueNoise
    let vine: ValueNoise
    /// Départements where vineyards appear (Champagne, Alsace).
    static let vineDepartements: Set<String> = ["51", "10", "67", "68", "52", "54", "55", "57"]

    init(seed: UInt64, ruralExchange: Double = 0) {
        self.seed = seed
        self.ruralExchange = ruralExchange
        forest = ValueNoise(seed: seed &+ 11, wavelength: 9_000, octaves: 4)
        water = ValueNoise(seed: seed &+ 23, wavelength: 5_000, octaves: 3)
        vine = ValueNoise(seed: seed &+ 37, wavelength: 7_000, octaves: 2)
    }

    /// Classes of a cell at 2010, 2019 and 2021.
    func classes(at p: Point, urban u: Double, departement: String, rng: inout SplitMix64) -> [CSUS] {
        let r = rng.unit()
        var c0: CSUS
        if u > 0.55 {
            switch r {
            case ..<0.34: c0 = CSUS(cs: "CS1.1.1.1", us: "US5")
            case ..<0.44: c0 = CSUS(cs: "CS1.1.1.1", us: rng.unit() < 0.5 ? "US2" : "US3")
            case ..<0.68: c0 = CSUS(cs: "CS1.1.1.2", us: "US4.1.1")
            case ..<0.72: c0 = CSUS(cs: "CS1.1.1.2", us: "US4.1.2")
            case ..<0.76: c0 = CSUS(cs: "CS1.1.2.1", us: "US4.3")
            case ..<0.92: c0 = CSUS(cs: "CS2.2.1", us: "US5")
            default: c0 = CSUS(cs: "CS2.1.1.1", us: "US6.3")
            }
        } else if u > 0.3 {
            switch r {
            case ..<0.18: c0 = CSUS(cs: "CS1.1.1.1", us: "US5")
            case ..<0.26: c0 = CSUS(cs: "CS1.1.1.2", us: "US4.1.1")
            case ..<0.34: c0 = CSUS(cs: "CS2.2.1", us: "US5")
            case ..<0.38: c0 = CSUS(cs: "CS1.1.1.1", us: "US2")
            default: c0 = CSUS(cs: "CS2.2.1", us: "US1.1")
            }
        } else if water.value(p.x, p.y) > 0.785 {
            c0 = CSUS(cs: "CS1.2.2", us: rng.unit() < 0.8 ? "US6.3" : "US1.4")
        } else if forest.value(p.x, p.y) > 0.53 {
            let k = rng.unit()
            c0 = CSUS(cs: k < 0.6 ? "CS2.1.1.1" : (k < 0.85 ? "CS2.1.1.2" : "CS2.1.1.3"), us: "US1.2")
        } else if Self.vineDepartements.contains(departement), vine.value(p.x, p.y) > (departement == "51" || departement == "68" ? 0.72 : 0.8) {
            c0 = CSUS(cs: "CS2.1.3", us: "US1.1")
        } else {
            switch r {
            case ..<0.90: c0 = CSUS(cs: "CS2.2.1", us: "US1.1")
            case ..<0.955: c0 = CSUS(cs: "CS2.1.2", us: "US6.3")
            case ..<0.97: c0 = CSUS(cs: "CS1.1.1.2", us: "US4.1.1")
            case ..<0.98: c0 = CSUS(cs: "CS1.1.2.1", us: "US1.3")
            case ..<0.99: c0 = CSUS(cs: "CS1.2.1", us: "US6.3")
            default: c0 = CSUS(cs: "CS1.1.1.1", us: "US1.1")
            }
        }
        // Change: urbanisation near towns, a little forest/farmland exchange, rare renaturation.
        var c1 = c0, c2 = c0
        let natural = !c0.cs.hasPrefix("CS1.1") && c0.cs != "CS1.2.2"
        let pressure = max(0, min(1, (u - 0.12) / 0.45))
        let d1 = rng.unit(), d2 = rng.unit(), kind = rng.unit()
        if natural && d1 < 0.05 * pressure + 0.002 {
            c1 = urbanised(kind)
            c2 = c1
        } else if natural && d2 < 0.02 * pressure + 0.0006 {
            // Built between 2019 and 2021, a construction site in 2019 for some.
            if kind < 0.3 { c1 = CSUS(cs: "CS1.2.1", us: "US6.1") }
            c2 = urbanised(rng.unit())
        } else if c0.cs.hasPrefix("CS2.1.1") && d1 > 0.996 {
            c1 = CSUS(cs: "CS2.2.1", us: "US1.1")
            c2 = d2 < 0.5 ? c1 : CSUS(cs: "CS2.1.2", us: "US6.3")
        } else if c0.us == "US1.1" && c0.cs == "CS2.2.1" && d1 > 0.997 {
            c1 = CSUS(cs: "CS2.1.2", us: "US6.3")
            c2 = d2 < 0.6 ? c1 : CSUS(cs: "CS2.1.1.1", us: "US1.2")
        } else if c0.cs == "CS1.1.1.1" && d1 > 0.995 {
            // Renaturation of a brownfield.
            c1 = CSUS(cs: "CS1.2.1", us: "US6.2")
            c2 = d2 < 0.5 ? c1 : CSUS(cs: "CS2.2.1", us: "US6.3")
        }
        // Rural exchanges, each period on its own (scale profile): most of OCS GE's change between
        // millésimes is farmland, grassland, shrubs and forest turning into one another.
        if ruralExchange > 0 && natural {
            if c1 == c0 && rng.unit() < ruralExchange { c1 = rural(after: c0, rng.unit()); c2 = c1 }
            if c2 == c1 && rng.unit() < ruralExchange { c2 = rural(after: c1, rng.unit()) }
        }
        return [c0, c1, c2]
    }

    /// The rural class a rural class turns into.
    private func rural(after c: CSUS, _ k: Double) -> CSUS {
        switch (c.cs, c.us) {
        case ("CS2.2.1", "US1.1"):
            return k < 0.5 ? CSUS(cs: "CS2.2.1", us: "US6.3") : (k < 0.9 ? CSUS(cs: "CS2.1.2", us: "US6.3") : CSUS(cs: "CS2.1.1.1", us: "US1.2"))
        case ("CS2.2.1", _), ("CS2.1.2", _):
            return k < 0.5 ? CSUS(cs: "CS2.2.1", us: "US1.1") : CSUS(cs: "CS2.1.1.1", us: "US1.2")
        case ("CS2.1.1.1", _), ("CS2.1.1.2", _), ("CS2.1.1.3", _):
            return k < 0.7 ? CSUS(cs: "CS2.2.1", us: "US1.2") : CSUS(cs: "CS2.1.2", us: "US1.2")
        case ("CS2.1.3", _):
            return CSUS(cs: "CS2.2.1", us: "US1.1")
        default:
            return c
        }
    }

    private func urbanised(_ k: Double) -> CSUS {
        switch k {
        case ..<0.45: return CSUS(cs: "CS1.1.1.1", us: "US5")
        case ..<0.6: return CSUS(cs: "CS1.1.1.1", us: k < 0.52 ? "US2" : "US3")
        case ..<0.8: return CSUS(cs: "CS1.1.1.2", us: "US4.1.1")
        default: return CSUS(cs: "CS2.2.1", us: "US5")
        }
    }
}
