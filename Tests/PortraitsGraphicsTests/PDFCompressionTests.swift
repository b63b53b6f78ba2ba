import CSupport
import Foundation
import XCTest
@testable import PortraitsCairo
@testable import PortraitsCore
@testable import PortraitsGraphics

/// The PDFs' streams are compressed by libdeflate at `PDFCompression.level` (pdf_deflate.c);
/// zlib's other callers keep zlib and their own level.
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

    func libdeflated(level: Int32) -> [UInt8] {
        var out = [UInt8](repeating: 0, count: text.count + 1_000)
        let n = portraits_libdeflate_compress(&out, UInt(out.count), text, UInt(text.count), level)
        return Array(out.prefix(Int(n)))
    }

    /// As Cairo and qpdf call zlib: `inPiece` bytes in and `outPiece` bytes of room a call.
    func streamed(inPiece: UInt32, outPiece: UInt32) -> [UInt8] {
        var out = [UInt8](repeating: 0, count: text.count + 1_000)
        let n = portraits_deflate_in_pieces(&out, UInt(out.count), text, UInt(text.count), inPiece, outPiece)
        return Array(out.prefix(Int(n)))
    }

    func uncompressed(_ bytes: [UInt8]) -> [UInt8] {
        var out = [UInt8](repeating: 0, count: text.count + 1)
        let n = portraits_uncompress(&out, UInt(out.count), bytes, UInt(bytes.count))
        return Array(out.prefix(Int(n)))
    }

    func testLibdeflateInsideTheBlockOnly() {
        XCTAssertNotEqual(libdeflated(level: PDFCompression.level), compressed(level: 6), "the text does not tell the compressors apart")
        XCTAssertEqual(compressedByDefault(), compressed(level: 6), "outside a PDF: zlib's default")
        XCTAssertEqual(streamed(inPiece: 1_000, outPiece: 100), compressed(level: 6), "outside a PDF: zlib's streams")
        PDFCompression.with {
            XCTAssertEqual(compressedByDefault(), libdeflated(level: PDFCompression.level), "inside: libdeflate at the PDFs' level")
            XCTAssertEqual(compressed(level: 9), compressed(level: 9), "a level chosen by its caller is kept")
            XCTAssertNotEqual(compressed(level: 9), libdeflated(level: PDFCompression.level), "a level chosen by its caller is zlib's")
        }
        XCTAssertEqual(compressedByDefault(), compressed(level: 6), "libdeflate outlived its block")
        XCTAssertEqual(portraits_pdf_deflate_level(), -1)
    }

    /// Asked to finish with no room for its output, a PDF stream says it cannot progress, as
    /// zlib does (zlib's compress2 loops while deflate says Z_OK).
    func testNoRoomIsABufferError() {
        XCTAssertEqual(portraits_deflate_without_room(text, UInt(text.count)), -5, "zlib")
        PDFCompression.with {
            XCTAssertEqual(portraits_deflate_without_room(text, UInt(text.count)), -5, "libdeflate")
        }
    }

    /// Fed in pieces and read out a few bytes at a time, as Cairo's and qpdf's streams are, a PDF
    /// stream comes out whole, the same bytes as libdeflate's in one call, and zlib reads it back.
    func testAStreamInPiecesComesOutWhole() {
        PDFCompression.with {
            let whole = libdeflated(level: PDFCompression.level)
            for (inPiece, outPiece) in [(UInt32(1), UInt32(1)), (7, 3), (4_096, 16_384), (UInt32(text.count), 1), (UInt32(text.count), UInt32(text.count))] {
                let pieces = streamed(inPiece: inPiece, outPiece: outPiece)
                XCTAssertEqual(pieces, whole, "in \(inPiece), out \(outPiece)")
                XCTAssertEqual(uncompressed(pieces), text, "in \(inPiece), out \(outPiece)")
            }
        }
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
        // qpdf checks the file and decodes every stream of it (libdeflate's streams, zlib's format).
        let file = FileManager.default.temporaryDirectory.appendingPathComponent("compression-\(UUID().uuidString).pdf")
        try Data(pdf).write(to: file)
        defer { try? FileManager.default.removeItem(at: file) }
        for arguments in [["--check", file.path], ["--decode-level=all", "--check", file.path]] {
            let qpdf = Process(), output = Pipe()
            qpdf.executableURL = URL(fileURLWithPath: "/usr/bin/qpdf")
            qpdf.arguments = arguments
            qpdf.standardOutput = output
            qpdf.standardError = output
            try qpdf.run()
            let said = String(decoding: output.fileHandleForReading.readDataToEndOfFile(), as: UTF8.self)
            qpdf.waitUntilExit()
            XCTAssertEqual(qpdf.terminationStatus, 0, said)
            XCTAssertTrue(said.contains("No syntax or stream encoding errors found"), said)
        }
    }
}
