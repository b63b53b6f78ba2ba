import XCTest
import CCairo
@testable import PortraitsCairo
@testable import PortraitsCore
@testable import PortraitsGraphics

/// A land-cover class is filled and stroked thin in its own colour (the seam), so that two fills
/// that touch leave no pale hairline between them. In pixels the seamed fills are laid under the
/// scene without antialiasing instead (`CairoMarks.drawUnderlaid`); vector files stroke the seam,
/// with round joins.
final class SeamTests: XCTestCase {
    let green = RGBColor(hex: "#33a02c")!
    let orange = RGBColor(hex: "#ff7f00")!

    /// Two classes meeting along a slanted edge, each filled and stroked in its colour, the
    /// picture at a scale where the edge crosses pixels.
    func scene(seams: Bool) -> Scene {
        let left = PolygonRings(rings: [[Point(2, 2), Point(31.3, 2), Point(24.7, 38), Point(2, 38), Point(2, 2)]])
        let right = PolygonRings(rings: [[Point(31.3, 2), Point(58, 2), Point(58, 38), Point(24.7, 38), Point(31.3, 2)]])
        var s = Scene(width: 60, height: 40)
        s.add(.polygons([left], fill: green, stroke: seams ? Stroke(green, width: 0.3) : nil))
        s.add(.polygons([right], fill: orange, stroke: seams ? Stroke(orange, width: 0.3) : nil))
        return s
    }

    /// Along the edge, how much of the white background shows through: without seams each fill
    /// covers part of an edge pixel and the background the rest; with them, none.
    /// The largest share of white in a pixel of the picture's middle rows. A pixel is a blend
    /// a·green + b·orange + c·white (a + b + c = 1): its red gives a, then its blue gives c.
    func whiteShare(_ scene: Scene) throws -> Double {
        let (data, stride, h) = try scenePixels(scene, scale: 3.1)
        var largest = 0.0
        for y in 12..<(h - 12) {
            for x in 10..<170 {
                // RGB24 little-endian: blue, green, red, unused.
                let i = y * stride + 4 * x
                let (blue, red) = (Double(data[i]), Double(data[i + 2]))
                let a = (255 - red) / (255 - 0x33)
                largest = max(largest, (blue - 0x2c * a) / 255)
            }
        }
        return largest
    }

    func testTheSeamHidesTheHairlineInPixels() throws {
        XCTAssertGreaterThan(try whiteShare(scene(seams: false)), 0.1, "the test no longer sees the hairline it is about")
        XCTAssertLessThan(try whiteShare(scene(seams: true)), 0.03, "white between the two classes")
    }

    /// The underlay keeps the edge between two classes antialiased: pixels along it blend the
    /// two colours (a stepped edge would have none), and the orange class keeps its area to a
    /// tenth of a pixel per row (the seam stroke had widened the class drawn last by half its
    /// width, 0.47 px a row at this scale).
    func testTheEdgeStaysAntialiasedAndTheAreasKept() throws {
        let scale = 3.1
        let (data, stride, h) = try scenePixels(scene(seams: true), scale: scale)
        var blended = 0, orange = 0.0, expected = 0.0
        let rows = 12..<(h - 12), columns = 10..<170
        for y in rows {
            // The edge runs from (31.3, 2) to (24.7, 38) in the scene's units.
            let ys = (Double(y) + 0.5) / scale
            let edge = (31.3 - (ys - 2) * 6.6 / 36) * scale
            expected += Double(columns.upperBound) - edge
            for x in columns {
                let red = Double(data[y * stride + 4 * x + 2])
                let a = (255 - red) / (255 - 0x33)   // the share of green
                orange += 1 - a
                if a > 0.1 && a < 0.9 { blended += 1 }
            }
        }
        XCTAssertGreaterThan(blended, rows.count / 2, "the edge between the classes is stepped")
        XCTAssertEqual(orange / Double(rows.count), expected / Double(rows.count), accuracy: 0.1, "the orange class's width per row, in pixels")
    }

    /// A gap narrower than a pixel between two classes (a vertex the map's simplification moved)
    /// stays the classes' colours: the underlay samples the pixels' corners too, not only their
    /// centres, which may fall in the gap.
    func testAGapUnderAPixelStaysFilled() throws {
        let left = PolygonRings(rings: [[Point(2, 2), Point(31.3, 2), Point(24.7, 38), Point(2, 38), Point(2, 2)]])
        let right = PolygonRings(rings: [[Point(31.4, 2), Point(58, 2), Point(58, 38), Point(24.8, 38), Point(31.4, 2)]])
        var s = Scene(width: 60, height: 40)
        s.add(.polygons([left], fill: green, stroke: Stroke(green, width: 0.3)))
        s.add(.polygons([right], fill: orange, stroke: Stroke(orange, width: 0.3)))
        XCTAssertLessThan(try whiteShare(s), 0.2, "white shows in a gap of 0.3 px between two classes")
    }

