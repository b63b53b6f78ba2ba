import XCTest
@testable import PortraitsCore

/// Communes photographed in different years (IGN's national OCS GE): vintages read from the
/// coverage, facts projected on ranks, the years each territory's figure sums, rates per year
/// computed commune by commune.
final class MillesimesTests: XCTestCase {
    // Year space as tabulated: 2018 and 2021 in département 67, 2019 and 2023 in 68 (four years, against three).
    let years = FactsLayout(millesimes: [2018, 2019, 2021, 2023], periods: [Period(2018, 2021), Period(2019, 2023)])
    let field = ClassKey(1, 1), built = ClassKey(0, 0)

    func commune(_ code: String, epci: String, dep: String) -> CommuneRecord {
        CommuneRecord(code: code, name: "C\(code)", epci: CodeName(epci, "E\(epci)"), departement: CodeName(dep, "D\(dep)"), region: CodeName("44", "Grand Est"))
    }

    /// A commune of `area` ha photographed in `y0` and `y1`, of which `consumed` ha of field became built;
    /// `sliver` ha of land cover of `sliverYear` (a neighbour's delivery) lie inside it.
    func facts(area: Double, y0: Int, y1: Int, consumed: Double, sliver: (year: Int, ha: Double)? = nil) -> AreaFacts {
        var f = AreaFacts(millesimeCount: 4, periodCount: 2, area: area * 10_000)
        let m0 = years.index(of: y0)!, m1 = years.index(of: y1)!, p = years.periods.firstIndex(of: Period(y0, y1))!
        f.covered[m0] = area * 10_000
        f.covered[m1] = area * 10_000
        f.stock[m0] = [field: area * 10_000]
        f.stock[m1] = [field: (area - consumed) * 10_000, built: consumed * 10_000]
        f.lcr[m1] = consumed * 10_000
        f.transitions[p] = [Transition(field, field): (area - consumed) * 10_000, Transition(field, built): consumed * 10_000]
        f.lcrFlux[p].artificialisation = consumed * 10_000
        if let sliver { f.covered[years.index(of: sliver.year)!] = sliver.ha * 10_000 }
        return f
    }

    func testVintagesComeFromTheDeliveryThatCoversEachCommuneNotFromASliver() {
        let v = CommuneVintages.assign(communeFacts: [facts(area: 100, y0: 2018, y1: 2021, consumed: 4, sliver: (2019, 0.3)),
                                                      facts(area: 200, y0: 2019, y1: 2023, consumed: 2),
                                                      AreaFacts(millesimeCount: 4, periodCount: 2, area: 50)], layout: years, groups: [[0], [1], [2]])
        XCTAssertEqual(v.byCommune, [Vintage([2018, 2021]), Vintage([2019, 2023]), nil])
        XCTAssertEqual(v.slivers, [CommuneVintages.Sliver(commune: 0, year: 2019, area: 3_000)])
        XCTAssertFalse(v.isUniform)
        XCTAssertEqual(v.rankCount, 2)
        XCTAssertEqual(v.uncovered, [2])
        XCTAssertEqual(v.groups.map(\.vintage), [Vintage([2018, 2021]), Vintage([2019, 2023])])
        XCTAssertEqual(v.yearPeriods(for: [Period(1, 2)]), [Period(2018, 2021), Period(2019, 2023)])
        XCTAssertTrue(CommuneVintages.assign(communeFacts: [facts(area: 100, y0: 2018, y1: 2021, consumed: 4)], layout: years, groups: [[0]]).isUniform)
    }

