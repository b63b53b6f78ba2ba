import XCTest
@testable import PortraitsCore

/// Each indicator on small literal tables. Two dimensions: couverture A (built, sealed), B (herbaceous),
/// C (forest); usage H (housing), F (farming), W (forestry).
final class IndicatorTests: XCTestCase {
    let grey = RGBColor(hex: "#808080")!
    lazy var nomenclature: Nomenclature = {
        func c(_ code: String, _ parent: String?, _ level: Int) -> NomenclatureClass {
            NomenclatureClass(code: code, parent: parent, level: level, label: "L\(code)", shortLabel: code, color: grey)
        }
        var n = Nomenclature(name: "t", dimensions: [
            try! NomenclatureDimension(id: "couverture", name: "C", levelNames: ["N1", "N2"],
                                       classes: [c("X", nil, 1), c("A", "X", 2), c("Y", nil, 1), c("B", "Y", 2), c("C", "Y", 2)], source: "t"),
            try! NomenclatureDimension(id: "usage", name: "U", levelNames: ["N1"], classes: [c("H", nil, 1), c("F", nil, 1), c("W", nil, 1)], source: "t"),
        ])
        n.rules = CorrespondenceRules(rows: [
            .init(match: ["A", nil], artificialised: true, sealed: true),
            .init(match: ["B", "H"], artificialised: true, sealed: false),
            .init(match: ["B", "F"], artificialised: false, sealed: false),
            .init(match: ["B", "W"], artificialised: false, sealed: false),
            .init(match: ["B", nil], sealed: false),
            .init(match: ["C", nil], artificialised: false, sealed: false),
            .init(match: [nil, "H"], naf: .urbanise, destination: .habitat),
            .init(match: [nil, "F"], naf: .agricole),
            .init(match: [nil, "W"], naf: .forestier),
        ])
        return n
    }()
    lazy var traits = TraitsTable(nomenclature: nomenclature, rules: nomenclature.rules)

    // Keys: couverture A=0, B=1, C=2; usage H=0, F=1, W=2.
    let builtHousing = ClassKey(0, 0), gardenHousing = ClassKey(1, 0), field = ClassKey(1, 1), forest = ClassKey(2, 2)
    let layout = FactsLayout(millesimes: [2010, 2019, 2021], periods: [Period(2010, 2019), Period(2019, 2021), Period(2010, 2021)])

    /// 100 ha territory: 2010 → 2019 a field of 4 ha becomes houses (3 built + 1 garden), a forest
    /// of 1 ha becomes field; 2019 → 2021, 2 ha of field become built.
    var facts: AreaFacts {
        var f = AreaFacts(millesimeCount: 3, periodCount: 3, area: 1_000_000)
        f.stock[0] = [builtHousing: 100_000, field: 600_000, forest: 300_000]
        f.stock[1] = [builtHousing: 130_000, gardenHousing: 10_000, field: 570_000, forest: 290_000]
        f.stock[2] = [builtHousing: 150_000, gardenHousing: 10_000, field: 550_000, forest: 290_000]
        f.covered = [1_000_000, 1_000_000, 1_000_000]
        f.transitions[0] = [Transition(builtHousing, builtHousing): 100_000, Transition(field, builtHousing): 30_000,
                            Transition(field, gardenHousing): 10_000, Transition(field, field): 560_000,
                            Transition(forest, field): 10_000, Transition(forest, forest): 290_000]
        f.transitions[1] = [Transition(builtHousing, builtHousing): 130_000, Transition(gardenHousing, gardenHousing): 10_000,
                            Transition(field, builtHousing): 20_000, Transition(field, field): 550_000, Transition(forest, forest): 290_000]
        f.transitions[2] = [Transition(builtHousing, builtHousing): 100_000, Transition(field, builtHousing): 50_000,
                            Transition(field, gardenHousing): 10_000, Transition(field, field): 540_000,
                            Transition(forest, field): 10_000, Transition(forest, forest): 290_000]
        return f
    }