    /// A base drawn under the classes (a change map's unchanged land, opaque over the whole
    /// territory) does not show between them: each run of classes is underlaid where it is drawn,
    /// over the base, not under everything at the start of the scene.
    func testABaseUnderTheClassesDoesNotShowBetweenThem() throws {
        var s = Scene(width: 60, height: 40)
        s.add(.polygons([PolygonRings(rings: [[Point(0, 0), Point(60, 0), Point(60, 40), Point(0, 40), Point(0, 0)]])], fill: Palette.white, stroke: nil))
        for mark in scene(seams: true).marks { s.add(mark) }
        XCTAssertLessThan(try whiteShare(s), 0.03, "the base shows between the two classes")
    }

    /// A class cut by a clip keeps the clip's antialiased edge: the column the clip's edge
    /// crosses (at 70 % of a pixel) is partly white, not stepped to the class's full colour.
    func testAClippedClassKeepsAnAntialiasedEdge() throws {
        var s = Scene(width: 60, height: 40)
        let edge = 93.7 / 3.1
        s.add(.clipBegin(x: 0, y: 0, width: edge, height: 40))
        s.add(.polygons([PolygonRings(rings: [[Point(0, 0), Point(60, 0), Point(60, 40), Point(0, 40), Point(0, 0)]])], fill: green, stroke: Stroke(green, width: 0.3)))
        s.add(.clipEnd)
        let (data, stride, h) = try scenePixels(s, scale: 3.1)
        let red = Double(data[(h / 2) * stride + 4 * 93 + 2])
        let greenShare = (255 - red) / (255 - 0x33)
        XCTAssertGreaterThan(greenShare, 0.6, "the clip's edge column")
        XCTAssertLessThan(greenShare, 0.97, "the clip's edge is stepped")
    }

    /// A rectangle is not underlaid, so its stroke is drawn even in its fill's colour.
    func testARectangleKeepsItsStroke() throws {
        var s = Scene(width: 60, height: 40)
        s.add(.rect(x: 10, y: 10, width: 20, height: 20, fill: green, stroke: Stroke(green, width: 1)))
        let (data, stride, _) = try scenePixels(s, scale: 3.1)
        // Half the stroke's width (0.5 units, 1.55 px) before the fill's edge at x = 31 px: pixel 30.
        let red = Double(data[(20 * 3) * stride + 4 * 30 + 2])
        XCTAssertLessThan(red, 200, "the stroke outside the rectangle is missing")
    }

    /// In an SVG (drawn by the browser) the seam keeps Cairo's round joins.
    func testVectorFilesKeepRoundJoins() throws {
        let svg = String(decoding: try CairoRenderer.svg(scene(seams: true)), as: UTF8.self)
        XCTAssertTrue(svg.contains("stroke-linejoin:round"), svg)
        XCTAssertFalse(svg.contains("miter"), svg)
    }

    /// What is a seam: a thin undashed stroke of the fill's own colour, drawn into pixels; not on
    /// a PDF or an SVG, not a territory outlined in its colour on a locator (0.8), not a dash.
    func testWhatIsASeam() throws {
        let image = try XCTUnwrap(cairo_image_surface_create(CAIRO_FORMAT_RGB24, 10, 10))
        let pdf = try XCTUnwrap(cairo_pdf_surface_create(nil, 10, 10))
        defer { cairo_surface_destroy(image); cairo_surface_destroy(pdf) }
        let onImage = try XCTUnwrap(cairo_create(image)), onPDF = try XCTUnwrap(cairo_create(pdf))
        defer { cairo_destroy(onImage); cairo_destroy(onPDF) }
        XCTAssertTrue(CairoMarks.isSeam(green, Stroke(green, width: 0.3), onImage))
        XCTAssertFalse(CairoMarks.isSeam(green, Stroke(green, width: 0.3), onPDF))
        XCTAssertFalse(CairoMarks.isSeam(green, Stroke(green, width: 0.8), onImage))
        XCTAssertFalse(CairoMarks.isSeam(green, Stroke(green, width: 0.3, dash: [2, 1]), onImage))
        XCTAssertFalse(CairoMarks.isSeam(green, Stroke(orange, width: 0.3), onImage))
        XCTAssertFalse(CairoMarks.isSeam(nil, Stroke(green, width: 0.3), onImage))
    }
}
