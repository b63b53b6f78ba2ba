import PortraitsCore

/// Flows blocks (headings, paragraphs, figures, tables, key figures) down A4 pages, starting a new
/// page when a block does not fit, and records the outline (bookmarks). Units are points. Text is
/// measured with `measure` (the printed documents pass `TextMeasure.cairo`, the font they are
/// drawn with) and wrapped, never cut.
///
/// The rules of the page, as a print designer sets them:
/// - a heading is never the last thing on a page: when the block after it goes to the next page,
///   the heading goes with it;
/// - a figure (chart, map) is never split;
/// - a table splits only between rows, with its header repeated, and with at least three rows on
///   each side (a table of eight rows or fewer is kept whole);
/// - body text is at least 9.5 pt (`noteSize`), captions and footers at least 8 pt.
///
///     var c = PageComposer(measure: .cairo)
///     c.heading("Évolution par classe", outline: 1)
///     c.paragraph(sentence)
///     c.figure(chartScene)
///     let pages = c.finished { page, total in "… · page \(page) / \(total)" }
public struct PageComposer {
    public static let margin = 42.0
    public static let footerRoom = 26.0
    /// Paragraphs.
    public static let bodySize = 10.0
    /// Notes, caveats and tables: the smallest text a reader reads as text.
    public static let noteSize = 9.5
    /// Captions under figures, key figures' labels.
    public static let captionSize = 8.5
    /// The footer line.
    public static let footerSize = 8.0

    public let measure: TextMeasure
    public private(set) var pages: [Scene] = []
    public private(set) var outline: [DocumentSpec.OutlineEntry] = []
    private var current: Scene
    private var y: Double
    /// The heading just placed, until a block follows it: where its marks start, the y it started
    /// at, its outline entry. A page break before the next block takes it along.
    private var pendingHeading: (marks: Int, y: Double, outline: [Int])?
    /// The structure elements open (a paragraph or a table running onto the next page): closed at
    /// the bottom of a page and opened again at the top of the next, so that each page's tags
    /// are balanced.
    private var openTags: [String] = []

    public init(measure: TextMeasure = .estimated) {
        self.measure = measure
        current = Scene(width: DocumentSpec.a4Width, height: DocumentSpec.a4Height)
        y = Self.margin
    }

    public var contentWidth: Double { DocumentSpec.a4Width - 2 * Self.margin }
    var bottom: Double { DocumentSpec.a4Height - Self.margin - Self.footerRoom }
    /// Index of the page being filled.
    public var pageIndex: Int { pages.count }
    /// True before anything was added.
    public var isEmpty: Bool { pages.isEmpty && current.marks.isEmpty }
    /// True when nothing was drawn yet on the page being filled.
    public var atPageTop: Bool { current.marks.isEmpty }
    /// Room left on the current page.
    public var remaining: Double { bottom - y }
    /// The height of a page's content, margins and footer off.
    public var pageContentHeight: Double { bottom - Self.margin }
    /// The height of a page's frame.
    public var pageHeight: Double { bottom - Self.margin }

    public mutating func newPage() {
        for name in openTags.reversed() { current.add(.tag(.end(name))) }
        pages.append(current)
        current = Scene(width: DocumentSpec.a4Width, height: DocumentSpec.a4Height)
        y = Self.margin
        pendingHeading = nil
        for name in openTags { current.add(.tag(.begin(name))) }
    }

    /// Opens a structure element (tagged PDF): what follows, up to `end`, is its content.
    public mutating func begin(_ name: String, alt: String? = nil) {
        current.add(.tag(.begin(name, alt: alt)))
        openTags.append(name)
    }

    /// Closes the innermost structure element.
    public mutating func end() {
        guard let name = openTags.popLast() else { return }
        current.add(.tag(.end(name)))
    }

    /// Starts a new page unless `height` still fits (a block taller than a page goes on a fresh
    /// one). A heading waiting for this block moves to the new page with it.
    public mutating func ensure(_ height: Double) {
        guard y + height > bottom && y > Self.margin + 0.5 else { return }
        if let heading = pendingHeading, heading.y > Self.margin + 0.5 {
            let moved = Array(current.marks[heading.marks...])
            current.marks.removeSubrange(heading.marks...)
            let headingHeight = y - heading.y
            newPage()
            let dy = Self.margin - heading.y
            current.marks += moved.map { $0.shifted(dy: dy) }
            y = Self.margin + headingHeight
            for k in heading.outline { outline[k].page = pageIndex }
            pendingHeading = (current.marks.count - moved.count, Self.margin, heading.outline)
        } else {
            newPage()
        }
    }

