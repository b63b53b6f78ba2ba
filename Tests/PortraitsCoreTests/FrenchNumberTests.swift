import XCTest
@testable import PortraitsCore

final class FrenchNumberTests: XCTestCase {
    let nbsp = "\u{00A0}"

    func testGroupsThousandsWithNoBreakSpaceAndDecimalComma() {
        XCTAssertEqual(FrenchNumber.format(1234.56), "1\(nbsp)234,6")
        XCTAssertEqual(FrenchNumber.format(1_234_567.0, decimals: 0), "1\(nbsp)234\(nbsp)567")
        XCTAssertEqual(FrenchNumber.format(999.95), "1\(nbsp)000,0")
        XCTAssertEqual(FrenchNumber.format(0.04), "0,0")
    }

    func testNegativeUsesMinusSignAndNegativeZeroPrintsZero() {
        XCTAssertEqual(FrenchNumber.format(-7960.1), "−7\(nbsp)960,1")
        XCTAssertEqual(FrenchNumber.format(-0.01), "0,0")
    }

    func testHalfRoundsAwayFromZero() {
        XCTAssertEqual(FrenchNumber.format(0.25), "0,3")
        XCTAssertEqual(FrenchNumber.format(-0.25), "−0,3")
    }

    func testHectaresAndPercent() {
        XCTAssertEqual(FrenchNumber.hectares(12_345_000), "1\(nbsp)234,5\(nbsp)ha")
        XCTAssertEqual(FrenchNumber.percent(0.1234), "12,3\(nbsp)%")
    }

    func testNonFiniteAndHugeValuesDoNotCrash() {
        XCTAssertEqual(FrenchNumber.format(.nan), "–")
        XCTAssertEqual(FrenchNumber.format(1e300), "∞")
        XCTAssertEqual(FrenchNumber.plain(.infinity), "")
    }

    func testPlainIsMachineReadable() {
        XCTAssertEqual(FrenchNumber.plain(1234.5), "1234.50")
        XCTAssertEqual(FrenchNumber.plain(-3.14159, decimals: 3), "-3.142")
    }

    func testDeBeforeANameIsElidedAndContracted() {
        XCTAssertEqual(FrenchText.de("Strasbourg"), "de Strasbourg")
        XCTAssertEqual(FrenchText.de("Aval-lès-Bains"), "d’Aval-lès-Bains")
        XCTAssertEqual(FrenchText.de("Épinal"), "d’Épinal")
        XCTAssertEqual(FrenchText.de("Eurométropole de Strasbourg"), "de l’Eurométropole de Strasbourg")
        XCTAssertEqual(FrenchText.de("CC du Pays Rethélois"), "de la CC du Pays Rethélois")
        XCTAssertEqual(FrenchText.de("Métropole du Grand Nancy"), "de la Métropole du Grand Nancy")
        XCTAssertEqual(FrenchText.de("SCoT Nord 54"), "du SCoT Nord 54")
        XCTAssertEqual(FrenchText.de("Ccaumont"), "de Ccaumont")
        // Départements take their article (INSEE's TNCC).
        XCTAssertEqual(FrenchText.de(TerritoryID(.departement, "57"), "Moselle"), "de la Moselle")
        XCTAssertEqual(FrenchText.de(TerritoryID(.departement, "67"), "Bas-Rhin"), "du Bas-Rhin")
        XCTAssertEqual(FrenchText.de(TerritoryID(.departement, "88"), "Vosges"), "des Vosges")
        XCTAssertEqual(FrenchText.de(TerritoryID(.departement, "10"), "Aube"), "de l’Aube")
        XCTAssertEqual(FrenchText.de(TerritoryID(.departement, "54"), "Meurthe-et-Moselle"), "de Meurthe-et-Moselle")
        XCTAssertEqual(FrenchText.de(TerritoryID(.commune, "57463"), "Metz"), "de Metz")
        XCTAssertEqual(FrenchText.de(TerritoryID(.region, "44"), "Grand Est"), "du Grand Est")
        XCTAssertEqual(FrenchText.de(TerritoryID(.region, "32"), "Hauts-de-France"), "des Hauts-de-France")
        XCTAssertEqual(FrenchText.de(TerritoryID(.region, "76"), "Occitanie"), "d’Occitanie")
        XCTAssertEqual(FrenchText.de("Le Neufour"), "du Neufour")
        XCTAssertEqual(FrenchText.de("Les Rousses"), "des Rousses")
        XCTAssertEqual(FrenchText.de("La Bresse"), "de La Bresse")
        XCTAssertEqual(FrenchText.de("L’Étang-Salé"), "de l’Étang-Salé")
        XCTAssertEqual(FrenchText.de("Haguenau"), "de Haguenau")
        XCTAssertEqual(FrenchText.de("Œuilly"), "d’Œuilly")
    }

    /// Lists in French order: « Hœnheim » before « Holtzheim »; accents, case, spaces and
    /// apostrophes ignored at first.
    func testFrenchCollation() {
        let names = ["Holtzheim", "Hœnheim", "Écully", "eckbolsheim", "Ebersheim", "La Wantzenau", "L’Hôpital", "Lampertheim"]
        XCTAssertEqual(FrenchText.sorted(names) { $0 },
                       ["Ebersheim", "eckbolsheim", "Écully", "Hœnheim", "Holtzheim", "Lampertheim", "La Wantzenau", "L’Hôpital"])
    }
}
