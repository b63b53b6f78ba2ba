import XCTest
@testable import PortraitsCairo
@testable import PortraitsCore
@testable import PortraitsGraphics

/// An error on a Cairo context (here, a clip ended that was never begun: Cairo's "invalid restore")
/// makes Cairo ignore every later call on it. Each backend must report it instead of returning a
/// file cut where the error happened, including inside a map drawn as an image.
final class CairoErrorTests: XCTestCase {
    func broken() -> Scene {
        var scene = Scene(width: 200, height: 100)
        scene.add(.clipEnd)
        scene.add(.rect(x: 10, y: 10, width: 50, height: 50, fill: RGBColor(r: 200, g: 0, b: 0), stroke: nil))
        return scene
    }

    func sound() -> Scene {
        var scene = Scene(width: 200, height: 100)
        scene.add(.rect(x: 10, y: 10, width: 50, height: 50, fill: RGBColor(r: 200, g: 0, b: 0), stroke: nil))
        return scene
    }

    func assertReported(_ make: () throws -> [UInt8], _ what: String, file: StaticString = #filePath, line: UInt = #line) {
        XCTAssertThrowsError(try make(), what, file: file, line: line) { error in
            XCTAssertTrue("\(error)".contains("restore"), "\(what): \(error)", file: file, line: line)
        }
    }

    func testAContextErrorIsReportedByEveryBackend() throws {
        assertReported({ try CairoRenderer.png(broken()) }, "PNG")
        assertReported({ try CairoRenderer.svg(broken()) }, "SVG")
        assertReported({ try CairoRenderer.pdf(broken()) }, "PDF of a scene")
        assertReported({ try CairoRenderer.pdf(DocumentSpec(title: "t", subject: "s", author: "a", date: "2026-12-06", pages: [sound(), broken()], outline: [])) },
                       "PDF document, error on its second page")
        // A map drawn as an image has its own context: its error is reported too.
        var page = sound()
        page.add(.raster(broken(), x: 0, y: 0, width: 100, height: 50, dpi: 72))
        assertReported({ try CairoRenderer.pdf(page) }, "map drawn as an image")
        // The check can pass: the same scenes without the stray clip end are drawn.
        var fine = sound()
        fine.add(.raster(sound(), x: 0, y: 0, width: 100, height: 50, dpi: 72))
        XCTAssertFalse(try CairoRenderer.pdf(fine).isEmpty)
        XCTAssertFalse(try CairoRenderer.png(sound()).isEmpty)
        XCTAssertFalse(try CairoRenderer.svg(sound()).isEmpty)
    }
}
