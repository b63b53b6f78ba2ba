import CQPDF
import PortraitsCore
import PortraitsGraphics

/// The pass every PDF goes through after Cairo has drawn it, with qpdf's library: the links are
/// added as link annotations (a URI, or a destination on a page of the same file), the document
/// gets its language, shows its title and carries its metadata as XMP, each figure of the
/// structure tree (Cairo's tags) gets its text alternative, and the file is written again by qpdf
/// with a sound cross-reference table and a deterministic /ID.
///
/// Why not Cairo's own links: Cairo 1.16 (Debian 12) writes the annotations of its link tags under
/// object numbers that the page's /Annots array does not point to, so every PDF with a link was
/// "damaged" for `qpdf --check` and strict readers, and the contents page of a bundle had link boxes
/// with no target. Cairo keeps drawing; the links are qpdf's.
public enum PDFFinishing {
    /// A link on a page: its rectangle in the page's coordinates (points, y down, as the scene's
    /// marks) and where it leads.
    public struct Link: Sendable, Equatable {
        public var x: Double, y: Double, width: Double, height: Double
        public var target: LinkTarget
    }

    /// What the XMP metadata says (the same as the document information dictionary).
    public struct Metadata: Sendable {
        public var title: String, subject: String, author: String
        /// "YYYY-MM-DD".
        public var date: String

        public init(title: String, subject: String, author: String, date: String) {
            self.title = title
            self.subject = subject
            self.author = author
            self.date = date
        }
    }

    public enum FinishingError: Error, CustomStringConvertible {
        case qpdf(String)
        public var description: String { switch self { case .qpdf(let s): return "qpdf: \(s)" } }
    }

    /// `pdf` (Cairo's bytes) with `links[i]` on page i (pages of height `heights[i]`), `/Lang`
    /// set to `language`, written again by qpdf. A warning while reading Cairo's file is an error:
    /// it means Cairo wrote something this pass does not expect.
    /// `figures`: the text alternatives of the structure tree's figures, in the order their tags
    /// were opened (the tree's order); a tree with another number of figures is an error.
    /// `metadata`: written as the catalog's XMP stream.
    public static func finish(_ pdf: [UInt8], links: [[Link]], heights: [Double], language: String = "fr-FR",
                              figures: [String] = [], metadata: Metadata? = nil) throws -> [UInt8] {
        guard let q = qpdf_init() else { throw FinishingError.qpdf("cannot start") }
        var handle: qpdf_data? = q
        defer { qpdf_cleanup(&handle) }
        qpdf_silence_errors(q)
        return try pdf.withUnsafeBufferPointer { buffer -> [UInt8] in
            try check(q, qpdf_read_memory(q, "portrait.pdf", buffer.baseAddress.map { UnsafeRawPointer($0).assumingMemoryBound(to: CChar.self) },
                                         UInt64(buffer.count), nil), "reading Cairo's PDF")
            let pageCount = Int(qpdf_get_num_pages(q))
            guard pageCount >= 0 else { throw FinishingError.qpdf(error(q) ?? "no pages") }
            let pages = (0..<pageCount).map { qpdf_get_page_n(q, $0) }
            for (i, pageLinks) in links.enumerated() where i < pageCount && !pageLinks.isEmpty {
                let page = pages[i]
                var annots = qpdf_oh_get_key(q, page, "/Annots")
                if !qpdf_oh_is_array(q, annots).isTrue {
                    annots = qpdf_oh_new_array(q)
                    qpdf_oh_replace_key(q, page, "/Annots", annots)
                }
                for link in pageLinks {
                    guard let annotation = annotation(q, link, pageHeight: heights[i], pages: pages) else { continue }
                    qpdf_oh_append_item(q, annots, qpdf_make_indirect_object(q, annotation))
                }
            }
            let root = qpdf_get_root(q)
            qpdf_oh_replace_key(q, root, "/Lang", qpdf_oh_new_unicode_string(q, language))
            let tree = qpdf_oh_get_key(q, root, "/StructTreeRoot")
            if qpdf_oh_is_dictionary(q, tree).isTrue {
                var found: [qpdf_oh] = []
                collectFigures(q, qpdf_oh_get_key(q, tree, "/K"), into: &found, depth: 0)
                guard found.count == figures.count else {
                    throw FinishingError.qpdf("the structure tree has \(found.count) figures, the document \(figures.count)")
                }
                for (element, alt) in zip(found, figures) { qpdf_oh_replace_key(q, element, "/Alt", qpdf_oh_new_unicode_string(q, alt)) }
                // Tagged (ISO 32000-1, 14.7.1): Cairo 1.16 does not always say so.
                let markInfo = qpdf_oh_new_dictionary(q)
                qpdf_oh_replace_key(q, markInfo, "/Marked", qpdf_oh_new_bool(q, 1))
                qpdf_oh_replace_key(q, root, "/MarkInfo", markInfo)
            } else if !figures.isEmpty {
                throw FinishingError.qpdf("the document has figures but Cairo wrote no structure tree")
            }
            if let metadata {
                let producer = qpdf_oh_get_key(q, qpdf_oh_get_key(q, qpdf_get_trailer(q), "/Info"), "/Producer")
                let xmp = Array(xmpPacket(metadata, language: language,
                                          producer: qpdf_oh_is_string(q, producer).isTrue ? String(cString: qpdf_oh_get_utf8_value(q, producer)) : "").utf8)
                let stream = qpdf_oh_new_stream(q)
                xmp.withUnsafeBufferPointer { qpdf_oh_replace_stream_data(q, stream, $0.baseAddress, $0.count, qpdf_oh_new_null(q), qpdf_oh_new_null(q)) }
                let dict = qpdf_oh_get_dict(q, stream)
                qpdf_oh_replace_key(q, dict, "/Type", qpdf_oh_new_name(q, "/Metadata"))
                qpdf_oh_replace_key(q, dict, "/Subtype", qpdf_oh_new_name(q, "/XML"))
                qpdf_oh_replace_key(q, root, "/Metadata", stream)
            }
            let preferences = qpdf_oh_new_dictionary(q)
            qpdf_oh_replace_key(q, preferences, "/DisplayDocTitle", qpdf_oh_new_bool(q, 1))
            qpdf_oh_replace_key(q, root, "/ViewerPreferences", preferences)

            try check(q, qpdf_init_write_memory(q), "writing")
            // The same bytes for the same document (an /ID from the content, not random), so an
            // unchanged PDF stays linked from the last build. Cairo's compressed streams are copied
            // as they are. Object streams: the structure tree is hundreds of small objects (a
            // commune's portrait has 322 elements); packed and compressed they take 74 KB instead
            // of 120 KB, for 0.4 ms more per portrait.
            qpdf_set_deterministic_ID(q, 1)
            qpdf_set_decode_level(q, qpdf_dl_none)
            qpdf_set_object_stream_mode(q, qpdf_o_generate)
            try check(q, qpdf_write(q), "writing")
            let count = Int(qpdf_get_buffer_length(q))
            guard let out = qpdf_get_buffer(q) else { throw FinishingError.qpdf("no output") }
            return Array(UnsafeBufferPointer(start: out, count: count))
        }
    }