    /// The headline figures are named fields, published once under their column names.
    func testHeadlineFiguresArePublishedUnderTheirColumns() {
        let h = HeadlineFigures.compute(facts, period: 0, layout: layout, traits: traits, nomenclature: nomenclature, level: 2)
        XCTAssertEqual(h.consumption, 40_000)
        XCTAssertEqual(h.consumptionPerYear, 40_000 / 9, accuracy: 1e-9)
        XCTAssertEqual(h.changed, 40_000, "field → built and forest → field; field → garden stays in B")
        XCTAssertEqual(h.changedShare, 0.04, accuracy: 1e-12)
        let published = Dictionary(uniqueKeysWithValues: zip(IndicatorSummary.definitions.map(\.id), IndicatorSummary.values(h)))
        XCTAssertEqual(published["consommation_ha"]!, 4, accuracy: 1e-12)
        XCTAssertEqual(published["consommation_ha_an"]!, 4.0 / 9, accuracy: 1e-12)
        XCTAssertEqual(published["consommation_intensite"]!, 4.0 / 9 / 0.1, accuracy: 1e-9, "per 1 000 ha of a 100 ha territory")
        XCTAssertEqual(published["surface_changee_ha"]!, 4, accuracy: 1e-12)
        XCTAssertEqual(published["part_changee_pct"]!, 4, accuracy: 1e-12)
        XCTAssertEqual(published["part_artificialisee_pct"]!, 100 * h.artificialisedShare, accuracy: 1e-12)
        XCTAssertEqual(IndicatorSummary.definitions.count, Set(IndicatorSummary.definitions.map(\.id)).count)
    }

    /// Sums over the class dictionaries are made in key order: however a dictionary was built (its
    /// iteration order changes with insertion and from one process to the next), the figures are
    /// the same to the last bit. 1e16 + 1 + 1 depends on the order of the additions.
    func testSumsDoNotDependOnTheDictionarysOrder() {
        let pairs = [(Transition(field, builtHousing), 1e16), (Transition(field, gardenHousing), 1.0), (Transition(forest, builtHousing), 1.0),
                     (Transition(forest, gardenHousing), 1.0)]
        var results: Set<Double> = []
        for (order, capacity) in [(pairs, 0), (Array(pairs.reversed()), 0), (pairs, 4_096), ([pairs[1], pairs[3], pairs[0], pairs[2]], 64)] {
            var f = facts
            f.transitions[0] = Dictionary(minimumCapacity: capacity)
            for (t, v) in order { f.transitions[0][t] = v }
            results.insert(Consumption.figures(f, period: 0, layout: layout, traits: traits).total)
        }
        XCTAssertEqual(results.count, 1, "one consumption total, whatever the order: \(results)")
    }

    func testEvolution() {
        let rows = Evolution.byClass(facts, period: Period(2010, 2021), layout: layout, nomenclature: nomenclature, level: 2)
        XCTAssertEqual(rows.map(\.code), ["A", "B", "C"])
        XCTAssertEqual(rows[0].change, 50_000)
        XCTAssertEqual(rows[0].relative!, 0.5, accuracy: 1e-12)
        XCTAssertEqual(rows[0].perYear, 50_000 / 11, accuracy: 1e-9)
        XCTAssertEqual(rows[1].change, -40_000)
        let level1 = Evolution.byClass(facts, period: Period(2010, 2021), layout: layout, nomenclature: nomenclature, level: 1)
        XCTAssertEqual(level1.map(\.code), ["X", "Y"])
        XCTAssertEqual(level1[1].change, -50_000)
    }

    func testMutationMatrixRowsAndColumnsSumToStocks() {
        let m = Mutations.matrix(facts, period: 2, nomenclature: nomenclature, level: 2)
        XCTAssertEqual(m.classes.map(\.code), ["A", "B", "C"])
        XCTAssertEqual(m.rowTotals, [100_000, 600_000, 300_000], "rows: stock 2010")
        XCTAssertEqual(m.columnTotals, [150_000, 560_000, 290_000], "columns: stock 2021")
        // Field → garden keeps couverture B: no change at this level.
        XCTAssertEqual(m.grossChange, 60_000)
        XCTAssertEqual(m.persistence, 940_000)
        XCTAssertEqual(m.mainTransitions(1).first?.from.code, "B")
        XCTAssertEqual(m.mainTransitions(1).first?.to.code, "A")
        XCTAssertEqual(m.mainTransitions(1).first?.area, 50_000)
        // At level 1, B→A crosses Y→X, C→B stays inside Y.
        let m1 = Mutations.matrix(facts, period: 2, nomenclature: nomenclature, level: 1)
        XCTAssertEqual(m1.grossChange, 50_000)
    }

