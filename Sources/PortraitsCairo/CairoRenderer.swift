import CCairo
import PortraitsCore
import PortraitsGraphics

/// Draws scenes with Cairo onto SVG, PNG and PDF surfaces. Each backend only traverses the scene;
/// what to draw was decided in PortraitsGraphics.
public enum CairoRenderer {
    public enum RenderError: Error, CustomStringConvertible {
        case cairo(String)
        public var description: String {
            switch self { case .cairo(let s): return "Cairo: \(s)" }
        }
    }

    /// The scene as an SVG document (size in px). Shapes are drawn by Cairo's SVG surface; text is
    /// written as `<text>` elements above the shapes (`SVGTextLayer`). Text inside a clip is left to
    /// Cairo (outlines), so that the clip still applies to it.
    ///
    /// `inline`: for an `<svg>` inside the site's pages (`SVGInliner`), whose stylesheet gives the
    /// chart its white ground, its font and its text colour (`svg.chart`): the document paints no
    /// background and its text declares neither. A file keeps all three.
    public static func svg(_ scene: Scene, inline: Bool = false) throws -> [UInt8] {
        let sink = ByteSink()
        let surface = cairo_svg_surface_create_for_stream(ByteSink.write, Unmanaged.passUnretained(sink).toOpaque(), scene.width, scene.height)!
        cairo_svg_surface_set_document_unit(surface, CAIRO_SVG_UNIT_PX)
        let cr = cairo_create(surface)!
        if !inline { paintBackground(scene, cr) }
        var text = SVGTextLayer()
        var clipDepth = 0
        do { for mark in scene.marks {
            switch mark {
            case let .text(s, at, style) where clipDepth == 0:
                text.add(s, at: at, style: style)
            case let .hotspot(x, y, w, h, label):
                text.addHotspot(x: x, y: y, width: w, height: h, label: label)
            case .clipBegin:
                clipDepth += 1
                try CairoMarks.draw(mark, cr)
            case .clipEnd:
                clipDepth = max(0, clipDepth - 1)
                try CairoMarks.draw(mark, cr)
            default:
                try CairoMarks.draw(mark, cr)
            }
        } } catch {
            abandon(cr, surface)
            throw error
        }
        try finish(cr, surface)
        return text.merged(into: SVGCompactor.compact(SVGStyles.compact(sink.bytes), decimals: 1), declaresFont: !inline)
    }

    /// The scene as a PNG image, `scale` pixels per scene unit.
    /// `opaque`: on white, without an alpha channel (a quarter fewer bytes; for documents, where
    /// nothing shows through).
    public static func png(_ scene: Scene, scale: Double = 1, opaque: Bool = false) throws -> [UInt8] {
        let w = Int32(max(1, (scene.width * scale).rounded(.up))), h = Int32(max(1, (scene.height * scale).rounded(.up)))
        let surface = cairo_image_surface_create(opaque ? CAIRO_FORMAT_RGB24 : CAIRO_FORMAT_ARGB32, w, h)!
        let cr = cairo_create(surface)!
        if opaque {
            cairo_set_source_rgb(cr, 1, 1, 1)
            cairo_paint(cr)
        }
        cairo_scale(cr, scale, scale)
        do { try paint(scene, cr) } catch {
            abandon(cr, surface)
            throw error
        }
        let drawing = cairo_status(cr)
        cairo_destroy(cr)
        let sink = ByteSink()
        let status = drawing != CAIRO_STATUS_SUCCESS ? drawing : cairo_surface_write_to_png_stream(surface, ByteSink.write, Unmanaged.passUnretained(sink).toOpaque())
        cairo_surface_destroy(surface)
        guard status == CAIRO_STATUS_SUCCESS else { throw RenderError.cairo(String(cString: cairo_status_to_string(status))) }
        return sink.bytes
    }

    /// The scene as a one-page PDF (one scene unit = one point), fonts embedded, text selectable.
    public static func pdf(_ scene: Scene) throws -> [UInt8] {
        try PDFCompression.with { try drawnPDF(scene) }
    }

    private static func drawnPDF(_ scene: Scene) throws -> [UInt8] {
        let sink = ByteSink()
        let surface = cairo_pdf_surface_create_for_stream(ByteSink.write, Unmanaged.passUnretained(sink).toOpaque(), scene.width, scene.height)!
        cairo_pdf_surface_set_metadata(surface, CAIRO_PDF_METADATA_CREATOR, "portraits")
        cairo_pdf_surface_set_metadata(surface, CAIRO_PDF_METADATA_CREATE_DATE, "2000-01-01T00:00:00Z")
        try draw(scene, on: surface)
        return sink.bytes
    }

    private static func draw(_ scene: Scene, on surface: OpaquePointer) throws {
        let cr = cairo_create(surface)!
        do { try paint(scene, cr) } catch {
            abandon(cr, surface)
            throw error
        }
        try finish(cr, surface)
    }

    /// Releases a context and its surface after a drawing error (nothing of them is kept).
    static func abandon(_ cr: OpaquePointer, _ surface: OpaquePointer) {
        cairo_destroy(cr)
        cairo_surface_finish(surface)
        cairo_surface_destroy(surface)
    }

    private static func finish(_ cr: OpaquePointer, _ surface: OpaquePointer) throws {
        // An error on the context (not the surface) stops every later drawing call silently.
        let drawing = cairo_status(cr)
        cairo_destroy(cr)
        cairo_surface_finish(surface)
        let status = drawing != CAIRO_STATUS_SUCCESS ? drawing : cairo_surface_status(surface)
        cairo_surface_destroy(surface)
        guard status == CAIRO_STATUS_SUCCESS else { throw RenderError.cairo(String(cString: cairo_status_to_string(status))) }
    }

    /// Paints every mark of the scene in order onto a Cairo context; into pixels, the seamed
    /// fills laid under them first (`CairoMarks.drawUnderlaid`).
    public static func paint(_ scene: Scene, _ cr: OpaquePointer) throws {
        paintBackground(scene, cr)
        if CairoMarks.isRaster(cr) {
            try CairoMarks.drawUnderlaid(scene.marks, cr)
        } else {
            for mark in scene.marks { try CairoMarks.draw(mark, cr) }
        }
    }

    static func paintBackground(_ scene: Scene, _ cr: OpaquePointer) {
        guard let bg = scene.background else { return }
        CairoMarks.setColor(cr, bg)
        cairo_paint(cr)
    }
}

/// Accumulates what a Cairo stream surface writes.
final class ByteSink {
    var bytes: [UInt8] = []

    static let write: cairo_write_func_t = { closure, data, length in
        let sink = Unmanaged<ByteSink>.fromOpaque(closure!).takeUnretainedValue()
        sink.bytes.append(contentsOf: UnsafeBufferPointer(start: data, count: Int(length)))
        return CAIRO_STATUS_SUCCESS
    }
}
