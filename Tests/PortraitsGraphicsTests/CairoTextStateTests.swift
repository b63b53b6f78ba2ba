import CCairo
import Foundation
import XCTest
@testable import PortraitsCairo
@testable import PortraitsCore
@testable import PortraitsGraphics

/// Text as `CairoMarks.text` draws it, against the plain Cairo calls written out in the test (every
/// setting made for every text: options, face, size, `cairo_text_extents` for the anchor,
/// `cairo_show_text`): any shortcut taken in `CairoMarks` (state kept between marks, glyphs kept)
/// must draw each text with its own style, whatever was drawn before it, inside or after a clip.
/// A PDF's text stays its text, whatever its Unicode spelling, and the measure's cache
/// (`TextMeasure.cairo`) tells two spellings apart.
final class CairoTextStateTests: XCTestCase {
    static let styles = [TextStyle(size: 10), TextStyle(size: 10, bold: true), TextStyle(size: 16), TextStyle(size: 16, bold: true),
                         TextStyle(size: 10, anchor: .middle), TextStyle(size: 12, bold: true, anchor: .end), TextStyle(size: 9, rotation: -90),
                         TextStyle(size: 11, anchor: .middle, rotation: 30)]
    static let long = "Une phrase assez longue pour tenir sur toute la largeur de la scène, en petits caractères."

    /// Texts of every style, each in its own band of the picture, one inside a clip, one long.
    func groups() -> [[Mark]] {
        var out = Self.styles.enumerated().map { i, style in
            [Mark.text(i == 7 ? "Sélestat" : "Hœnheim Zones", at: Point(i == 6 ? 280 : 150, Double(30 + 32 * i)), style: style)]
        }
        out.append([Mark.clipBegin(x: 0, y: 262, width: 300, height: 30),
                    .text("Dans la découpe", at: Point(10, 285), style: TextStyle(size: 14, bold: true)),
                    Mark.clipEnd])
        out.append([.text(Self.long, at: Point(4, 310), style: TextStyle(size: 7))])
        return out
    }

    func png(_ groups: [[Mark]]) throws -> [UInt8] {
        try CairoRenderer.png(Scene(width: 320, height: 320, marks: groups.flatMap { $0 }), scale: 1.5)
    }

    /// The same marks drawn with the plain calls, every setting made for every text.
    func reference(_ groups: [[Mark]]) throws -> [UInt8] {
        let surface = cairo_image_surface_create(CAIRO_FORMAT_ARGB32, 480, 480)!
        let cr = cairo_create(surface)!
        cairo_scale(cr, 1.5, 1.5)
        cairo_set_source_rgb(cr, 1, 1, 1)
        cairo_paint(cr)
        for mark in groups.flatMap({ $0 }) {
            switch mark {
            case let .clipBegin(x, y, w, h):
                cairo_save(cr)
                cairo_rectangle(cr, x, y, w, h)
                cairo_clip(cr)
            case .clipEnd:
                cairo_restore(cr)
            case let .text(s, at, style):
                let options = cairo_font_options_create()
                cairo_font_options_set_hint_style(options, CAIRO_HINT_STYLE_NONE)
                cairo_font_options_set_hint_metrics(options, CAIRO_HINT_METRICS_OFF)
                cairo_set_font_options(cr, options)
                cairo_font_options_destroy(options)
                cairo_select_font_face(cr, Typography.fontFamily, CAIRO_FONT_SLANT_NORMAL, style.bold ? CAIRO_FONT_WEIGHT_BOLD : CAIRO_FONT_WEIGHT_NORMAL)
                cairo_set_font_size(cr, style.size)
                var x = at.x
                if style.anchor != .start {
                    var ext = cairo_text_extents_t()
                    cairo_text_extents(cr, s, &ext)
                    x -= style.anchor == .middle ? ext.x_advance / 2 : ext.x_advance
                }
                cairo_set_source_rgb(cr, Double(style.color.r) / 255, Double(style.color.g) / 255, Double(style.color.b) / 255)
                if style.rotation != 0 {
                    cairo_save(cr)
                    cairo_translate(cr, at.x, at.y)
                    cairo_rotate(cr, style.rotation * Double.pi / 180)
                    cairo_move_to(cr, x - at.x, 0)
                    cairo_show_text(cr, s)
                    cairo_restore(cr)
                } else {
                    cairo_move_to(cr, x, at.y)
                    cairo_show_text(cr, s)
                }
                cairo_new_path(cr)
            default:
                XCTFail("only text and clips here")
            }
        }
        XCTAssertEqual(cairo_status(cr), CAIRO_STATUS_SUCCESS)
        cairo_destroy(cr)
        let path = try folder().appendingPathComponent("reference.png").path
        XCTAssertEqual(cairo_surface_write_to_png(surface, path), CAIRO_STATUS_SUCCESS)
        cairo_surface_destroy(surface)
        return Array(try Data(contentsOf: URL(fileURLWithPath: path)))
    }