    /// A bookmark to the page being filled, with no heading drawn (a part of an atlas whose
    /// entries are under it).
    public mutating func bookmark(_ title: String, level: Int) {
        outline.append(.init(title: title, page: pageIndex, level: level))
    }

    /// Called by every block once placed: the heading before it has its block.
    private mutating func placed() { pendingHeading = nil }

    public mutating func space(_ h: Double) { y += h }

    /// Adds marks drawn in a frame starting at the current position, `height` tall; `tag`: the
    /// structure element they make.
    public mutating func block(height: Double, tag: String = "Div", _ marks: (_ x: Double, _ y: Double) -> [Mark]) {
        ensure(height)
        begin(tag)
        current.marks += marks(Self.margin, y)
        end()
        y += height
        placed()
    }

    /// A heading; `outline` (0 or 1) also makes it a bookmark at that level. `keepWithNext`: room
    /// wanted under it on the same page (the page breaks before it otherwise); whatever it is, the
    /// heading follows its first block to the next page.
    public mutating func heading(_ text: String, size: Double = 15, outline level: Int? = nil, keepWithNext: Double = 40) {
        let lines = measure.wrap(text, width: contentWidth, size: size, bold: true)
        let height = size * 0.4 + Double(lines.count) * size * 1.15 + size * 0.55
        ensure(height + keepWithNext)
        // A heading under a heading (a title over a subtitle) joins it: the pair moves together.
        let start = pendingHeading ?? (marks: current.marks.count, y: y, outline: [])
        var entries = start.outline
        if let level {
            outline.append(.init(title: text, page: pageIndex, level: level))
            entries.append(outline.count - 1)
        }
        y += size * 0.4
        begin(level == 0 ? "H1" : level == 1 ? "H2" : "H3")
        for line in lines {
            y += size * 1.15
            current.add(.text(line, at: Point(Self.margin, y), style: TextStyle(size: size, bold: true)))
        }
        end()
        y += size * 0.55
        pendingHeading = (start.marks, start.y, entries)
    }

    /// A paragraph wrapped to the content width; breaks across pages between lines (never leaving
    /// a single line of it alone at the bottom of a page). With `link`, every line is clickable.
    ///
    /// `lead`: the paragraph introduces the block after it (a section's sentence before its chart,
    /// a table's note): a heading before it keeps waiting for that block, and moves to the next
    /// page with the paragraph if the block does not fit under them — a heading and its sentence
    /// never end a page whose chart or table starts the next.
    public mutating func paragraph(_ text: String, size: Double = bodySize, color: RGBColor = Palette.text, bold: Bool = false, indent: Double = 0,
                                   link: LinkTarget? = nil, lead: Bool = false) {
        let leading = size * 1.4
        let lines = measure.wrap(text, width: contentWidth - indent, size: size, bold: bold)
        ensure(leading * Double(min(lines.count, 2)))
        begin("P")
        defer { end() }
        for line in lines {
            ensure(leading)
            y += leading
            current.add(.text(line, at: Point(Self.margin + indent, y - size * 0.3), style: TextStyle(size: size, bold: bold, color: color)))
            if let link {
                current.add(.link(x: Self.margin + indent, y: y - leading, width: measure.width(line, size: size, bold: bold), height: leading, target: link))
            }
            if !lead { placed() }
        }
        y += size * 0.6
    }

    /// A paragraph with a figure at its right, `figureWidth` wide (never enlarged), both starting at
    /// the current position: the text wraps in the width left; the block is as tall as the taller.
    public mutating func paragraph(_ text: String, size: Double = bodySize, beside scene: Scene, figureWidth: Double, alt: String) {
        let leading = size * 1.4, gap = 12.0
        let lines = measure.wrap(text, width: contentWidth - figureWidth - gap, size: size)
        let scale = scene.width > 0 ? min(1, figureWidth / scene.width) : 0
        let textHeight = Double(lines.count) * leading + size * 0.6
        let height = max(textHeight, scene.height * scale + 8)
        let left = contentWidth - scene.width * scale
        ensure(height)
        begin("P")
        for (i, line) in lines.enumerated() {
            current.add(.text(line, at: Point(Self.margin, y + Double(i + 1) * leading - size * 0.3), style: TextStyle(size: size)))
        }
        end()
        begin("Figure", alt: alt)
        current.marks += scene.placed(dx: Self.margin + left, dy: y, scale: scale)
        end()
        y += height
        placed()
    }