    func testSealing() {
        let s = Sealing.figures(facts, period: 2, layout: layout, traits: traits)
        XCTAssertEqual(s.sealedBefore, 100_000)
        XCTAssertEqual(s.sealedAfter, 150_000)
        XCTAssertEqual(s.sealing, 50_000)
        XCTAssertEqual(s.unsealing, 0)
        XCTAssertEqual(s.shareOfTerritory, 0.15, accuracy: 1e-12)
        XCTAssertEqual(s.shareOfUrbanised!, 150_000.0 / 160_000, accuracy: 1e-12)
        // A sealed class of another use (a farm building: built, farming) is urbanised soil too:
        // the share stays the composition's, below 100 %.
        var farm = facts
        farm.stock[2][ClassKey(0, 1)] = 40_000
        let f = Sealing.figures(farm, period: 2, layout: layout, traits: traits)
        let c = Sealing.composition(farm, millesime: 2, traits: traits)
        XCTAssertEqual(f.shareOfUrbanised!, 190_000.0 / 200_000, accuracy: 1e-12)
        XCTAssertEqual(f.shareOfUrbanised!, c.sealed / (c.sealed + c.urbanisedNotSealed), accuracy: 1e-12)
    }

    func testSealingComposition() {
        let c = Sealing.composition(facts, millesime: 1, traits: traits)
        XCTAssertEqual(c.sealed, 130_000)
        XCTAssertEqual(c.urbanisedNotSealed, 10_000, "the garden: urbanised (housing), not sealed")
        XCTAssertEqual(c.other, 860_000)
        XCTAssertEqual(c.total, facts.classTotal(1), accuracy: 1e-9)
    }

    func testChangeKindsInTheirOrder() {
        let levels = CoverLevels(nomenclature.primary)
        let depth = nomenclature.primary.depth
        func change(_ a: ClassKey, _ b: ClassKey, _ fa: Bool? = nil, _ fb: Bool? = nil) -> LandChange? {
            LandChange.of(from: a, to: b, fromTraits: traits[a], toTraits: traits[b],
                          artificialisedBefore: fa ?? traits[a].artificialised, artificialisedAfter: fb ?? traits[b].artificialised, levels: levels)
        }
        func kind(_ a: ClassKey, _ b: ClassKey, _ fa: Bool? = nil, _ fb: Bool? = nil) -> ChangeKind? {
            change(a, b, fa, fb)?.kind(atLevel: depth)
        }
        XCTAssertNil(change(field, field))
        XCTAssertEqual(kind(field, builtHousing), .consommation, "agricultural → urbanised, also artificialised: consumption first")
        XCTAssertEqual(kind(forest, field), .autre)
        XCTAssertEqual(kind(builtHousing, field), .desartificialisation)
        // Artificialised without being consumption: urbanised before and after, not artificialised
        // before because of the thresholds (a small patch).
        XCTAssertEqual(kind(gardenHousing, builtHousing, false, true), .artificialisation)
        // Same class, status changed by the thresholds only: no change of cover, a change of status.
        XCTAssertEqual(kind(gardenHousing, gardenHousing, true, false), .usage)
        XCTAssertEqual(change(gardenHousing, gardenHousing, true, false)?.status, .desartificialisation)
        XCTAssertNil(kind(gardenHousing, gardenHousing, true, true))
        // The field becomes a garden: the cover (herbaceous) stays, the use makes it consumed.
        XCTAssertEqual(field.primary, gardenHousing.primary, "the fixture's field and garden share their cover")
        XCTAssertEqual(kind(field, gardenHousing), .usage)
        XCTAssertEqual(change(field, gardenHousing)?.status, .consommation)
    }

