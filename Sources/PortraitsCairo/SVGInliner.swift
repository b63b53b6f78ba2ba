import PortraitsCore

/// Puts several Cairo SVG documents inline in one HTML page with a single set of glyph outlines.
///
/// Cairo writes the text of every SVG as glyph outlines (`<symbol id="glyph0-3">`), so each chart
/// carries its own copy of the letters it uses, and two Cairo SVGs in one page collide on their ids.
/// The inliner keeps one symbol per distinct outline for the whole page (`sharedDefinitions`), points
/// every `<use>` at it, prefixes the remaining ids (clip paths) and drops Cairo's surface id. Each
/// chart becomes `<svg role="img">` with a `<title>`, so its text alternative travels with it.
///
/// It works on bytes in one forward pass (a page holds up to ten charts and a build a hundred
/// thousand: string searching through Foundation cost more than drawing the charts).
///
///     let inliner = SVGInliner()
///     let html = inliner.inline(try CairoRenderer.svg(scene), id: "graphique-stock", title: "…")
///     page += inliner.sharedDefinitions
public final class SVGInliner {
    private var glyphByPath: [[UInt8]: Int] = [:]
    private var symbols: [UInt8] = []
    private var symbolCount = 0
    private let prefix: [UInt8]

    /// `prefix` keeps the shared glyph ids apart from anything else on the page.
    public init(prefix: String = "g") { self.prefix = Array(prefix.utf8) }

    /// Number of distinct glyph outlines collected so far.
    public var glyphCount: Int { symbolCount }

    /// The inline `<svg>` element of one Cairo SVG document. `id` must be unique in the page; `title`
    /// is the text alternative (escaped here).
    /// `titleOf`: the id of another inlined chart whose title names this one too (a second layout of
    /// the same chart), instead of a copy of it.
    public func inline(_ svg: [UInt8], id: String, title: String, cssClass: String = "chart", titleOf: String? = nil) -> String {
        String(decoding: inlineBytes(svg, id: id, title: title, cssClass: cssClass, titleOf: titleOf), as: UTF8.self)
    }

