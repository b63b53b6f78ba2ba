import CSupport
import XCTest
@testable import PortraitsCairo
@testable import PortraitsCore
@testable import PortraitsGraphics

/// The PDFs' streams are compressed at `PDFCompression.level` (deflate_level.c); zlib's other
/// callers keep their own level.
final class PDFCompressionTests: XCTestCase {
    /// Text that compresses differently at levels 4 and 6 (a page's operators, repeated with changes).
    let text: [UInt8] = Array((0..<4_000).map { "\($0 % 97).\($0 % 13) \($0 * 7 % 1_000).5 l\n" }.joined().utf8)

    func compressedByDefault() -> [UInt8] {
        var out = [UInt8](repeating: 0, count: text.count + 1_000)
        let n = portraits_compress_default(&out, UInt(out.count), text, UInt(text.count))
        return Array(out.prefix(Int(n)))
    }

    func compressed(level: Int32) -> [UInt8] {
        var out = [UInt8](repeating: 0, count: text.count + 1_000)
        let n = portraits_compress_level(&out, UInt(out.count), text, UInt(text.count), level)
        return Array(out.prefix(Int(n)))
    }

    func testTheLevelHoldsInsideTheBlockOnly() {
        XCTAssertNotEqual(compressed(level: PDFCompression.level), compressed(level: 6), "the text does not tell the levels apart")
        XCTAssertEqual(compressedByDefault(), compressed(level: 6), "outside a PDF: zlib's default")
        PDFCompression.with {
            XCTAssertEqual(compressedByDefault(), compressed(level: PDFCompression.level), "inside: the PDFs' level")
            XCTAssertEqual(compressed(level: 9), compressed(level: 9), "a level chosen by its caller is kept")
        }
        XCTAssertEqual(compressedByDefault(), compressed(level: 6), "the level outlived its block")
        XCTAssertEqual(portraits_pdf_deflate_level(), -1)
    }

    /// Cairo's streams and qpdf's object streams go through it, and the file is sound.
    func testAPDFsStreamsTakeTheLevel() throws {
        var page = Scene(width: DocumentSpec.a4Width, height: DocumentSpec.a4Height)
        page.add(.text("Occupation du sol", at: Point(40, 40), style: TextStyle(size: 12)))
        page.add(.polygons([PolygonRings(rings: [[Point(40, 60), Point(300, 80), Point(200, 300), Point(40, 60)]])], fill: RGBColor(hex: "#33a02c")!, stroke: nil))
        let before = portraits_pdf_deflate_streams()
        let pdf = try CairoRenderer.pdf(DocumentSpec(title: "t", subject: "s", author: "a", date: "2026-12-07", pages: [page], outline: []))
        // Cairo's page content and font, qpdf's object stream at least.
        XCTAssertGreaterThanOrEqual(portraits_pdf_deflate_streams() - before, 3)
        XCTAssertEqual(Array(pdf.prefix(5)), Array("%PDF-".utf8))
        XCTAssertEqual(portraits_pdf_deflate_level(), -1, "the level outlived the PDF")
    }
}
