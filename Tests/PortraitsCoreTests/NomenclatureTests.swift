import XCTest
@testable import PortraitsCore

final class NomenclatureTests: XCTestCase {
    let red = RGBColor(hex: "#ff0000")!

    func cls(_ code: String, _ parent: String?, _ level: Int, label: String = "L") -> NomenclatureClass {
        NomenclatureClass(code: code, parent: parent, level: level, label: label, shortLabel: label, color: red)
    }

    func testLeavesAncestorsAndLevels() throws {
        let d = try NomenclatureDimension(id: "cs", name: "Couverture", levelNames: ["N1", "N2", "N3"], classes: [
            cls("A", nil, 1), cls("A1", "A", 2), cls("A1a", "A1", 3), cls("A1b", "A1", 3), cls("B", nil, 1), cls("B1", "B", 2),
        ], source: "n.csv")
        XCTAssertEqual(d.leaves.map { d.classes[$0].code }, ["A1a", "A1b", "B1"])
        XCTAssertEqual(d.leafNumber(of: "A1b"), 1)
        XCTAssertNil(d.leafNumber(of: "A1"))
        XCTAssertEqual(d.ancestor(of: "A1b", atLevel: 1)?.code, "A")
        XCTAssertEqual(d.classes(atLevel: 2).map(\.code), ["A1", "B1"])
        // A leaf above the level asked stands for itself.
        XCTAssertEqual(d.classes(atLevel: 3).map(\.code), ["A1a", "A1b", "B1"])
    }

    func testValidationReportsEveryProblem() {
        XCTAssertThrowsError(try NomenclatureDimension(id: "cs", name: "C", levelNames: ["N1", "N2"], classes: [
            cls("A", nil, 1), cls("A", nil, 1), cls("X1", "X", 2), cls("B1", "A", 2, label: ""),
        ], source: "n.csv")) { e in
            let t = "\(e)"
            XCTAssertTrue(t.contains("class A is defined twice"), t)
            XCTAssertTrue(t.contains("class X1: unknown parent X"), t)
            XCTAssertTrue(t.contains("class B1 has no label"), t)
        }
    }

    func testCSVNeedsAColourPerClass() throws {
        let t = try CSVTable(text: "code,level,parent,label,label_short,color\nA,1,,Bâti,,#zzzzzz\n", source: "n.csv")
        XCTAssertThrowsError(try NomenclatureCSV.classes(from: t)) { e in
            XCTAssertTrue("\(e)".contains("n.csv, line 2: class A: colour \"#zzzzzz\" is missing or not #rrggbb"), "\(e)")
        }
    }

    func testStockByClassAtALevelKeepsEmptyClassesAndShares() throws {
        let d = try NomenclatureDimension(id: "cs", name: "C", levelNames: ["N1", "N2"], classes: [
            cls("A", nil, 1), cls("A1", "A", 2), cls("A2", "A", 2), cls("B", nil, 1),
        ], source: "n")
        let n = Nomenclature(name: "T", dimensions: [d])
        var f = AreaFacts(millesimeCount: 1, periodCount: 0, area: 200)
        f.stock[0] = [ClassKey(0, 3): 30, ClassKey(1): 20, ClassKey(0, 5): 10]
        let level1 = Stock.byClass(f, millesime: 0, nomenclature: n, level: 1)
        XCTAssertEqual(level1.map(\.code), ["A", "B"])
        XCTAssertEqual(level1.map(\.area), [60, 0])
        XCTAssertEqual(level1[0].share, 0.3, accuracy: 1e-12)
        XCTAssertEqual(Stock.byClass(f, millesime: 0, nomenclature: n, level: 2).map(\.area), [40, 20, 0])
    }

    func testDefaultPeriods() {
        XCTAssertEqual(Period.defaults(for: [2021, 2010, 2019]), [Period(2010, 2019), Period(2019, 2021), Period(2010, 2021)])
        XCTAssertEqual(Period.defaults(for: [2019, 2021]), [Period(2019, 2021)])
        XCTAssertEqual(Period.defaults(for: [2018]), [])
    }
}