    /// As `inline`, as UTF-8 bytes. Inline in HTML, the root needs no namespace declarations nor
    /// "px" units. (Draw the document with `CairoRenderer.svg(_:inline: true)`: no background, no
    /// font declared, which the page's stylesheet gives.)
    public func inlineBytes(_ svg: [UInt8], id: String, title: String, cssClass: String = "chart", titleOf: String? = nil) -> [UInt8] {
        let idBytes = Array(id.utf8)
        var out: [UInt8] = []
        out.reserveCapacity(svg.count / 2 + 256)
        svg.withUnsafeBufferPointer { b in
            var i = Bytes.find(Pattern.svgOpen, in: b, from: 0) ?? b.count
            // Root element: drop `version`, add role, class, id and title.
            guard let rootEnd = b[i...].firstIndex(of: 0x3E) else { return }
            var j = i
            while j < rootEnd {
                if Bytes.matches(Pattern.version, b, j) { j += Pattern.version.count; continue }
                if Bytes.matches(Pattern.xmlns, b, j) { j += Pattern.xmlns.count; continue }
                if Bytes.matches(Pattern.xmlnsXlink, b, j) { j += Pattern.xmlnsXlink.count; continue }
                if Bytes.matches(Pattern.pxQuote, b, j) { j += 2; continue }   // width="1040px" → width="1040"
                out.append(b[j]); j += 1
            }
            // A chart with hotspots keeps the implicit role of an SVG (a graphics document: its
            // hotspots are focusable, which an image's parts may not be), named by its title;
            // without, an image.
            let role = Bytes.find(Pattern.hit, in: b, from: rootEnd) != nil ? [] : Pattern.roleImg
            let named = titleOf.map { Array($0.utf8) } ?? idBytes
            out += role + Array(" aria-labelledby=\"".utf8) + named + Array("-titre\" class=\"".utf8)
            out += Array(Self.escape(cssClass).utf8) + Array("\" id=\"".utf8) + idBytes + Array("\">".utf8)
            if titleOf == nil {
                out += Array("<title id=\"".utf8) + idBytes + Array("-titre\">".utf8) + Array(Self.escape(title).utf8) + Array("</title>".utf8)
            }
            i = rootEnd + 1
            var local: [Int: Int] = [:]   // Cairo's glyph number (font * 10 000 + glyph) → shared index
            while i < b.count {
                let c = b[i]
                if c == 0x3C /* < */ {
                    if Bytes.matches(Pattern.defsOpen, b, i) {
                        i = defs(b, from: i, into: &out, local: &local, id: idBytes)
                        continue
                    }
                    if Bytes.matches(Pattern.emptyGroup, b, i) { i += Pattern.emptyGroup.count; continue }
                } else if c == 0x78 /* x */, Bytes.matches(Pattern.glyphHref, b, i) {
                    var k = i + Pattern.glyphHref.count
                    let key = Self.glyphKey(b, &k)
                    out += Pattern.href
                    out += prefix
                    Bytes.appendInt(local[key] ?? 0, to: &out)
                    out.append(0x22)
                    i = k
                    continue
                } else if c == 0x20 /* space */, Bytes.matches(Pattern.surfaceID, b, i) {
                    var k = i + Pattern.surfaceID.count
                    while k < b.count, b[k] != 0x22 { k += 1 }
                    i = k + 1
                    continue
                } else if c == 0x69 /* i */, Bytes.matches(Pattern.clipID, b, i) {
                    out += Pattern.idEq; out += idBytes; out += Pattern.dashClip
                    i += Pattern.clipID.count
                    continue
                } else if c == 0x75 /* u */, Bytes.matches(Pattern.clipURL, b, i) {
                    out += Pattern.urlHash; out += idBytes; out += Pattern.dashClip
                    i += Pattern.clipURL.count
                    continue
                }
                out.append(c)
                i += 1
            }
        }
        while let last = out.last, last == 0x0A || last == 0x20 { out.removeLast() }
        return out
    }

    /// Copies Cairo's `<defs>` block: glyph symbols go to the shared set (their numbers into
    /// `local`), clip paths stay, with ids prefixed. Returns the index after `</defs>`.
    private func defs(_ b: UnsafeBufferPointer<UInt8>, from start: Int, into out: inout [UInt8], local: inout [Int: Int], id: [UInt8]) -> Int {
        guard let end = Bytes.find(Pattern.defsClose, in: b, from: start) else { return b.count }
        var kept: [UInt8] = []
        var i = start + Pattern.defsOpen.count
        while i < end {
            if Bytes.matches(Pattern.symbolOpen, b, i) {
                var k = i + Pattern.symbolOpen.count
                let key = Self.glyphKey(b, &k)
                guard let close = Bytes.find(Pattern.symbolClose, in: b, from: k) else { break }
                var path: [UInt8] = []
                if let d = Bytes.find(Pattern.pathD, in: b, from: k), d < close {
                    var e = d + Pattern.pathD.count
                    while e < close, b[e] != 0x22 { e += 1 }
                    path = Array(b[(d + Pattern.pathD.count)..<e])
                }
                if let n = glyphByPath[path] {
                    local[key] = n
                } else {
                    let n = symbolCount
                    symbolCount += 1
                    glyphByPath[path] = n
                    local[key] = n
                    symbols += Pattern.sharedSymbolOpen; symbols += prefix
                    Bytes.appendInt(n, to: &symbols)
                    symbols += Pattern.sharedSymbolPath; symbols += path; symbols += Pattern.sharedSymbolClose
                }
                i = close + Pattern.symbolClose.count
                while i < end, b[i] == 0x0A { i += 1 }
                continue
            }
            if Bytes.matches(Pattern.emptyGroup, b, i) { i += Pattern.emptyGroup.count; continue }
            if Bytes.matches(Pattern.groupOpen, b, i) && Bytes.matches(Pattern.symbolOpen, b, i + Pattern.groupOpen.count) {
                i += Pattern.groupOpen.count; continue
            }
            if Bytes.matches(Pattern.groupClose, b, i) && kept.isEmpty { i += Pattern.groupClose.count; continue }
            if Bytes.matches(Pattern.clipID, b, i) {
                kept += Pattern.idEq; kept += id; kept += Pattern.dashClip
                i += Pattern.clipID.count
                continue
            }
            kept.append(b[i])
            i += 1
        }
        if kept.contains(where: { $0 != 0x0A && $0 != 0x20 }) {
            out += Pattern.defsOpen
            out += kept
            out += Pattern.defsClose
        }
        return end + Pattern.defsClose.count
    }

