import XCTest
@testable import PortraitsCore
@testable import PortraitsBench
@testable import PortraitsDownloads
@testable import PortraitsModel
@testable import PortraitsPrint
@testable import PortraitsProject
@testable import PortraitsSite
@testable import PortraitsWeb

/// The shipped CNIG correspondence rules agree with the decree matrix and the sealed table they
/// were written from (both kept beside them), for every couverture × usage pair.
final class CNIGRulesTests: XCTestCase {
    let folder = repositoryRoot.appendingPathComponent("Content/nomenclatures/cnig")

    func testRulesReproduceTheDecreeMatrixAndSealedClasses() throws {
        let n = try NomenclatureLoader.load(path: folder.appendingPathComponent("nomenclature.yaml").path)
        let traits = TraitsTable(nomenclature: n, rules: n.rules)
        let matrix = try CSVTable(text: try read(folder.appendingPathComponent("artificialisation_matrix_cs_x_us.csv")), source: "matrix")
        let sealed = try CSVTable(text: try read(folder.appendingPathComponent("impermeable_cs.csv")), source: "sealed")
        let sealedBy = Dictionary(uniqueKeysWithValues: sealed.rows.map { ($0.fields[0], $0.fields[1] == "1") })
        var checked = 0
        for row in matrix.rows {
            let cs = row.fields[0]
            for (j, us) in matrix.header.enumerated().dropFirst() {
                let key = ClassKey(n.primary.leafNumber(of: cs)!, n.dimensions[1].leafNumber(of: us)!)
                let t = traits[key]
                XCTAssertEqual(t.artificialised, row.fields[j] == "1", "\(cs) × \(us)")
                XCTAssertEqual(t.sealed, sealedBy[cs], "\(cs) × \(us)")
                XCTAssertNotNil(t.naf, "\(cs) × \(us) has a NAF family")
                if t.naf == .urbanise { XCTAssertNotNil(t.destination, "\(cs) × \(us) has a destination") }
                checked += 1
            }
        }
        XCTAssertEqual(checked, 14 * 20)
    }

    func testTraitsTableAnswersAsTheRulesForEveryKey() throws {
        // Computed up front for every leaf pair (and "none" in either dimension), read without a lock.
        let n = try NomenclatureLoader.load(path: folder.appendingPathComponent("nomenclature.yaml").path)
        let traits = TraitsTable(nomenclature: n, rules: n.rules)
        var keys: [ClassKey] = []
        for p in -1..<Int32(n.primary.leaves.count) { for s in -1..<Int32(n.dimensions[1].leaves.count) { keys.append(ClassKey(p, s)) } }
        for key in keys { XCTAssertEqual(traits[key], n.rules.traits(of: key, in: n), "\(key)") }
        XCTAssertEqual(keys.count, 15 * 21)
    }

    func testUsageDecidesTheFamily() throws {
        let n = try NomenclatureLoader.load(path: folder.appendingPathComponent("nomenclature.yaml").path)
        let traits = TraitsTable(nomenclature: n, rules: n.rules)
        func t(_ cs: String, _ us: String?) -> ClassTraits {
            traits[ClassKey(n.primary.leafNumber(of: cs)!, us.map { n.dimensions[1].leafNumber(of: $0)! } ?? -1)]
        }
        XCTAssertEqual(t("CS2.2.1", "US1.1").naf, .agricole)
        XCTAssertEqual(t("CS2.1.1.1", "US1.2").naf, .forestier)
        XCTAssertEqual(t("CS2.2.1", "US5").naf, .urbanise)
        XCTAssertEqual(t("CS2.2.1", "US5").destination, .habitat)
        XCTAssertEqual(t("CS1.1.1.2", "US4.1.1").linear, true)
        XCTAssertEqual(t("CS1.1.1.1", "US2").built, true)
        // Without usage: couverture decides the family, the matrix cannot decide for herbaceous land.
        XCTAssertEqual(t("CS1.1.1.1", nil).naf, .urbanise)
        XCTAssertEqual(t("CS2.1.1.2", nil).naf, .forestier)
        XCTAssertNil(t("CS2.2.1", nil).artificialised)
        XCTAssertEqual(t("CS1.1.1.1", nil).artificialised, true)
    }
}
