import XCTest
@testable import PortraitsCore

final class CSVTableTests: XCTestCase {
    func testQuotedFieldsSemicolonsBOMAndCRLF() throws {
        let t = try CSVTable(text: "\u{FEFF}code;label\r\nA;\"x; \"\"y\"\"\"\r\nB;\"multi\nline\"\r\n", source: "t.csv")
        XCTAssertEqual(t.header, ["code", "label"])
        XCTAssertEqual(t.rows.count, 2)
        XCTAssertEqual(t.rows[0].fields, ["A", "x; \"y\""])
        XCTAssertEqual(t.rows[1].fields, ["B", "multi\nline"])
    }

    func testWrongFieldCountNamesFileAndLine() {
        XCTAssertThrowsError(try CSVTable(text: "a,b\n1,2\n3\n", source: "m.csv")) { e in
            XCTAssertEqual("\(e)", "m.csv, line 3: 1 fields where the header has 2")
        }
    }

    func testUnclosedQuoteIsAnError() {
        XCTAssertThrowsError(try CSVTable(text: "a,b\n\"1,2\n", source: "q.csv")) { e in
            XCTAssertTrue("\(e)".contains("q.csv, line 2"), "\(e)")
        }
    }

    func testMissingColumnListsTheColumns() throws {
        let t = try CSVTable(text: "a,b\n1,2\n", source: "c.csv")
        XCTAssertThrowsError(try t.column("insee_com")) { e in
            XCTAssertEqual("\(e)", "c.csv: column \"insee_com\" is missing (columns: a, b)")
        }
    }
}