    func testCoverChangeDependsOnTheDisplayLevel() {
        let dim = nomenclature.primary
        let levels = CoverLevels(dim)
        // Two leaves under one class of level 1 part at a deeper level: unchanged at level 1.
        let leaves = dim.leaves.map { dim.classes[$0].code }
        var pair: (Int32, Int32, Int)? = nil
        search: for i in leaves.indices { for j in leaves.indices where i != j {
            let l = Int(levels.firstDifference(Int32(i), Int32(j)))
            if l > 1 { pair = (Int32(i), Int32(j), l); break search }
        } }
        guard let (a, b, part) = pair else { return XCTFail("the fixture has two leaves under one top class") }
        XCTAssertEqual(dim.ancestor(of: leaves[Int(a)], atLevel: part - 1)?.code, dim.ancestor(of: leaves[Int(b)], atLevel: part - 1)?.code)
        XCTAssertNotEqual(dim.ancestor(of: leaves[Int(a)], atLevel: part)?.code, dim.ancestor(of: leaves[Int(b)], atLevel: part)?.code)
        let c = LandChange(status: .none, coverLevel: UInt8(part))
        XCTAssertNil(c.kind(atLevel: part - 1), "same class at the coarser level: not a change there")
        XCTAssertEqual(c.kind(atLevel: part), .autre)
        XCTAssertEqual(levels.firstDifference(a, a), 0)
        XCTAssertEqual(levels.firstDifference(a, -1), 0, "an unknown class is no change of cover")
        // Facts: the kinds at a level add up to the matrix's gross change at that level.
        var f = AreaFacts(millesimeCount: 2, periodCount: 1)
        f.transitions[0][Transition(ClassKey(a), ClassKey(b))] = 300
        f.changes[0][c] = 300
        for level in 1...dim.depth {
            let m = Mutations.matrix(f, period: 0, nomenclature: nomenclature, level: level)
            XCTAssertEqual(ChangedArea.of(f, period: 0, level: level).coverChange, m.grossChange, "level \(level)")
        }
    }

    func testPeriodChangesPackOneBytePerPeriod() {
        var c = PeriodChanges()
        let consumed = LandChange(status: .consommation, coverLevel: 2)
        let other = LandChange(status: .none, coverLevel: 4)
        let use = LandChange(status: .desartificialisation, coverLevel: 0)
        c[0] = consumed
        c[3] = other
        c[9] = use
        c[15] = consumed
        XCTAssertEqual(c[0], consumed)
        XCTAssertNil(c[1])
        XCTAssertEqual(c[3], other)
        XCTAssertEqual(c[9], use)
        XCTAssertEqual(c[15], consumed)
        c[3] = nil
        XCTAssertNil(c[3])
        XCTAssertEqual(c[0], consumed)
        XCTAssertEqual(PeriodChanges(low: c.low, high: c.high), c)
        XCTAssertNil(c[16], "beyond the supported periods: nothing, no crash")
    }

    func testPolygonAreaSubtractsHoles() {
        let outer = [Point(0, 0), Point(10, 0), Point(10, 10), Point(0, 10), Point(0, 0)]
        let hole = [Point(2, 2), Point(2, 4), Point(4, 4), Point(4, 2), Point(2, 2)]
        XCTAssertEqual(PolygonRings(rings: [outer]).area, 100, accuracy: 1e-12)
        XCTAssertEqual(PolygonRings(rings: [outer, hole]).area, 96, accuracy: 1e-12)
        XCTAssertEqual(PolygonRings(rings: [Array(outer.reversed())]).area, 100, accuracy: 1e-12)
    }

    func testConsumptionAndComparisonBetweenPeriods() {
        let c = Consumption.figures(facts, period: 2, layout: layout, traits: traits)
        XCTAssertEqual(c.total, 60_000, "field → built or garden; forest → field is not consumption")
        XCTAssertEqual(c.byOrigin[.agricole], 60_000)
        XCTAssertEqual(c.byDestination[.habitat], 60_000)
        XCTAssertEqual(c.perYear, 60_000 / 11, accuracy: 1e-9)
        let a = Consumption.figures(facts, period: 0, layout: layout, traits: traits)
        let b = Consumption.figures(facts, period: 1, layout: layout, traits: traits)
        XCTAssertEqual(a.perYear, 40_000 / 9, accuracy: 1e-9)
        XCTAssertEqual(b.perYear, 10_000, accuracy: 1e-9)
        XCTAssertEqual(Consumption.rateChange(current: b, reference: a)!, (10_000 - 40_000.0 / 9) / (40_000.0 / 9), accuracy: 1e-12)
    }

