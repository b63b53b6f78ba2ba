import XCTest
@testable import PortraitsGeo

/// Flat rows of per-millésime values: rows read back as written, gathered and scattered by index.
final class FeatureRowsTests: XCTestCase {
    func testRowsGatherAndScatter() {
        var rows = FeatureRows<Bool?>(width: 3)
        rows.append(row: [true, nil, false])
        rows.append(row: [false, false, nil])
        rows.append(row: [nil, true, true])
        XCTAssertEqual(rows.count, 3)
        XCTAssertEqual(Array(rows[1]), [false, false, nil])
        XCTAssertEqual(rows[2, 1], true)
        rows[0, 1] = true
        XCTAssertEqual(Array(rows[0]), [true, true, false])

        let picked = rows.rows([2, 0])
        XCTAssertEqual(picked.count, 2)
        XCTAssertEqual(Array(picked[0]), [nil, true, true])
        XCTAssertEqual(Array(picked[1]), [true, true, false])

        var changed = picked
        changed[0, 0] = false
        changed[1, 2] = nil
        rows.scatter(changed, to: [2, 0])
        XCTAssertEqual(Array(rows[2]), [false, true, true])
        XCTAssertEqual(Array(rows[0]), [true, true, nil])
        XCTAssertEqual(Array(rows[1]), [false, false, nil], "a row not scattered to is unchanged")

        var more = FeatureRows<Bool?>(width: 3)
        more.append(contentsOf: rows)
        more.append(contentsOf: picked)
        XCTAssertEqual(more.count, 5)
        XCTAssertEqual(Array(more[4]), [true, true, false])
    }
}
