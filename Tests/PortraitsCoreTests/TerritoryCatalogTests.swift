import XCTest
@testable import PortraitsCore

final class TerritoryCatalogTests: XCTestCase {
    func commune(_ code: String, epci: String, dep: String, scot: String? = nil) -> CommuneRecord {
        CommuneRecord(code: code, name: "C\(code)", epci: CodeName(epci, "E\(epci)"), departement: CodeName(dep, "D\(dep)"),
                      region: CodeName("44", "Grand Est"), scot: scot.map { CodeName($0, "S\($0)") })
    }

    func testBuildsEveryLevelWithParentsAndChildren() throws {
        let cat = try TerritoryCatalog(communes: [
            commune("67002", epci: "200000001", dep: "67", scot: "S1"),
            commune("67001", epci: "200000001", dep: "67"),
            commune("68001", epci: "200000002", dep: "68", scot: "S1"),
        ], source: "m.csv")
        XCTAssertEqual(cat.communes.map(\.code), ["67001", "67002", "68001"])
        XCTAssertEqual(cat.all(.region).count, 1)
        XCTAssertEqual(cat.all(.departement).map(\.id.code), ["67", "68"])
        XCTAssertEqual(cat[TerritoryID(.region, "44")]?.children, [TerritoryID(.departement, "67"), TerritoryID(.departement, "68")])
        XCTAssertEqual(cat[TerritoryID(.commune, "67002")]?.parents,
                       [TerritoryID(.region, "44"), TerritoryID(.departement, "67"), TerritoryID(.epci, "200000001"), TerritoryID(.scot, "S1")])
        // A SCoT across two départements has the région as parent and both départements.
        XCTAssertEqual(cat[TerritoryID(.scot, "S1")]?.parents, [TerritoryID(.region, "44"), TerritoryID(.departement, "67"), TerritoryID(.departement, "68")])
        XCTAssertEqual(cat[TerritoryID(.scot, "S1")]?.communeIndices, [1, 2])
        XCTAssertNil(cat.communes[0].scot)
    }

    func testDuplicateCommuneAndConflictingNamesAreReported() {
        var b = commune("67001", epci: "200000001", dep: "67")
        b.epci?.name = "Other name"
        XCTAssertThrowsError(try TerritoryCatalog(communes: [commune("67001", epci: "200000001", dep: "67"), commune("67001", epci: "200000001", dep: "67"),
                                                              { var c = b; c.code = "67003"; return c }()], source: "m.csv")) { e in
            let text = "\(e)"
            XCTAssertTrue(text.contains("commune 67001 appears twice (rows 1 and 2)"), text)
            XCTAssertTrue(text.contains("is named \"Other name\" here and \"E200000001\" elsewhere"), text)
        }
    }

    func testUnsafeCodesAreRejectedBeforeTheyBecomePaths() {
        XCTAssertThrowsError(try TerritoryCatalog(communes: [commune("../etc", epci: "1", dep: "67")], source: "m.csv"))
        XCTAssertFalse(SafeCode.isValid(".."))
        XCTAssertFalse(SafeCode.isValid("a/b"))
        XCTAssertTrue(SafeCode.isValid("2A004"))
    }

    func testAggregationSumsCommunesExactly() throws {
        let cat = try TerritoryCatalog(communes: [commune("1", epci: "E", dep: "67"), commune("2", epci: "E", dep: "67")], source: "m")
        let layout = FactsLayout(millesimes: [2019, 2021], periods: [Period(2019, 2021)])
        var a = AreaFacts(millesimeCount: 2, periodCount: 1, area: 100)
        a.stock[0][ClassKey(0)] = 60; a.stock[1][ClassKey(0)] = 50; a.stock[1][ClassKey(1)] = 10
        a.covered = [60, 60]
        a.transitions[0][Transition(ClassKey(0), ClassKey(1))] = 10
        var b = AreaFacts(millesimeCount: 2, periodCount: 1, area: 40)
        b.stock[0][ClassKey(1)] = 40; b.stock[1][ClassKey(1)] = 40
        b.covered = [40, 40]
        let facts = Aggregation.facts(of: cat, communeFacts: [a, b], layout: layout)
        let epci = facts[TerritoryID(.epci, "E")]!
        XCTAssertEqual(epci.area, 140)
        XCTAssertEqual(epci.stock[1], [ClassKey(0): 50, ClassKey(1): 50])
        XCTAssertEqual(epci.transitions[0], [Transition(ClassKey(0), ClassKey(1)): 10])
        XCTAssertEqual(facts[TerritoryID(.region, "44")], epci)
        XCTAssertEqual(facts[TerritoryID(.commune, "1")], a)
    }
}
