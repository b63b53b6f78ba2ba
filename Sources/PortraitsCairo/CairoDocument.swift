import CCairo
import PortraitsCore
import PortraitsGraphics

extension CairoRenderer {
    /// A multi-page PDF: each page of the spec on its own page (sized as the scene, in points), the
    /// outline as PDF bookmarks, title, subject, author and date as metadata. Fonts are embedded as
    /// subsets and text stays selectable (Cairo's PDF surface), the structure tags of the pages
    /// (`Mark.tag`) make the tagged PDF's structure tree; the links, the language, the figures'
    /// text alternatives, the XMP metadata and the file's structure are qpdf's (`PDFFinishing`).
    /// Streams are compressed at `PDFCompression.level`.
    public static func pdf(_ document: DocumentSpec) throws -> [UInt8] {
        try finishedPDF(document, cairoPDF(document))
    }

    /// Cairo's PDF of the document, before `PDFFinishing` (what the print benchmark times apart).
    public static func cairoPDF(_ document: DocumentSpec) throws -> [UInt8] {
        try PDFCompression.with { try drawnPDF(document) }
    }

    private static func drawnPDF(_ document: DocumentSpec) throws -> [UInt8] {
        let sink = ByteSink()
        let first = document.pages.first
        let surface = cairo_pdf_surface_create_for_stream(ByteSink.write, Unmanaged.passUnretained(sink).toOpaque(),
                                                          first?.width ?? DocumentSpec.a4Width, first?.height ?? DocumentSpec.a4Height)!
        cairo_pdf_surface_set_metadata(surface, CAIRO_PDF_METADATA_TITLE, document.title)
        cairo_pdf_surface_set_metadata(surface, CAIRO_PDF_METADATA_SUBJECT, document.subject)
        cairo_pdf_surface_set_metadata(surface, CAIRO_PDF_METADATA_AUTHOR, document.author)
        cairo_pdf_surface_set_metadata(surface, CAIRO_PDF_METADATA_CREATOR, "portraits")
        cairo_pdf_surface_set_metadata(surface, CAIRO_PDF_METADATA_CREATE_DATE, document.date + "T00:00:00Z")
        let cr = cairo_create(surface)!
        for (i, page) in document.pages.enumerated() {
            if i > 0 { cairo_pdf_surface_set_size(surface, page.width, page.height) }
            cairo_save(cr)
            do { try paint(page, cr) } catch {
                abandon(cr, surface)
                throw error
            }
            cairo_restore(cr)
            cairo_show_page(cr)
        }
        // Bookmarks: level-1 entries hang under the last level-0 entry.
        var parent = Int32(CAIRO_PDF_OUTLINE_ROOT)
        for entry in document.outline where entry.page >= 0 && entry.page < document.pages.count {
            let link = "page=\(entry.page + 1)"
            if entry.level == 0 {
                parent = cairo_pdf_surface_add_outline(surface, Int32(CAIRO_PDF_OUTLINE_ROOT), entry.title, link, cairo_pdf_outline_flags_t(rawValue: 0))
            } else {
                _ = cairo_pdf_surface_add_outline(surface, parent, entry.title, link, cairo_pdf_outline_flags_t(rawValue: 0))
            }
        }
        // An error on the context (not the surface) stops every later drawing call silently.
        let drawing = cairo_status(cr)
        cairo_destroy(cr)
        cairo_surface_finish(surface)
        let status = drawing != CAIRO_STATUS_SUCCESS ? drawing : cairo_surface_status(surface)
        cairo_surface_destroy(surface)
        guard status == CAIRO_STATUS_SUCCESS else { throw RenderError.cairo(String(cString: cairo_status_to_string(status))) }
        return sink.bytes
    }

    /// `cairo` (Cairo's PDF of `document`) through `PDFFinishing`: links, language, figures'
    /// alternatives, XMP metadata, a sound file structure.
    public static func finishedPDF(_ document: DocumentSpec, _ cairo: [UInt8]) throws -> [UInt8] {
        let figures = document.pages.flatMap { page in
            page.marks.compactMap { mark -> String? in
                if case .tag(.begin("Figure", let alt)) = mark { return alt ?? "" }
                return nil
            }
        }
        return try PDFCompression.with { try PDFFinishing.finish(cairo, links: PDFFinishing.links(of: document.pages), heights: document.pages.map(\.height), figures: figures,
                                       metadata: .init(title: document.title, subject: document.subject, author: document.author, date: document.date)) }
    }
}
