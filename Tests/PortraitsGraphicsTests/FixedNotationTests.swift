import CSupport
import Foundation
import XCTest
@testable import PortraitsCairo
@testable import PortraitsGraphics
import PortraitsCore

/// The process's snprintf("%f") (`fixed_notation.c`) writes what glibc writes, byte for byte, and
/// Cairo's coordinates go through it.
final class FixedNotationTests: XCTestCase {
    /// glibc's own "%f" (vsnprintf is not replaced).
    func glibc(_ x: Double) -> String {
        var buffer = [CChar](repeating: 0, count: 400)
        _ = withVaList([x]) { vsnprintf(&buffer, buffer.count, "%f", $0) }
        return String(cString: buffer)
    }

    func fast(_ x: Double) -> String? {
        var buffer = [CChar](repeating: 0, count: 40)
        let n = portraits_fixed_notation(x, &buffer)
        return n < 0 ? nil : String(cString: buffer)
    }

    func testTheSameDigitsAsGlibc() {
        var values: [Double] = [0, -0.0, 1, -1, 0.5, 0.1, 0.05, 1e-7, 5e-7, 4.9999999e-7, 5.0000001e-7, 1.5e-6, 2.5e-6,
                                0.0000005, 0.0000015, 0.0000025, 999_999.9999995, 123_456.7890125, 0x1p43 - 1, 0x1p43.nextDown,
                                Double.leastNonzeroMagnitude, -Double.leastNormalMagnitude, 0.1 + 0.2, 1 / 3.0, -2 / 3.0]
        // Cairo's coordinates are multiples of 1/256 (24.8 fixed point); k/128 and k/64 end in a tie at the 7th decimal.
        for k in stride(from: -300_000, through: 300_000, by: 7) { values.append(Double(k) / 256) }
        for k in 0..<5_000 { values += [Double(k) / 128, Double(k) / 64 + 0.0078125, -Double(k) / 128] }
        var rng = SystemRandomNumberGenerator()
        for _ in 0..<200_000 {
            let magnitude = Double.random(in: -9...12, using: &rng)
            values.append(pow(10, magnitude) * (Bool.random(using: &rng) ? 1 : -1))
            // Exact ties at the sixth decimal: an integer number of 10^-6 plus half of it, as near as a double gets.
            values.append((Double(Int.random(in: 0..<10_000_000, using: &rng)) + 0.5) / 1e6)
        }
        var checked = 0
        for x in values {
            guard let f = fast(x) else { XCTFail("\(x) left to glibc"); continue }
            if f != glibc(x) { XCTFail("\(x.debugDescription): \(f) where glibc writes \(glibc(x))"); break }
            checked += 1
        }
        XCTAssertGreaterThan(checked, 400_000)
    }

