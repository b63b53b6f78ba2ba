import Foundation
import XCTest
import CCairo
@testable import PortraitsCairo
@testable import PortraitsCore
@testable import PortraitsGraphics

/// A hatch drawn by Cairo: lines in the polygons only (not in their holes, not outside), at 45°,
/// covering the share of the ground its width and spacing say; crossed, both ways.
final class HatchTests: XCTestCase {
    /// Lines 8 pixels apart along a diagonal (x + y), so that the tile repeats on whole pixels.
    let spacing = 8 / 2.0.squareRoot()

    /// A 60 × 60 square with a 20 × 20 hole, hatched in black on a white ground, on a white page: whether a pixel is dark,
    /// the darkness (0–1) of the pixels outside, in the hole and inside.
    func hatched(_ pattern: Hatch) throws -> (dark: (Int, Int) -> Bool, outside: [Double], hole: [Double], inside: [Double]) {
        let outer = [Point(20, 20), Point(80, 20), Point(80, 80), Point(20, 80)]
        let hole = [Point(40, 40), Point(60, 40), Point(60, 60), Point(40, 60)]
        var scene = Scene(width: 100, height: 100)
        let fill = PrintFill(color: RGBColor(r: 255, g: 255, b: 255), hatch: pattern, lineColor: RGBColor(r: 0, g: 0, b: 0))
        scene.add(.hatched([PolygonRings(rings: [outer, hole])], fill: fill, stroke: nil, spacing: spacing, lineWidth: 1.5))
        let (data, stride, _) = try scenePixels(scene, scale: 1)
        func dark(_ x: Int, _ y: Int) -> Bool { data[y * stride + x * 4 + 1] < 128 }
        func ink(_ x: Int, _ y: Int) -> Double { 1 - Double(data[y * stride + x * 4 + 1]) / 255 }
        var outside: [Double] = [], holeP: [Double] = [], inside: [Double] = []
        for y in 0..<100 {
            for x in 0..<100 {
                let inOuter = x >= 21 && x < 79 && y >= 21 && y < 79, inHole = x >= 39 && x < 61 && y >= 39 && y < 61
                if x < 19 || x > 80 || y < 19 || y > 80 { outside.append(ink(x, y)) }
                else if x >= 41 && x < 59 && y >= 41 && y < 59 { holeP.append(ink(x, y)) }
                else if inOuter && !inHole { inside.append(ink(x, y)) }
            }
        }
        return (dark, outside, holeP, inside)
    }

    func testDiagonalLinesInsideThePolygonsOnly() throws {
        let h = try hatched(.diagonal)
        XCTAssertEqual(h.outside.max(), 0, "no line outside the polygon")
        XCTAssertEqual(h.hole.max(), 0, "no line in its hole")
        let share = h.inside.reduce(0, +) / Double(h.inside.count)
        XCTAssertEqual(share, Hatch.diagonal.coverage(width: 1.5, spacing: spacing), accuracy: 0.04)
        // Rising to the right: a dark pixel's neighbour up and right is dark; half a spacing down
        // and right, it is not.
        var along = 0, across = 0, n = 0
        for y in 25..<35 { for x in 25..<75 where h.dark(x, y) {
            n += 1
            if h.dark(x + 2, y - 2) { along += 1 }
            if h.dark(x + 2, y + 2) { across += 1 }
        } }
        XCTAssertGreaterThan(n, 0)
        XCTAssertGreaterThan(Double(along) / Double(n), 0.9)
        XCTAssertLessThan(Double(across) / Double(n), 0.2)
    }

    func testCrossedLinesGoBothWays() throws {
        let h = try hatched(.crossed)
        XCTAssertEqual(h.outside.max(), 0)
        XCTAssertEqual(h.hole.max(), 0)
        let share = h.inside.reduce(0, +) / Double(h.inside.count)
        XCTAssertEqual(share, Hatch.crossed.coverage(width: 1.5, spacing: spacing), accuracy: 0.05)
        var up = 0, down = 0
        for y in 25..<35 { for x in 25..<75 where h.dark(x, y) {
            if h.dark(x + 2, y - 2) { up += 1 }
            if h.dark(x + 2, y + 2) { down += 1 }
        } }
        XCTAssertGreaterThan(up, 20)
        XCTAssertGreaterThan(down, 20)
    }

