import CCmarkGFM
import Foundation
import PortraitsProject
import PortraitsModel
import PortraitsDownloads

/// Markdown to HTML with cmark-gfm: GFM tables, strikethrough, autolinks and the tag filter on;
/// raw HTML off (replaced by a comment), so content cannot inject markup or scripts.
public enum Markdown {
    public static func html(_ markdown: String) -> String {
        cmark_gfm_core_extensions_ensure_registered()
        let options = CMARK_OPT_DEFAULT | CMARK_OPT_FOOTNOTES | CMARK_OPT_STRIKETHROUGH_DOUBLE_TILDE
        guard let parser = cmark_parser_new(options) else { return "" }
        defer { cmark_parser_free(parser) }
        for name in ["table", "strikethrough", "autolink", "tagfilter"] {
            if let ext = cmark_find_syntax_extension(name) { cmark_parser_attach_syntax_extension(parser, ext) }
        }
        let bytes = Array(markdown.utf8)
        bytes.withUnsafeBufferPointer { buf in
            buf.baseAddress!.withMemoryRebound(to: CChar.self, capacity: buf.count) { cmark_parser_feed(parser, $0, buf.count) }
        }
        guard let doc = cmark_parser_finish(parser) else { return "" }
        defer { cmark_node_free(doc) }
        guard let out = cmark_render_html(doc, options, cmark_parser_get_syntax_extensions(parser)) else { return "" }
        defer { free(out) }
        return wrapTables(String(cString: out))
    }

    /// Every table in the horizontal scroll container the templates use for theirs, so that a wide
    /// table scrolls inside the page on a phone instead of widening the page. The container can take
    /// the focus, so the keyboard scrolls it too. Raw HTML is off, so every `<table>` is cmark's.
    static func wrapTables(_ html: String) -> String {
        html.replacingOccurrences(of: "<table>", with: "<div class=\"table-wrap\" role=\"region\" tabindex=\"0\" aria-label=\"Tableau (défilement horizontal possible)\"><table>")
            .replacingOccurrences(of: "</table>", with: "</table></div>")
    }
}

/// A Markdown document with its front matter (`title`, `order` between `---` lines).
public struct MarkdownDocument: Sendable {
    public var title: String
    public var order: Int
    public var body: String

    /// Splits front matter from the body; without a `title`, the first `# ` heading is the title.
    public init(text: String, fallbackTitle: String) {
        var body = Substring(text.hasPrefix("\u{FEFF}") ? String(text.dropFirst()) : text)
        var title: String? = nil
        var order = 100
        if body.hasPrefix("---\n"), let end = body.range(of: "\n---\n", range: body.index(body.startIndex, offsetBy: 4)..<body.endIndex) {
            let front = body[body.index(body.startIndex, offsetBy: 4)..<end.lowerBound]
            for line in front.split(separator: "\n") {
                let parts = line.split(separator: ":", maxSplits: 1).map { $0.trimmingCharacters(in: .whitespaces) }
                guard parts.count == 2 else { continue }
                if parts[0] == "title" { title = parts[1].trimmingCharacters(in: CharacterSet(charactersIn: "\"'")) }
                if parts[0] == "order", let n = Int(parts[1]) { order = n }
            }
            body = body[end.upperBound...]
        }
        if title == nil, let h = body.split(separator: "\n").first(where: { $0.hasPrefix("# ") }) {
            title = String(h.dropFirst(2)).trimmingCharacters(in: .whitespaces)
        }
        self.title = title ?? fallbackTitle
        self.order = order
        self.body = String(body)
    }
}