    /// The scale `figure` gives `scene`.
    public func figureScale(_ scene: Scene, maxHeight: Double = 520) -> Double {
        guard scene.width > 0, scene.height > 0 else { return 0 }
        return min(1, contentWidth / scene.width, maxHeight / scene.height)
    }

    /// The height `figure` gives `scene`, caption gap included.
    public func figureHeight(_ scene: Scene, maxHeight: Double = 520) -> Double {
        guard scene.width > 0, scene.height > 0 else { return 0 }
        return scene.height * figureScale(scene, maxHeight: maxHeight) + 8
    }

    /// Where the legend swatches of the printed maps are: page index and rectangle (points), one
    /// list per map. The grey test samples them.
    public private(set) var mapSwatches: [(page: Int, swatches: [(x: Double, y: Double, width: Double, height: Double)])] = []

    /// The height `map` gives a map frame of that size and its legend.
    public func mapHeight(_ frame: Scene, _ legend: MapLegend, maxHeight: Double) -> Double {
        mapLayout(frame, legend, maxHeight: maxHeight).height
    }

    private func mapLayout(_ frame: Scene, _ legend: MapLegend, maxHeight: Double)
        -> (scale: Double, legendLines: [[String]], sourceLines: [String], height: Double) {
        let legendWidth = Self.mapLegendWidth, size = Self.captionSize, leading = size * 1.25
        let legendLines = legend.entries.map { measure.wrap($0.label, width: legendWidth - Self.swatchWidth - 5, size: size) }
        let legendHeight = 16 + legendLines.reduce(0) { $0 + Double($1.count) * leading + 4 }
        let sourceLines = measure.wrap(legend.source, width: contentWidth, size: size)
        let sourceHeight = Double(sourceLines.count) * leading + 4
        let frameWidth = contentWidth - legendWidth - 12
        let scale = frame.width > 0 && frame.height > 0 ? min(1.2, frameWidth / frame.width, max(40, maxHeight - sourceHeight) / frame.height) : 0
        return (scale, legendLines, sourceLines, max(frame.height * scale, legendHeight) + sourceHeight + 8)
    }

    static let mapLegendWidth = 170.0
    /// A legend swatch: wide enough to show three lines of a hatch.
    static let swatchWidth = 14.0, swatchHeight = 10.0

    /// How the entries of `legend` print: as their model chose for every class of their kind,
    /// or else chosen among them.
    static func printFills(_ legend: MapLegend) -> [PrintFill] {
        let chosen = legend.entries.compactMap(\.print)
        return chosen.count == legend.entries.count ? chosen : GreyLegibility.printFills(legend.entries.map(\.color))
    }

