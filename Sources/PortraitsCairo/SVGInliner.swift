import Foundation

/// Puts several Cairo SVG documents inline in one HTML page with a single set of glyph outlines.
///
/// Cairo writes the text of every SVG as glyph outlines (`<symbol id="glyph0-3">`), so each chart
/// carries its own copy of the letters it uses, and two Cairo SVGs in one page collide on their ids.
/// The inliner keeps one symbol per distinct outline for the whole page (`sharedDefinitions`), points
/// every `<use>` at it, prefixes the remaining ids (clip paths) and drops Cairo's surface id. Each
/// chart becomes `<svg role="img">` with a `<title>`, so its text alternative travels with it.
public final class SVGInliner {
    private var glyphByPath: [String: Int] = [:]
    private var symbols: [String] = []
    private let prefix: String

    /// `prefix` keeps the shared glyph ids apart from anything else on the page.
    public init(prefix: String = "g") { self.prefix = prefix }

    /// Number of distinct glyph outlines collected so far.
    public var glyphCount: Int { symbols.count }

    /// The inline `<svg>` element of one Cairo SVG document. `id` must be unique in the page; `title`
    /// is the text alternative (escaped here).
    public func inline(_ svg: [UInt8], id: String, title: String, cssClass: String = "chart") -> String {
        var text = String(decoding: svg, as: UTF8.self)
        if let start = text.range(of: "<svg") { text = String(text[start.lowerBound...]) }
        // Glyph symbols → shared definitions.
        var local: [String: Int] = [:]
        var out = ""
        out.reserveCapacity(text.count)
        var rest = Substring(text)
        while let open = rest.range(of: "<symbol overflow=\"visible\" id=\"") {
            out += rest[..<open.lowerBound]
            let afterID = rest[open.upperBound...]
            guard let idEnd = afterID.firstIndex(of: "\""),
                  let close = afterID.range(of: "</symbol>") else { break }
            let localID = String(afterID[..<idEnd])
            let body = afterID[afterID.index(after: idEnd)..<close.lowerBound]
            let d = body.range(of: "d=\"").flatMap { r -> String? in
                let tail = body[r.upperBound...]
                return tail.firstIndex(of: "\"").map { String(tail[..<$0]) }
            } ?? ""
            if let n = glyphByPath[d] {
                local[localID] = n
            } else {
                let n = symbols.count
                glyphByPath[d] = n
                symbols.append("<symbol overflow=\"visible\" id=\"\(prefix)\(n)\"><path style=\"stroke:none;\" d=\"\(d)\"/></symbol>")
                local[localID] = n
            }
            rest = afterID[close.upperBound...]
            while rest.first == "\n" { rest = rest.dropFirst() }
        }
        out += rest
        out = out.replacingOccurrences(of: "<g>\n</g>\n", with: "")
        out = out.replacingOccurrences(of: "<defs>\n</defs>\n", with: "")
        // Uses → shared ids.
        var rewritten = ""
        var scan = Substring(out)
        let marker = "xlink:href=\"#glyph"
        while let r = scan.range(of: marker) {
            rewritten += scan[..<r.lowerBound]
            let tail = scan[r.upperBound...]
            guard let end = tail.firstIndex(of: "\"") else { break }
            let localID = "glyph" + tail[..<end]
            rewritten += "href=\"#\(prefix)\(local[localID] ?? 0)\""
            scan = tail[tail.index(after: end)...]
        }
        rewritten += scan
        // Other ids: prefixed per chart; Cairo's surface id dropped.
        rewritten = rewritten.replacingOccurrences(of: " id=\"surface1\"", with: "")
        rewritten = rewritten.replacingOccurrences(of: "id=\"clip", with: "id=\"\(id)-clip")
        rewritten = rewritten.replacingOccurrences(of: "url(#clip", with: "url(#\(id)-clip")
        rewritten = rewritten.replacingOccurrences(of: " version=\"1.1\"", with: "")
        // Root: role, class, title.
        if let close = rewritten.range(of: ">") {
            rewritten.replaceSubrange(close, with: " role=\"img\" aria-labelledby=\"\(id)-titre\" class=\"\(cssClass)\" id=\"\(id)\"><title id=\"\(id)-titre\">\(Self.escape(title))</title>")
        }
        return rewritten.trimmingCharacters(in: .whitespacesAndNewlines)
    }

    /// The hidden `<svg>` holding every glyph outline the inlined charts use; put it once in the page.
    public var sharedDefinitions: String {
        "<svg width=\"0\" height=\"0\" style=\"position:absolute\" aria-hidden=\"true\" focusable=\"false\"><defs>" + symbols.joined() + "</defs></svg>"
    }

    static func escape(_ s: String) -> String {
        s.replacingOccurrences(of: "&", with: "&amp;").replacingOccurrences(of: "<", with: "&lt;")
            .replacingOccurrences(of: ">", with: "&gt;").replacingOccurrences(of: "\"", with: "&quot;")
    }
}