    func testArtificialisationMatrixFlux() {
        var f = facts
        f.lcr = [100_000, 140_000, 150_000]
        f.lcrFlux[2] = LCRFlux(artificialisation: 50_000, desartificialisation: 0)
        let a = Artificialisation.figures(f, period: 2, layout: layout, traits: traits)
        XCTAssertEqual(a.matrixBefore, 100_000)
        XCTAssertEqual(a.matrixAfter, 160_000, "built + garden with housing")
        XCTAssertEqual(a.matrixFlux.artificialisation, 60_000)
        XCTAssertEqual(a.thresholdAfter, 150_000)
        XCTAssertEqual(a.thresholdEffect, -10_000)
        XCTAssertEqual(a.shareOfTerritory, 0.15, accuracy: 1e-12)
        XCTAssertEqual(a.undetermined, 0)
    }

    func testUndeterminedWhenUsageIsMissing() {
        var f = AreaFacts(millesimeCount: 1, periodCount: 0, area: 100)
        f.stock[0] = [ClassKey(1, -1): 60, ClassKey(0, -1): 40]
        XCTAssertNil(traits[ClassKey(1, -1)].artificialised, "herbaceous without usage: the matrix cannot tell")
        XCTAssertEqual(traits[ClassKey(0, -1)].artificialised, true)
        XCTAssertEqual(Artificialisation.undeterminedArea(f, millesime: 0, traits: traits), 60)
        XCTAssertEqual(Artificialisation.matrixArea(f, millesime: 0, traits: traits), 40)
    }

    func testZANAllowanceWithCommunalGuarantee() {
        XCTAssertEqual(ZAN.interval(of: Period(2011, 2020)).years, 10)
        XCTAssertEqual(ZAN.nearestPeriod(to: ZAN.interval(of: Period(2011, 2020)), in: [Period(2010, 2019), Period(2019, 2021), Period(2010, 2021)]), Period(2010, 2021))
        XCTAssertEqual(ZAN.nearestPeriod(to: ZAN.interval(of: Period(2011, 2020)), in: [Period(2009, 2012), Period(2012, 2019)]), Period(2012, 2019))
        XCTAssertEqual(ZAN.currentPeriod(in: [Period(2010, 2019), Period(2019, 2021), Period(2010, 2021)]), Period(2019, 2021))
        var current = ConsumptionFigures(period: Period(2019, 2021), total: 60_000, byOrigin: [:], byDestination: [:], undeterminedDestination: 0, returnedToNAF: 0, undetermined: 0)
        // Two communes consumed 9 ha and 0,9 ha over 2010–2019 (9 years): 10 ha and 1 ha over ten years.
        let used = Period(2010, 2019), asked = Period(2011, 2020)
        let t = ZAN.trajectory(referenceAsked: asked, referenceUsed: PeriodSpan(used),
                               communeReference: [90_000, 9_000].map { ZAN.broughtToReference($0, used: used, asked: asked) }, current: current)
        XCTAssertEqual(t.referenceConsumption, 110_000, accuracy: 1e-6)
        XCTAssertEqual(t.allowance, 50_000 + 10_000, accuracy: 1e-6, "5 ha, and 0,5 ha raised to the 1 ha guarantee")
        XCTAssertEqual(t.guaranteedCommunes, 1)
        XCTAssertEqual(t.currentPace, 30_000)
        XCTAssertEqual(t.projection, 300_000)
        XCTAssertEqual(t.projectionRatio!, 5, accuracy: 1e-12)
        XCTAssertEqual(t.exhaustionYear, 2023)
        current.total = 0
        XCTAssertNil(ZAN.trajectory(referenceAsked: Period(2011, 2020), referenceUsed: PeriodSpan(Period(2011, 2021)), communeReference: [0], current: current).exhaustionYear)
    }

    func testRankSharesTies() {
        XCTAssertEqual(Comparison.rank(of: "b", in: ["a": 3, "b": 2, "c": 2, "d": 1]), Rank(position: 2, count: 4))
        XCTAssertEqual(Comparison.rank(of: "d", in: ["a": 3, "b": 2, "c": 2, "d": 1]), Rank(position: 4, count: 4))
        XCTAssertNil(Comparison.rank(of: "z", in: ["a": 1]))
    }

    func testRulesTakeTheFirstMatchPerAttributeAndMatchAncestors() {
        XCTAssertEqual(traits[gardenHousing], ClassTraits(artificialised: true, sealed: false, naf: .urbanise, destination: .habitat))
        XCTAssertEqual(traits[field], ClassTraits(artificialised: false, sealed: false, naf: .agricole))
        XCTAssertEqual(traits[forest].naf, .forestier)
    }
}