    /// A map: its frame (drawn at the web's scale, shrunk to fit) with its legend at its right and
    /// its source under it, both set in points like the text (not scaled with the frame) and
    /// wrapped. The classes take their print colours and hatches (`GreyLegibility`): two classes
    /// never print as the same grey. Never split.
    ///
    /// `rasterDPI`: draw the frame as an image at that resolution (a dense map: its image weighs
    /// less than its polygons); nil keeps it vector.
    public mutating func map(frame: Scene, legend: MapLegend, maxHeight: Double = 420, alt: String, rasterDPI: Double? = nil) {
        let layout = mapLayout(frame, legend, maxHeight: maxHeight)
        let print = Self.printFills(legend)
        var fills: [RGBColor: PrintFill] = [:]
        for (e, f) in zip(legend.entries, print) where f != PrintFill(color: e.color) { fills[e.color] = f }
        ensure(layout.height)
        begin("Figure", alt: alt)
        defer { end() }
        let scale = max(layout.scale, 1e-6)
        let printed = frame.printed(fills, spacing: Hatch.spacing / scale, width: Hatch.width / scale)
        if let dpi = rasterDPI {
            current.add(.raster(printed, x: Self.margin, y: y, width: frame.width * layout.scale, height: frame.height * layout.scale, dpi: dpi))
        } else {
            current.marks += printed.placed(dx: Self.margin, dy: y, scale: layout.scale)
        }
        let size = Self.captionSize, leading = size * 1.25
        let lx = Self.margin + contentWidth - Self.mapLegendWidth
        var ly = y + 10
        current.add(.text(legend.title, at: Point(lx, ly), style: TextStyle(size: Self.noteSize, bold: true)))
        ly += 6
        var swatches: [(x: Double, y: Double, width: Double, height: Double)] = []
        for (k, e) in legend.entries.enumerated() {
            let (sw, sh) = (Self.swatchWidth, Self.swatchHeight)
            let swatch = [Point(lx, ly + 1), Point(lx + sw, ly + 1), Point(lx + sw, ly + 1 + sh), Point(lx, ly + 1 + sh)]
            current.add(print[k].mark([PolygonRings(rings: [swatch])], stroke: nil, spacing: Hatch.spacing, width: Hatch.width))
            current.add(.rect(x: lx, y: ly + 1, width: sw, height: sh, fill: nil, stroke: Stroke(Palette.outline, width: 0.5)))
            swatches.append((lx, ly + 1, sw, sh))
            for (i, line) in layout.legendLines[k].enumerated() {
                current.add(.text(line, at: Point(lx + sw + 5, ly + 9 + Double(i) * leading), style: TextStyle(size: size)))
            }
            ly += Double(layout.legendLines[k].count) * leading + 4
        }
        mapSwatches.append((pageIndex, swatches))
        let sy = y + max(frame.height * layout.scale, ly - y) + 4
        for (i, line) in layout.sourceLines.enumerated() {
            current.add(.text(line, at: Point(Self.margin, sy + Double(i + 1) * leading - 2), style: TextStyle(size: size, color: Palette.muted)))
        }
        y += layout.height
        placed()
    }

    /// The height `paragraph` gives `text`.
    public func paragraphHeight(_ text: String, size: Double = bodySize) -> Double {
        Double(measure.wrap(text, width: contentWidth, size: size).count) * size * 1.4 + size * 0.6
    }

    /// A chart or a map scaled to fit the content width (and `maxHeight`), never enlarged, never
    /// split.
    public mutating func figure(_ scene: Scene, maxHeight: Double = 520, alt: String) {
        guard scene.width > 0, scene.height > 0 else { return }
        let scale = figureScale(scene, maxHeight: maxHeight)
        let h = scene.height * scale
        ensure(h)
        begin("Figure", alt: alt)
        current.marks += scene.placed(dx: Self.margin, dy: y, scale: scale)
        end()
        y += h + 8
        placed()
    }

    static let cellPadding = 4.0

    /// How `table` lays out a table: each column's width, each cell's lines (the header's first),
    /// each row's height.
    func tableLayout(_ header: [String], _ rows: [[String]], size: Double) -> (widths: [Double], lines: [[[String]]], heights: [Double]) {
        let n = header.count
        let pad = Self.cellPadding, leading = size * 1.3
        let cells = [header] + rows.map { r in (0..<n).map { $0 < r.count ? r[$0] : "" } }
        // Natural widths (one line) and least widths (the widest word), bold for the header.
        let natural = (0..<n).map { j in cells.enumerated().map { i, r in measure.width(r[j], size: size, bold: i == 0) }.max()! + 2 * pad }
        let least = (0..<n).map { j in cells.enumerated().map { i, r in measure.widestWord(r[j], size: size, bold: i == 0) }.max()! + 2 * pad }
        var widths = natural
        if widths.reduce(0, +) <= contentWidth {
            widths[0] += contentWidth - widths.reduce(0, +)
        } else {
            // Too wide: every column gives up what it can above its widest word, in proportion.
            let excess = widths.reduce(0, +) - contentWidth
            let slack = zip(natural, least).map { max(0, $0 - $1) }
            let total = slack.reduce(0, +)
            let k = total > 0 ? min(1, excess / total) : 0
            widths = (0..<n).map { natural[$0] - slack[$0] * k }
            // Only when the widest words themselves do not fit (not for a rounding error, which would
            // break a header that just fits).
            let sum = widths.reduce(0, +)
            if sum > contentWidth + 0.01 { widths = widths.map { $0 * contentWidth / sum } }
        }
        let lines = cells.enumerated().map { i, r in (0..<n).map { j in measure.wrap(r[j], width: widths[j] - 2 * pad, size: size, bold: i == 0) } }
        let heights = lines.map { r in Double(max(1, r.map(\.count).max() ?? 1)) * leading + size * 0.6 }
        return (widths, lines, heights)
    }