    /// "%.*f" with 0 to 18 decimals (Cairo's PDF surface prints its coordinates with two, a number
    /// under 0.1 with as many as its significant digits need), through the process's snprintf,
    /// against glibc; "%.18f" and "%.2f" written in the format likewise.
    func testEveryPrecisionAsGlibc() {
        func glibc(_ x: Double, _ p: Int32) -> String {
            var buffer = [CChar](repeating: 0, count: 400)
            _ = withVaList([p, x]) { vsnprintf(&buffer, buffer.count, "%.*f", $0) }
            return String(cString: buffer)
        }
        var values: [Double] = [0, -0.0, 0.5, 1.5, 2.5, -2.5, 0.125, 0.375, 1e-10, 0x1p43.nextDown, 0.005, 0.015, 0.025]
        for k in stride(from: -40_000, through: 40_000, by: 3) { values.append(Double(k) / 256) }
        var rng = SystemRandomNumberGenerator()
        for _ in 0..<20_000 { values.append(pow(10, Double.random(in: -10...12, using: &rng)) * (Bool.random(using: &rng) ? 1 : -1)) }
        var buffer = [CChar](repeating: 0, count: 64)
        for p in Int32(-1)...18 {
            for x in values {
                let n = portraits_format_digits(&buffer, buffer.count, p, x)
                let mine = String(cString: buffer)
                if mine != glibc(x, p) || Int(n) != mine.utf8.count {
                    XCTFail("%.\(p)f of \(x.debugDescription): \(mine) where glibc writes \(glibc(x, p))")
                    return
                }
            }
            if p >= 0 { XCTAssertNotEqual(portraits_fixed_notation_digits(1.25, p, &buffer), -1, "\(p) decimals are the fast path's") }
        }
        XCTAssertEqual(portraits_fixed_notation_digits(1.25, 19, &buffer), -1, "19 decimals are left to glibc")
        XCTAssertEqual(portraits_format_digits(&buffer, buffer.count, 20, 1.25), 22)
        XCTAssertEqual(String(cString: buffer), "1.25000000000000000000")
        // The precision written in the format: Cairo's "%.18f" for a number under 0.1, and "%.2f".
        func glibcWritten(_ x: Double, _ format: String) -> String {
            var out = [CChar](repeating: 0, count: 400)
            _ = withVaList([x]) { vsnprintf(&out, out.count, format, $0) }
            return String(cString: out)
        }
        // Exact ties at the 18th decimal: odd multiples of 2^-19 have 19 decimals, the last a 5.
        for k in stride(from: 1, through: 2_001, by: 2) { values += [Double(k) * 0x1p-19, -Double(k) * 0x1p-19] }
        let before = portraits_fixed_notation_calls()
        for x in values {
            for format in ["%.18f", "%.2f"] {
                let n = portraits_format_one(&buffer, buffer.count, format, x)
                let mine = String(cString: buffer)
                if mine != glibcWritten(x, format) || Int(n) != mine.utf8.count {
                    XCTFail("\(format) of \(x.debugDescription): \(mine) where glibc writes \(glibcWritten(x, format))")
                    return
                }
            }
        }
        XCTAssertGreaterThanOrEqual(Int(portraits_fixed_notation_calls() - before), 2 * values.count, "every one of them through the fast path")
        // Formats near those it takes, each written as glibc writes it (through the fast path or not).
        for format in ["%.05f", "%.0f", "%.18f", "%.19f", "%.123f", "%.f", "%.1", "%.2lf", "%.2f%%", "%8.2f", "%.2e", "%.2F", "%.", "%"] {
            for x in [0.0, -0.0, 0.125, 2.5, -3.0625, 1e-7, 1234.5678, 0x1p-19] {
                var out = [CChar](repeating: 0, count: 400)
                let n = portraits_format_one(&out, out.count, format, x)
                let mine = String(cString: out)
                XCTAssertEqual(mine, glibcWritten(x, format), "\(format) of \(x)")
                XCTAssertEqual(Int(n), glibcWritten(x, format).utf8.count, "\(format) of \(x): length")
            }
        }
    }

    func testValuesItLeavesToGlibc() {
        for x in [Double.infinity, -Double.infinity, Double.nan, 0x1p43, -0x1p43, 1e300] {
            XCTAssertNil(fast(x), "\(x)")
            var buffer = [CChar](repeating: 0, count: 400)
            XCTAssertEqual(Int(portraits_format_f(&buffer, buffer.count, x)), glibc(x).utf8.count)
            XCTAssertEqual(String(cString: buffer), glibc(x), "still written, by glibc")
        }
    }

    /// snprintf's contract: at most size − 1 characters and a NUL, the whole length returned.
    func testTruncationAndLength() {
        var buffer = [CChar](repeating: 0x7F, count: 8)
        XCTAssertEqual(portraits_format_f(&buffer, 6, -12.5), 10)
        XCTAssertEqual(String(cString: buffer), "-12.5")
        XCTAssertEqual(buffer[6], 0x7F, "nothing written past the size")
        XCTAssertEqual(portraits_format_f(&buffer, 0, 3.25), 8)
        XCTAssertEqual(buffer[0], 0x2D, "size 0: nothing written")
    }

    /// Cairo's SVG surface calls snprintf("%f") for its coordinates, and this process's runs.
    func testCairoPrintsItsCoordinatesThroughIt() throws {
        let before = portraits_fixed_notation_calls()
        let ring = [Point(10.3, 10.7), Point(90.125, 12.5), Point(50.0078125, 80.33)]
        let scene = Scene(width: 100, height: 100, marks: [.polygons([PolygonRings(rings: [ring])], fill: RGBColor(hex: "#336699")!, stroke: nil)])
        let svg = String(decoding: try CairoRenderer.svg(scene), as: UTF8.self)
        XCTAssertTrue(svg.contains("90.1"), svg)
        XCTAssertGreaterThanOrEqual(portraits_fixed_notation_calls() - before, 6, "Cairo's coordinates did not go through the fast path")
        // The PDF surface prints its path with Cairo's "%g", that is "%.*f".
        let beforePDF = portraits_fixed_precision_calls()
        _ = try CairoRenderer.pdf(scene)
        XCTAssertGreaterThanOrEqual(portraits_fixed_precision_calls() - beforePDF, 6, "the PDF's coordinates (\"%.*f\") did not go through the fast path")
    }
}