    /// An EPCI across the border: its stock at the 2nd millésime sums 2021 and 2023, said so; its
    /// consumption per year is 40/3 + 30/4 = 20.83 ha, not 70 ha over "3 or 4" years.
    func testATerritoryAcrossTwoDeliveriesSumsRanksAndRatesCommuneByCommune() throws {
        let catalog = try TerritoryCatalog(communes: [commune("67001", epci: "200000001", dep: "67"), commune("67002", epci: "200000002", dep: "67"),
                                                      commune("68001", epci: "200000001", dep: "68")], source: "m.csv")
        let communeFacts = [facts(area: 300, y0: 2018, y1: 2021, consumed: 40), facts(area: 100, y0: 2018, y1: 2021, consumed: 6),
                            facts(area: 500, y0: 2019, y1: 2023, consumed: 30)]
        let vintages = CommuneVintages.assign(communeFacts: communeFacts, layout: years, groups: catalog.all(.departement).map(\.communeIndices))
        let ranked = try RankedFacts.make(catalog: catalog, communeFacts: communeFacts, vintages: vintages)
        XCTAssertEqual(ranked.layout, FactsLayout(millesimes: [1, 2], periods: [Period(1, 2)], ranked: true))

        let across = TerritoryID(.epci, "200000001"), within = TerritoryID(.epci, "200000002")
        let f = try XCTUnwrap(ranked.facts[across])
        XCTAssertEqual(f.area, 800 * 10_000)
        XCTAssertEqual(f.covered, [800 * 10_000, 800 * 10_000])
        XCTAssertEqual(f.stock[1][built], 70 * 10_000)
        XCTAssertEqual(f.lcrFlux[0].artificialisation, 70 * 10_000)

        let y = try XCTUnwrap(ranked.years[across])
        XCTAssertFalse(y.isSingle)
        XCTAssertEqual(y.millesimes[1]?.description, "2021 ou 2023")
        XCTAssertEqual(y.millesimes[1]?.label, "2021 ou 2023 selon les communes")
        XCTAssertEqual(y.millesimes[0]?.detail, "2018 (1 commune) et 2019 (1 commune)")
        XCTAssertEqual(y.periods[0]?.label, "2018–2021 ou 2019–2023 selon les communes")
        XCTAssertEqual(y.periods[0]?.between, "entre 2018 et 2021 (1 commune) et entre 2019 et 2023 (1 commune)")
        XCTAssertEqual(y.periods[0]?.parts.map(\.area), [300 * 10_000, 500 * 10_000])

        let perYear = try XCTUnwrap(y.scaledByYears[0])
        XCTAssertEqual(perYear.lcrFlux[0].artificialisation / 10_000, 40.0 / 3 + 30.0 / 4, accuracy: 1e-9)
        XCTAssertEqual(perYear.transitions[0][Transition(field, built)]! / 10_000, 40.0 / 3 + 30.0 / 4, accuracy: 1e-9)
        // Stocks too, so that a change of stock per year is each commune's over its own years.
        XCTAssertEqual((perYear.stock[1][built] ?? 0) - (perYear.stock[0][built] ?? 0), (40.0 / 3 + 30.0 / 4) * 10_000, accuracy: 1e-6)

        // A territory within one delivery has one year per rank, and its rate is its total over its years.
        let w = try XCTUnwrap(ranked.years[within])
        XCTAssertTrue(w.isSingle)
        XCTAssertEqual(w.millesimes.map { $0?.single }, [2018, 2021])
        XCTAssertEqual(w.periods[0]?.single, Period(2018, 2021))
        XCTAssertNil(w.scaledByYears[0])
        // A commune keeps its own years; the région, as the EPCI across the border, says both.
        XCTAssertEqual(ranked.years[TerritoryID(.commune, "68001")]?.periods[0]?.single, Period(2019, 2023))
        XCTAssertEqual(ranked.years[TerritoryID(.region, "44")]?.millesimes[0]?.detail, "2018 (2 communes) et 2019 (1 commune)")
    }

    /// A commune its département's delivery covers only in part (or not at all in 2021) keeps the
    /// département's ranks: its 2021 stays its 2nd millésime, with partial coverage.
    func testACommuneKeepsItsDepartementsYearsWhenItsCoverageIsPartial() {
        var partial = facts(area: 10, y0: 2018, y1: 2021, consumed: 0)
        partial.covered[0] = 0
        partial.stock[0] = [:]
        let v = CommuneVintages.assign(communeFacts: [facts(area: 100, y0: 2018, y1: 2021, consumed: 4), partial], layout: years, groups: [[0, 1]])
        XCTAssertEqual(v.byCommune, [Vintage([2018, 2021]), Vintage([2018, 2021])])
        XCTAssertTrue(v.isUniform)
    }

    func testAPeriodTheTabulationLacksIsNamed() {
        let only = FactsLayout(millesimes: years.millesimes, periods: [Period(2018, 2021)])
        var f = AreaFacts(millesimeCount: 4, periodCount: 1, area: 10)
        f.covered = [0, 10, 0, 10]
        let v = CommuneVintages.assign(communeFacts: [f], layout: only, groups: [[0]])
        XCTAssertThrowsError(try RankedFacts.project(f, vintage: v.byCommune[0], from: only, to: FactsLayout(millesimes: [1, 2], periods: [Period(1, 2)]), commune: "68001")) { e in
            XCTAssertTrue("\(e)".contains("commune 68001 needs the period 2019–2023 (its own millésimes), which was not tabulated (periods: 2018–2021)"), "\(e)")
        }
    }

    func testFrenchListsAndRankNames() {
        XCTAssertEqual(FrenchText.and(["a"]), "a")
        XCTAssertEqual(FrenchText.and(["a", "b", "c"]), "a, b et c")
        XCTAssertEqual(FrenchText.or(["2021", "2023"]), "2021 ou 2023")
        XCTAssertEqual(YearSpan.rankName(1), "1er millésime")
        XCTAssertEqual(YearSpan.rankName(2), "2e millésime")
        XCTAssertEqual(YearSpan(2021).label, "2021")
    }
}