    /// Print's scene: a class's fill takes its print colour and, if hatched, its hatch, with the
    /// spacing given in the scene's units (so that placing the scene at a smaller scale keeps the
    /// lines' spacing on paper); its seam takes the print colour; other marks are unchanged.
    func testPrintedSceneHatchesAHatchedClass() {
        let red = RGBColor(r: 255, g: 0, b: 0), blue = RGBColor(r: 0, g: 0, b: 255), grey = RGBColor(r: 128, g: 128, b: 128)
        let square = PolygonRings(rings: [[Point(0, 0), Point(10, 0), Point(10, 10), Point(0, 10)]])
        var scene = Scene(width: 10, height: 10)
        scene.add(.polygons([square], fill: red, stroke: Stroke(red, width: 0.3)))
        scene.add(.polygons([square], fill: blue, stroke: nil))
        scene.add(.polygons([square], fill: grey, stroke: nil))
        let fill = PrintFill(color: RGBColor(r: 200, g: 50, b: 50), hatch: .diagonal, lineColor: RGBColor(r: 100, g: 0, b: 0))
        let plain = PrintFill(color: RGBColor(r: 20, g: 20, b: 120))
        let printed = scene.printed([red: fill, blue: plain], spacing: 5.2, width: 1)
        XCTAssertEqual(printed.marks, [
            .hatched([square], fill: fill, stroke: Stroke(fill.color, width: 0.3), spacing: 5.2, lineWidth: 1),
            .polygons([square], fill: plain.color, stroke: nil),
            .polygons([square], fill: grey, stroke: nil),
        ])
        let placed = printed.placed(dx: 0, dy: 0, scale: 0.5)
        XCTAssertTrue(placed.contains(.hatched([PolygonRings(rings: [[Point(0, 0), Point(5, 0), Point(5, 5), Point(0, 5)]])], fill: fill,
                                               stroke: Stroke(fill.color, width: 0.15), spacing: 2.6, lineWidth: 0.5)))
    }

    /// In a PDF, a hatch is lines clipped to its polygon, after the ground and the seam filled and
    /// stroked at once (`B`), not a tiling pattern (viewers draw a pattern's tiles with seams).
    func testPDFHatchIsLinesClippedToThePolygon() throws {
        var scene = Scene(width: 300, height: 100)
        let square = PolygonRings(rings: [[Point(10, 10), Point(60, 10), Point(60, 60), Point(10, 60)]])
        let fill = PrintFill(color: RGBColor(r: 240, g: 200, b: 200), hatch: .crossed, lineColor: RGBColor(r: 90, g: 20, b: 20))
        scene.add(.hatched([square], fill: fill, stroke: Stroke(fill.color, width: 0.3), spacing: 2.6, lineWidth: 0.5))
        let dir = FileManager.default.temporaryDirectory.appendingPathComponent("hatch-\(UUID().uuidString)")
        try FileManager.default.createDirectory(at: dir, withIntermediateDirectories: true)
        defer { try? FileManager.default.removeItem(at: dir) }
        let file = dir.appendingPathComponent("h.pdf"), plain = dir.appendingPathComponent("q.pdf")
        try Data(try CairoRenderer.pdf(scene)).write(to: file)
        let qpdf = Process()
        qpdf.executableURL = URL(fileURLWithPath: "/usr/bin/qpdf")
        qpdf.arguments = ["--qdf", "--object-streams=disable", file.path, plain.path]
        try qpdf.run()
        qpdf.waitUntilExit()
        XCTAssertEqual(qpdf.terminationStatus, 0)
        let text = String(decoding: try Data(contentsOf: plain), as: UTF8.self)
        XCTAssertFalse(text.contains("/PatternType"))
        XCTAssertTrue(text.contains(" re B"), "the ground and the seam at once")
        XCTAssertTrue(text.contains("W* n") || text.contains("W n"), "a clip to the polygon")
        // 50 × 50 crossed every 2.6: about 2 × 28 lines over the clip's extents.
        XCTAssertGreaterThan(text.components(separatedBy: " l ").count + text.components(separatedBy: " l\n").count, 40)
    }

    /// A map drawn as an image whose sides round to pixels differently (its two scales would
    /// differ): the hatch's tile still lies on whole pixels both ways, so the hatch repeats
    /// exactly every tile, down and across (a tile resampled on one axis shifts a line by a
    /// pixel every few tiles: a kink).
    func testImageHatchRepeatsOnWholePixels() throws {
        var scene = Scene(width: 100, height: 100)
        let square = PolygonRings(rings: [[Point(5, 5), Point(95, 5), Point(95, 95), Point(5, 95)]])
        let fill = PrintFill(color: RGBColor(r: 255, g: 255, b: 255), hatch: .diagonal, lineColor: RGBColor(r: 0, g: 0, b: 0))
        scene.add(.hatched([square], fill: fill, stroke: nil, spacing: 2.6, lineWidth: 0.5))
        let image = try XCTUnwrap(try CairoMarks.image(scene, width: 283, height: 279, keepingIn: nil))
        defer { cairo_surface_destroy(image) }
        let stride = Int(cairo_image_surface_get_stride(image)), data = cairo_image_surface_get_data(image)!
        let n = Int((2.6 * 2.0.squareRoot() * 2.79).rounded())
        var differ = 0
        for y in 20..<240 {
            for x in 20..<240 where data[y * stride + x * 4 + 1] != data[(y + n) * stride + x * 4 + 1] || data[y * stride + x * 4 + 1] != data[y * stride + (x + n) * 4 + 1] {
                differ += 1
            }
        }
        XCTAssertEqual(differ, 0, "pixels that differ from the same place one tile down or across")
    }
}
