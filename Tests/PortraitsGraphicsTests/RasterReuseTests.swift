import XCTest
import CCairo
@testable import PortraitsCairo
@testable import PortraitsCore
@testable import PortraitsGraphics

/// A map drawn as an image is drawn once for the documents of a `reusingRasters` block, only when
/// its scene and size are the same, and the documents' bytes are those they have without it.
final class RasterReuseTests: XCTestCase {
    /// A dense-looking map: a grid of squares in two colours, `shift` moving one of them.
    func map(shift: Double = 0) -> Scene {
        var s = Scene(width: 200, height: 120)
        var a: [PolygonRings] = [], b: [PolygonRings] = []
        for i in 0..<20 {
            for j in 0..<12 {
                let x = Double(i) * 10 + (i == 7 && j == 5 ? shift : 0), y = Double(j) * 10
                let square = PolygonRings(rings: [[Point(x, y), Point(x + 10, y), Point(x + 10, y + 10), Point(x, y + 10), Point(x, y)]])
                if (i + j) % 2 == 0 { a.append(square) } else { b.append(square) }
            }
        }
        s.add(.polygons(a, fill: RGBColor(hex: "#33a02c")!, stroke: Stroke(RGBColor(hex: "#33a02c")!, width: 0.3)))
        s.add(.polygons(b, fill: RGBColor(hex: "#ff7f00")!, stroke: Stroke(RGBColor(hex: "#ff7f00")!, width: 0.3)))
        return s
    }

    func page(_ map: Scene, width: Double = 400) -> Scene {
        var page = Scene(width: DocumentSpec.a4Width, height: DocumentSpec.a4Height)
        page.add(.text("Carte", at: Point(40, 40), style: TextStyle(size: 12)))
        page.add(.raster(map, x: 40, y: 60, width: width, height: width * 0.6, dpi: 200))
        return page
    }

    func document(_ pages: [Scene]) -> DocumentSpec {
        DocumentSpec(title: "t", subject: "s", author: "a", date: "2026-12-07", pages: pages, outline: [])
    }

    func testTheSameMapIsDrawnOnceAndTheFilesDoNotChange() throws {
        let first = document([page(map()), page(map(shift: 0.5))])
        let second = document([page(map())])
        let alone = try (CairoRenderer.pdf(first), CairoRenderer.pdf(second))
        let (together, reused) = try RasterReuse.reusing { try (CairoRenderer.pdf(first), CairoRenderer.pdf(second)) }
        // The second document's map is the first page's: taken again; the moved square is another map.
        XCTAssertEqual(reused, 1)
        XCTAssertTrue(together.0 == alone.0, "the first document's bytes changed")
        XCTAssertTrue(together.1 == alone.1, "the second document's bytes changed")
    }

    func testAnotherSizeOrAnotherMapIsDrawnAgain() throws {
        let (_, reused) = try RasterReuse.reusing {
            try (CairoRenderer.pdf(document([page(map())])), CairoRenderer.pdf(document([page(map(), width: 300), page(map(shift: 0.5))])))
        }
        XCTAssertEqual(reused, 0)
        // A moved square is a different picture: reused, the file would show the first one.
        let moved = document([page(map(shift: 0.5))])
        let (withBlock, _) = try RasterReuse.reusing { () throws -> [UInt8] in
            _ = try CairoRenderer.pdf(document([page(map())]))
            return try CairoRenderer.pdf(moved)
        }
        XCTAssertTrue(withBlock == (try CairoRenderer.pdf(moved)), "the moved square's map was taken for the first one")
    }

    /// A block keeps its images up to its budget, the least recently used forgotten first, and
    /// releases each one it keeps (Cairo's reference counts back to the caller's alone).
    func testABlockKeepsItsLatestImagesWithinItsBudgetAndReleasesThem() throws {
        let maps = [map(), map(shift: 0.5), map(shift: 1)]
        let images = try maps.map { _ in try XCTUnwrap(cairo_image_surface_create(CAIRO_FORMAT_RGB24, 100, 60)) }
        defer { images.forEach { cairo_surface_destroy($0) } }
        do {
            let block = RasterReuse.Images(budget: 2 * 4 * 100 * 60)
            block.keep(images[0], maps[0], width: 100, height: 60)
            block.keep(images[1], maps[1], width: 100, height: 60)
            // The first taken again: the second is now the least recently used, forgotten for the third.
            let again = try XCTUnwrap(block.image(maps[0], width: 100, height: 60))
            cairo_surface_destroy(again)
            block.keep(images[2], maps[2], width: 100, height: 60)
            XCTAssertNil(block.image(maps[1], width: 100, height: 60))
            XCTAssertEqual(cairo_surface_get_reference_count(images[1]), 1, "a forgotten image is released")
            XCTAssertEqual(cairo_surface_get_reference_count(images[0]), 2, "a kept image holds a reference")
        }
        XCTAssertEqual(images.map { cairo_surface_get_reference_count($0) }, [1, 1, 1], "the block's references outlive it")
    }

    func testNothingIsKeptOutsideABlock() throws {
        XCTAssertNil(RasterReuse.current)
        _ = try CairoRenderer.reusingRasters { try CairoRenderer.pdf(document([page(map())])) }
        XCTAssertNil(RasterReuse.current, "the block's images outlive it")
    }
}