    /// The height `table` gives a table that does not split, its gap under it included.
    public func tableHeight(_ header: [String], _ rows: [[String]], size: Double = noteSize) -> Double {
        header.isEmpty ? 0 : tableLayout(header, rows, size: size).heights.reduce(0, +) + 10
    }

    /// A table: a header row in bold over a rule, then the rows (numeric columns right-aligned).
    /// Each column is as wide as its widest word allows, the first takes the width left; a cell
    /// wraps, a row is as tall as its tallest cell. It splits only between rows, the header
    /// repeated, at least three rows on each side. `links`: for each row, where a click on it
    /// leads (an atlas's contents), or nil.
    public mutating func table(_ header: [String], _ rows: [[String]], numeric: Set<Int> = [], size: Double = noteSize, links: [LinkTarget?] = []) {
        guard !header.isEmpty else { return }
        let n = header.count
        let pad = Self.cellPadding, leading = size * 1.3
        let (widths, wrapped, heights) = tableLayout(header, rows, size: size)
        func row(_ k: Int) {
            var x = Self.margin
            begin("TR")
            for j in 0..<n {
                let right = numeric.contains(j) && j > 0
                begin(k == 0 ? "TH" : "TD")
                defer { end() }
                for (l, line) in wrapped[k][j].enumerated() {
                    current.add(.text(line, at: Point(right ? x + widths[j] - pad : x + pad, y + Double(l + 1) * leading - size * 0.05),
                                      style: TextStyle(size: size, bold: k == 0, anchor: right ? .end : .start)))
                }
                x += widths[j]
            }
            end()
            y += heights[k]
            current.add(.polyline([Point(Self.margin, y), Point(Self.margin + contentWidth, y)],
                                  stroke: k == 0 ? Stroke(Palette.outline, width: 0.8) : Stroke(Palette.grid, width: 0.5)))
        }
        let body = Array(heights.dropFirst())
        func span(_ range: Range<Int>) -> Double { range.reduce(heights[0]) { $0 + body[$1] } }
        // A short table (eight rows or fewer) is kept whole; a longer one starts with its header
        // and three rows at least.
        ensure(span(0..<(body.count <= 8 ? body.count : 3)))
        begin("Table")
        defer { end() }
        var i = 0
        while i < body.count {
            var k = i
            while k < body.count && y + span(i..<(k + 1)) <= bottom { k += 1 }
            k = max(k, i + 1)   // a row taller than a page goes on its own
            // Never fewer than three rows left for the next page.
            if k < body.count && body.count - k < 3 { k = max(i + 1, body.count - 3) }
            row(0)
            for r in i..<k {
                if r < links.count, let link = links[r] {
                    current.add(.link(x: Self.margin, y: y, width: contentWidth, height: body[r], target: link))
                }
                row(r + 1)
            }
            placed()
            i = k
            if i < body.count { newPage() }
        }
        y += 10
    }

    /// Key figures in boxes, several per line: the value large, its caption under it.
    public mutating func keyFigures(_ items: [(value: String, caption: String)], perLine: Int = 3) {
        let gap = 10.0
        let w = (contentWidth - gap * Double(perLine - 1)) / Double(perLine)
        let captionSize = Self.captionSize + 0.5, captionLeading = captionSize * 1.3
        for start in stride(from: 0, to: items.count, by: perLine) {
            let line = items[start..<min(items.count, start + perLine)]
            let captions = line.map { measure.wrap($0.caption, width: w - 16, size: captionSize) }
            let h = 44 + Double(captions.map(\.count).max() ?? 1) * captionLeading
            ensure(h + gap)
            for (k, item) in line.enumerated() {
                let x = Self.margin + Double(k) * (w + gap)
                begin("P")
                defer { end() }
                current.add(.rect(x: x, y: y, width: w, height: h, fill: RGBColor(r: 0xf3, g: 0xf3, b: 0xf3), stroke: nil))
                // The value in 20 pt, smaller when it would not fit (a région's area in hectares).
                let size = min(20, (w - 16) / max(0.01, measure.width(item.value, size: 1, bold: true)))
                current.add(.text(item.value, at: Point(x + 8, y + 30), style: TextStyle(size: size, bold: true)))
                for (i, text) in captions[k].enumerated() {
                    current.add(.text(text, at: Point(x + 8, y + 46 + Double(i) * captionLeading), style: TextStyle(size: captionSize, color: Palette.muted)))
                }
            }
            y += h + gap
            placed()
        }
    }