    /// The links of a document's pages: every link mark, in page coordinates.
    public static func links(of pages: [Scene]) -> [[Link]] {
        pages.map { page in
            page.marks.compactMap { mark in
                guard case let .link(x, y, w, h, target) = mark, [x, y, w, h].allSatisfy(\.isFinite) else { return nil }
                return Link(x: x, y: y, width: w, height: h, target: target)
            }
        }
    }

    /// A link annotation without a border: an action for a URI, a destination for a page (1-based,
    /// as `LinkTarget.page`); nil for a page the document does not have.
    static func annotation(_ q: qpdf_data, _ link: Link, pageHeight: Double, pages: [qpdf_oh]) -> qpdf_oh? {
        let a = qpdf_oh_new_dictionary(q)
        qpdf_oh_replace_key(q, a, "/Type", qpdf_oh_new_name(q, "/Annot"))
        qpdf_oh_replace_key(q, a, "/Subtype", qpdf_oh_new_name(q, "/Link"))
        let rect = qpdf_oh_new_array(q)
        // PDF user space has y up from the bottom of the page.
        for v in [link.x, pageHeight - link.y - link.height, link.x + link.width, pageHeight - link.y] {
            qpdf_oh_append_item(q, rect, qpdf_oh_new_real_from_double(q, v, 2))
        }
        qpdf_oh_replace_key(q, a, "/Rect", rect)
        let border = qpdf_oh_new_array(q)
        for _ in 0..<3 { qpdf_oh_append_item(q, border, qpdf_oh_new_integer(q, 0)) }
        qpdf_oh_replace_key(q, a, "/Border", border)
        switch link.target {
        case .uri(let uri):
            let action = qpdf_oh_new_dictionary(q)
            qpdf_oh_replace_key(q, action, "/Type", qpdf_oh_new_name(q, "/Action"))
            qpdf_oh_replace_key(q, action, "/S", qpdf_oh_new_name(q, "/URI"))
            qpdf_oh_replace_key(q, action, "/URI", qpdf_oh_new_string(q, uri))
            qpdf_oh_replace_key(q, a, "/A", action)
        case .page(let p):
            guard p >= 1, p <= pages.count else { return nil }
            let dest = qpdf_oh_new_array(q)
            qpdf_oh_append_item(q, dest, pages[p - 1])
            qpdf_oh_append_item(q, dest, qpdf_oh_new_name(q, "/Fit"))
            qpdf_oh_replace_key(q, a, "/Dest", dest)
        }
        return a
    }