    /// The hidden `<svg>` holding every glyph outline the inlined charts use; put it once in the page.
    public var sharedDefinitions: String {
        "<svg width=\"0\" height=\"0\" style=\"position:absolute\" aria-hidden=\"true\" focusable=\"false\"><defs>"
            + String(decoding: symbols, as: UTF8.self) + "</defs></svg>"
    }

    static func escape(_ s: String) -> String { XMLText.escape(s) }

    // MARK: - Byte helpers

    enum Pattern {
        static let svgOpen = Array("<svg".utf8)
        static let xmlns = Array(" xmlns=\"http://www.w3.org/2000/svg\"".utf8)
        static let xmlnsXlink = Array(" xmlns:xlink=\"http://www.w3.org/1999/xlink\"".utf8)
        static let pxQuote = Array("px\"".utf8)
        static let hit = Array("<g class=\"hits\"".utf8)
        static let roleImg = Array(" role=\"img\"".utf8)
        static let version = Array(" version=\"1.1\"".utf8)
        static let defsOpen = Array("<defs>\n".utf8)
        static let defsClose = Array("</defs>\n".utf8)
        static let groupOpen = Array("<g>\n".utf8)
        static let groupClose = Array("</g>\n".utf8)
        static let emptyGroup = Array("<g>\n</g>\n".utf8)
        static let symbolOpen = Array("<symbol overflow=\"visible\" id=\"glyph".utf8)
        static let symbolClose = Array("</symbol>".utf8)
        static let pathD = Array(" d=\"".utf8)
        static let glyphHref = Array("xlink:href=\"#glyph".utf8)
        static let href = Array("href=\"#".utf8)
        static let surfaceID = Array(" id=\"surface".utf8)
        static let clipID = Array("id=\"clip".utf8)
        static let clipURL = Array("url(#clip".utf8)
        static let idEq = Array("id=\"".utf8)
        static let urlHash = Array("url(#".utf8)
        static let dashClip = Array("-clip".utf8)
        static let sharedSymbolOpen = Array("<symbol overflow=\"visible\" id=\"".utf8)
        static let sharedSymbolPath = Array("\"><path style=\"stroke:none;\" d=\"".utf8)
        static let sharedSymbolClose = Array("\"/></symbol>".utf8)
    }

    /// Reads Cairo's `F-G"` glyph reference (font F, glyph G) after `#glyph` and moves past the quote.
    static func glyphKey(_ b: UnsafeBufferPointer<UInt8>, _ k: inout Int) -> Int {
        var font = 0, glyph = 0, seenDash = false
        while k < b.count, b[k] != 0x22 {
            let c = b[k]
            if c == 0x2D { seenDash = true } else if c >= 0x30 && c <= 0x39 {
                if seenDash { glyph = glyph * 10 + Int(c - 0x30) } else { font = font * 10 + Int(c - 0x30) }
            }
            k += 1
        }
        k += 1
        return font * 1_000_000 + glyph
    }
}