    /// Every page so far, the one being filled included, without footers.
    public var allPages: [Scene] { pages + [current] }

    /// The pages, each with its footer (`footer(page, total)`, 1-based), "page N / M" at its
    /// right, and a rule above it.
    public func finished(footer: (Int, Int) -> String) -> [Scene] {
        let all = allPages
        return all.enumerated().map { i, page in Self.withFooter(page, footer(i + 1, all.count), page: i + 1, of: all.count, measure: measure) }
    }

    /// `page` with a footer (`text` wrapped on at most two lines, then "page N / M" at the right)
    /// under a rule. Nothing is cut: a text longer than two lines is the caller's to shorten (the
    /// layout tests check that none is).
    /// True when `text` fits on the footer's one line beside the page number.
    public static func footerFits(_ text: String, measure: TextMeasure) -> Bool {
        let width = DocumentSpec.a4Width - 2 * margin
        return measure.wrap(text, width: width - measure.width("page 999 / 999", size: footerSize) - 12, size: footerSize).count <= 1
    }

    public static func withFooter(_ page: Scene, _ text: String, page number: Int, of total: Int, measure: TextMeasure) -> Scene {
        var p = page
        let size = footerSize, fy = DocumentSpec.a4Height - margin + 2
        let right = "page \(number) / \(total)"
        let width = DocumentSpec.a4Width - 2 * margin
        p.add(.polyline([Point(margin, fy - 14), Point(DocumentSpec.a4Width - margin, fy - 14)], stroke: Stroke(Palette.grid, width: 0.6)))
        let lines = measure.wrap(text, width: width - measure.width(right, size: size) - 12, size: size)
        for (i, line) in lines.enumerated() {
            p.add(.text(line, at: Point(margin, fy + Double(i) * size * 1.25), style: TextStyle(size: size, color: Palette.muted)))
        }
        p.add(.text(right, at: Point(DocumentSpec.a4Width - margin, fy), style: TextStyle(size: size, color: Palette.muted, anchor: .end)))
        return p
    }
}

extension Mark {
    /// The mark moved down by `dy` (a heading carried to the next page).
    func shifted(dy: Double) -> Mark {
        func p(_ q: Point) -> Point { Point(q.x, q.y + dy) }
        switch self {
        case let .rect(x, y, w, h, fill, stroke): return .rect(x: x, y: y + dy, width: w, height: h, fill: fill, stroke: stroke)
        case let .polygons(polys, fill, stroke): return .polygons(polys.map { PolygonRings(rings: $0.rings.map { $0.map(p) }) }, fill: fill, stroke: stroke)
        case let .polyline(points, stroke): return .polyline(points.map(p), stroke: stroke)
        case let .hatched(polys, fill, stroke, spacing, lineWidth):
            return .hatched(polys.map { PolygonRings(rings: $0.rings.map { $0.map(p) }) }, fill: fill, stroke: stroke, spacing: spacing, lineWidth: lineWidth)
        case let .text(t, at, style): return .text(t, at: p(at), style: style)
        case let .clipBegin(x, y, w, h): return .clipBegin(x: x, y: y + dy, width: w, height: h)
        case .clipEnd: return .clipEnd
        case let .link(x, y, w, h, target): return .link(x: x, y: y + dy, width: w, height: h, target: target)
        case let .hotspot(x, y, w, h, label): return .hotspot(x: x, y: y + dy, width: w, height: h, label: label)
        case .tag: return self
        case let .raster(scene, x, y, w, h, dpi): return .raster(scene, x: x, y: y + dy, width: w, height: h, dpi: dpi)
        }
    }
}