    /// The structure elements of type /Figure under `node` (an element, a kid or an array of
    /// kids), depth first in order.
    static func collectFigures(_ q: qpdf_data, _ node: qpdf_oh, into found: inout [qpdf_oh], depth: Int) {
        guard depth < 64 else { return }
        if qpdf_oh_is_array(q, node).isTrue {
            for i in 0..<qpdf_oh_get_array_n_items(q, node) { collectFigures(q, qpdf_oh_get_array_item(q, node, i), into: &found, depth: depth + 1) }
            return
        }
        guard qpdf_oh_is_dictionary(q, node).isTrue, qpdf_oh_has_key(q, node, "/S").isTrue else { return }
        if qpdf_oh_is_name_and_equals(q, qpdf_oh_get_key(q, node, "/S"), "/Figure").isTrue { found.append(node) }
        collectFigures(q, qpdf_oh_get_key(q, node, "/K"), into: &found, depth: depth + 1)
    }

    /// The XMP packet of the document (ISO 16684-1): title, description, author, language, dates
    /// and tools, as Dublin Core, XMP basic and PDF properties.
    static func xmpPacket(_ m: Metadata, language: String, producer: String) -> String {
        func e(_ s: String) -> String { XMLText.escape(s) }
        let date = m.date + "T00:00:00Z"
        return """
        <?xpacket begin="\u{FEFF}" id="W5M0MpCehiHzreSzNTczkc9d"?>
        <x:xmpmeta xmlns:x="adobe:ns:meta/">
         <rdf:RDF xmlns:rdf="http://www.w3.org/1999/02/22-rdf-syntax-ns#">
          <rdf:Description rdf:about="" xmlns:dc="http://purl.org/dc/elements/1.1/" xmlns:xmp="http://ns.adobe.com/xap/1.0/" xmlns:pdf="http://ns.adobe.com/pdf/1.3/">
           <dc:format>application/pdf</dc:format>
           <dc:title><rdf:Alt><rdf:li xml:lang="x-default">\(e(m.title))</rdf:li></rdf:Alt></dc:title>
           <dc:description><rdf:Alt><rdf:li xml:lang="x-default">\(e(m.subject))</rdf:li></rdf:Alt></dc:description>
           <dc:creator><rdf:Seq><rdf:li>\(e(m.author))</rdf:li></rdf:Seq></dc:creator>
           <dc:language><rdf:Bag><rdf:li>\(e(language))</rdf:li></rdf:Bag></dc:language>
           <xmp:CreateDate>\(date)</xmp:CreateDate>
           <xmp:ModifyDate>\(date)</xmp:ModifyDate>
           <xmp:MetadataDate>\(date)</xmp:MetadataDate>
           <xmp:CreatorTool>portraits</xmp:CreatorTool>
           <pdf:Producer>\(e(producer))</pdf:Producer>
          </rdf:Description>
         </rdf:RDF>
        </x:xmpmeta>
        <?xpacket end="w"?>
        """
    }

    static func check(_ q: qpdf_data, _ status: QPDF_ERROR_CODE, _ doing: String) throws {
        if status & QPDF_ERRORS != 0 { throw FinishingError.qpdf("\(doing): \(error(q) ?? "error")") }
        if status & QPDF_WARNINGS != 0 {
            var warnings: [String] = []
            while qpdf_more_warnings(q).isTrue, let w = qpdf_next_warning(q) { warnings.append(String(cString: qpdf_get_error_full_text(q, w))) }
            throw FinishingError.qpdf("\(doing): " + warnings.joined(separator: "; "))
        }
    }

    static func error(_ q: qpdf_data) -> String? {
        guard qpdf_has_error(q).isTrue, let e = qpdf_get_error(q) else { return nil }
        return String(cString: qpdf_get_error_full_text(q, e))
    }
}

private extension QPDF_BOOL {
    var isTrue: Bool { self != 0 }
}
