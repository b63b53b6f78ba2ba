import XCTest
import CCairo
@testable import PortraitsCairo
@testable import PortraitsCore
@testable import PortraitsGraphics

/// Rings cut to a map's frame draw the same picture inside the frame, with fewer vertices.
final class FrameClipTests: XCTestCase {
    let clip = FrameClip(x: 0, y: 0, width: 100, height: 60, margin: 4)

    func testARingInsideIsKeptAsItIs() {
        let ring = [Point(10, 10), Point(50, 10), Point(50, 40), Point(10, 10)]
        XCTAssertEqual(clip.cut(ring), ring)
    }

    func testARingBesideTheFrameIsDropped() {
        XCTAssertNil(clip.cut([Point(200, 10), Point(250, 10), Point(250, 40)]))
        XCTAssertNil(clip.cut([Point(-50, -50), Point(-10, -50), Point(-10, -10)]))
    }

    func testARingAroundTheFrameBecomesTheRectangle() {
        let cut = clip.cut([Point(-500, -500), Point(500, -500), Point(500, 500), Point(-500, 500), Point(-500, -500)])
        XCTAssertEqual(cut.map { Set($0) }, Set([Point(-4, -4), Point(104, -4), Point(104, 64), Point(-4, 64)]))
    }

    func testACrossingRingIsCutOnTheRectangle() throws {
        // A triangle with one corner far to the right: its two long edges are cut at x = 104.
        let cut = try XCTUnwrap(clip.cut([Point(10, 10), Point(1_000, 30), Point(10, 50)]))
        XCTAssertEqual(cut.count, 4)
        XCTAssertTrue(cut.allSatisfy { $0.x <= 104 })
        // The triangle is 40 high at x = 10 and narrows to 0 at x = 1 000.
        let expected: Double = 94.0 * 40.0 * (1.0 - 94.0 / 1_980.0)
        XCTAssertEqual(PolygonRings(rings: [cut]).area, expected, accuracy: 1e-9)
    }

    func testTheProjectionCutsWhatLiesBeyondTheFrame() throws {
        let projection = MapProjection(fitting: BoundingBox(minX: 0, minY: 0, maxX: 1_000, maxY: 1_000), x: 0, y: 0, maxWidth: 200, maxHeight: 200)
        // A neighbour reaching 10 km beyond a 1 km territory: a few points remain of its 400.
        var ring: [Point] = []
        for k in 0..<400 {
            let a = Double(k) / 400 * 2 * Double.pi
            ring.append(Point(1_000 + 10_000 * cos(a), 500 + 10_000 * sin(a)))
        }
        let projected = try XCTUnwrap(projection.project(PolygonRings(rings: [ring + [ring[0]]])))
        XCTAssertLessThanOrEqual(projected.vertexCount, 6)
        let clip = projection.clip
        XCTAssertTrue(projected.rings[0].allSatisfy { $0.x >= clip.minX && $0.x <= clip.maxX && $0.y >= clip.minY && $0.y <= clip.maxY })
    }

    /// The pixels: a neighbour with a hole inside the frame, one outside and a bay, reaching far
    /// beyond the frame, drawn whole and cut, filled even-odd and stroked, inside the frame's clip.
    func testTheFrameShowsTheSamePixels() throws {
        let outer = [Point(-300, -200), Point(60, -150), Point(55, 30), Point(35, 25), Point(80, 45), Point(400, 20), Point(380, 300),
                     Point(40, 52), Point(-250, 400), Point(-300, -200)]
        let hole = [Point(20, 10), Point(30, 12), Point(25, 40), Point(15, 35), Point(20, 10)]
        let farHole = [Point(-200, -100), Point(-150, -100), Point(-150, -50), Point(-200, -100)]
        let polygon = PolygonRings(rings: [outer, hole, farHole])
        let cut = PolygonRings(rings: [outer, hole, farHole].compactMap { clip.cut($0) })
        XCTAssertLessThan(cut.vertexCount, polygon.vertexCount)
        func scene(_ p: PolygonRings) -> Scene {
            var s = Scene(width: 110, height: 70)
            s.add(.clipBegin(x: 0, y: 0, width: 100, height: 60))
            s.add(.polygons([p], fill: RGBColor(hex: "#33a02c")!, stroke: Stroke(RGBColor(hex: "#1f78b4")!, width: 3.2)))
            s.add(.clipEnd)
            return s
        }
        let whole = try scenePixels(scene(polygon), scale: 1.37).data, drawn = try scenePixels(scene(cut), scale: 1.37).data
        XCTAssertEqual(whole.count, drawn.count)
        var differing = 0, largest = 0
        for (a, b) in zip(whole, drawn) where a != b {
            differing += 1
            largest = max(largest, abs(Int(a) - Int(b)))
        }
        // Only antialiasing can move: an edge cut at the rectangle goes to a point Cairo rounds to
        // 1/256 px, not quite on the line it drew to the far vertex (57 bytes of 57 984 by 2 at most).
        XCTAssertLessThanOrEqual(largest, 2)
        XCTAssertLessThan(differing, whole.count / 500)
    }
}