    func folder() throws -> URL {
        let dir = FileManager.default.temporaryDirectory.appendingPathComponent("cairo-text-\(UUID().uuidString)")
        try FileManager.default.createDirectory(at: dir, withIntermediateDirectories: true)
        addTeardownBlock { try? FileManager.default.removeItem(at: dir) }
        return dir
    }

    func testEachTextIsDrawnAsCairoDrawsItWhateverCameBefore() throws {
        let g = groups()
        let expected = try reference(g)
        XCTAssertEqual(try png(g), expected, "texts drawn in order")
        XCTAssertEqual(try png(g.reversed()), try reference(g.reversed()), "texts drawn in reverse order")
        let shuffled = [g[1], g[8], g[0], g[3], g[9], g[2], g[6], g[5], g[7], g[4]]
        XCTAssertEqual(try png(shuffled), try reference(shuffled), "texts drawn in another order")
        // The check can fail: one size changed changes the picture.
        var other = g
        other[2] = [.text("Hœnheim Zones", at: Point(150, 94), style: TextStyle(size: 10))]
        XCTAssertNotEqual(try png(other), expected)
    }

    /// Swift takes canonically equivalent strings for the same string; Cairo lays out their bytes,
    /// so the measure's cache keeps them apart. The Hangul syllable « 가 » is one glyph (missing
    /// from the font, drawn as one box), its two jamo two glyphs: two widths.
    func testMeasureCacheKeepsUnicodeSpellingsApart() {
        XCTAssertEqual("S\u{E9}lestat", "Se\u{301}lestat")
        XCTAssertNotEqual(UTF8Key(text: "S\u{E9}lestat"), UTF8Key(text: "Se\u{301}lestat"))
        XCTAssertEqual(Set([UTF8Key(text: "S\u{E9}lestat"), UTF8Key(text: "Se\u{301}lestat"), UTF8Key(text: "S\u{E9}lestat")]).count, 2)
        let syllable = "\u{AC00}", jamo = "\u{1100}\u{1161}"
        XCTAssertEqual(syllable, jamo)
        let m = TextMeasure.cairo
        let one = m.width(syllable, size: 10)
        XCTAssertEqual(m.width(jamo, size: 10), 2 * one, accuracy: 1e-9, "the second spelling measured, not taken from the first's entry")
    }

    /// A PDF's text is its text: precomposed and decomposed accents (the same string for Swift, not
    /// for Cairo), bold, rotated, long, each found by pdftotext, and the document drawn whole.
    func testPDFTextStaysTextWhateverItsSpelling() throws {
        let precomposed = "S\u{E9}lestat", decomposed = "Se\u{301}lestat"
        XCTAssertEqual(precomposed, decomposed, "Swift compares them equal")
        var scene = Scene(width: 400, height: 300)
        scene.add(.text(precomposed, at: Point(10, 20), style: TextStyle(size: 12)))
        scene.add(.text(decomposed, at: Point(10, 40), style: TextStyle(size: 12)))
        scene.add(.text(precomposed, at: Point(10, 60), style: TextStyle(size: 12, bold: true)))
        scene.add(.text("Hœnheim", at: Point(300, 200), style: TextStyle(size: 12, rotation: -90)))
        scene.add(.text(Self.long, at: Point(10, 250), style: TextStyle(size: 6)))
        scene.add(.text("Dernière ligne", at: Point(10, 280), style: TextStyle(size: 12)))
        for round in 1...2 {   // the second time with Cairo's caches warm
            let dir = try folder()
            let pdf = dir.appendingPathComponent("texte.pdf")
            try Data(try CairoRenderer.pdf(scene)).write(to: pdf)
            let p = Process()
            p.executableURL = URL(fileURLWithPath: "/usr/bin/pdftotext")
            p.arguments = [pdf.path, "-"]
            let out = Pipe()
            p.standardOutput = out
            try p.run()
            let text = String(decoding: out.fileHandleForReading.readDataToEndOfFile(), as: UTF8.self)
            p.waitUntilExit()
            let lines = text.split(separator: "\n").map { String($0) }
            XCTAssertEqual(lines.filter { $0.unicodeScalars.elementsEqual(precomposed.unicodeScalars) }.count, 2, "round \(round): \(lines)")
            XCTAssertTrue(lines.contains { $0.unicodeScalars.elementsEqual(decomposed.unicodeScalars) }, "round \(round): \(lines)")
            for expected in ["Hœnheim", Self.long, "Dernière ligne"] {
                XCTAssertTrue(text.contains(expected), "round \(round): \(expected) in \(lines)")
            }
        }
    }
}
