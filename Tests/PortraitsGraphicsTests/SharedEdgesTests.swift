import XCTest
@testable import PortraitsCairo
@testable import PortraitsCore
@testable import PortraitsGraphics

/// A class's pieces drawn without their shared edges fill exactly the same pixels, with fewer vertices.
final class SharedEdgesTests: XCTestCase {
    func square(_ x: Double, _ y: Double, _ size: Double = 10) -> PolygonRings {
        PolygonRings(rings: [[Point(x, y), Point(x + size, y), Point(x + size, y + size), Point(x, y + size), Point(x, y)]])
    }

    func testNeighboursLoseTheEdgeTheyShare() {
        let loops = SharedEdges.dissolved([square(0, 0), square(10, 0)])
        XCTAssertEqual(loops.count, 1)
        // The outline of the 20 × 10 rectangle: 6 vertices (the two ends of the shared edge stay).
        XCTAssertEqual(loops[0].count, 6)
        XCTAssertEqual(Set(loops[0]), Set([Point(0, 0), Point(10, 0), Point(20, 0), Point(20, 10), Point(10, 10), Point(0, 10)]))
    }

    func testAHoleFilledByTheSameClassDisappears() {
        let frame = PolygonRings(rings: [
            [Point(0, 0), Point(30, 0), Point(30, 30), Point(0, 30)],
            [Point(10, 10), Point(20, 10), Point(20, 20), Point(10, 20)],
        ])
        let loops = SharedEdges.dissolved([frame, square(10, 10)])
        XCTAssertEqual(loops.count, 1)
        XCTAssertEqual(Set(loops[0]), Set([Point(0, 0), Point(30, 0), Point(30, 30), Point(0, 30)]))
    }

    func testEdgesThatDoNotMatchStay() {
        // A T-junction: (10, 5) is a vertex of the right piece only.
        let right = PolygonRings(rings: [[Point(10, 0), Point(20, 0), Point(20, 5), Point(10, 5)]])
        let loops = SharedEdges.dissolved([square(0, 0), right])
        XCTAssertEqual(loops.map(\.count).reduce(0, +), 8)
    }

    func testSameInputSamePath() {
        var pieces: [PolygonRings] = []
        for i in 0..<6 { for j in 0..<6 where (i * 7 + j * 3) % 4 != 0 { pieces.append(square(Double(i) * 10, Double(j) * 10)) } }
        XCTAssertEqual(SharedEdges.dissolved(pieces), SharedEdges.dissolved(pieces))
    }

    /// The pixels: a checkerboard-like partition in three classes, drawn piece by piece (as maps were
    /// drawn) and dissolved (as they are), antialiased, at a scale that puts edges between pixels.
    func testTheFillIsTheSamePixelForPixel() throws {
        var byClass = [[PolygonRings]](repeating: [], count: 3)
        var seed: UInt64 = 7
        for i in 0..<12 {
            for j in 0..<9 {
                seed = seed &* 6364136223846793005 &+ 1442695040888963407
                // Slanted cells so that edges cross pixels at every angle.
                let x = Double(i) * 13.3 + Double(j) * 2.1, y = Double(j) * 11.7 + Double(i) * 0.9
                let cell = PolygonRings(rings: [[Point(x, y), Point(x + 13.3, y + 0.9), Point(x + 15.4, y + 12.6), Point(x + 2.1, y + 11.7)]])
                byClass[Int(seed >> 33) % 3].append(cell)
            }
        }
        let colors = [RGBColor(hex: "#e31a1c")!, RGBColor(hex: "#33a02c")!, RGBColor(hex: "#1f78b4")!]
        func scene(dissolve: Bool) -> Scene {
            var s = Scene(width: 200, height: 130)
            for (c, pieces) in byClass.enumerated() where !pieces.isEmpty {
                let drawn = dissolve ? [PolygonRings(rings: SharedEdges.dissolved(pieces))] : pieces
                s.add(.polygons(drawn, fill: colors[c], stroke: nil))
            }
            return s
        }
        let before = SharedEdges.dissolved(byClass[0]).reduce(0) { $0 + $1.count }
        XCTAssertLessThan(before, byClass[0].reduce(0) { $0 + $1.vertexCount })
        XCTAssertEqual(try CairoRenderer.png(scene(dissolve: false), scale: 1.37), try CairoRenderer.png(scene(dissolve: true), scale: 1.37))
    }
}
