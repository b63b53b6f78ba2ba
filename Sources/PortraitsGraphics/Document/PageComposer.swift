import PortraitsCore

/// Flows blocks (headings, paragraphs, figures, tables, key figures) down A4 pages, starting a new
/// page when a block does not fit, and records the outline (bookmarks). Units are points; text
/// widths are estimated as by the charts (`Typography`), on the safe side.
///
///     var c = PageComposer()
///     c.heading("Évolution par classe", outline: 1)
///     c.paragraph(sentence)
///     c.figure(chartScene)
///     let pages = c.finished { page, total in "… · page \(page) / \(total)" }
public struct PageComposer {
    public static let margin = 42.0
    public static let footerRoom = 26.0

    public private(set) var pages: [Scene] = []
    public private(set) var outline: [DocumentSpec.OutlineEntry] = []
    private var current: Scene
    private var y: Double

    public init() {
        current = Scene(width: DocumentSpec.a4Width, height: DocumentSpec.a4Height)
        y = Self.margin
    }

    public var contentWidth: Double { DocumentSpec.a4Width - 2 * Self.margin }
    var bottom: Double { DocumentSpec.a4Height - Self.margin - Self.footerRoom }
    /// Index of the page being filled.
    public var pageIndex: Int { pages.count }
    /// True before anything was added.
    public var isEmpty: Bool { pages.isEmpty && current.marks.isEmpty }
    /// Room left on the current page.
    public var remaining: Double { bottom - y }

    public mutating func newPage() {
        pages.append(current)
        current = Scene(width: DocumentSpec.a4Width, height: DocumentSpec.a4Height)
        y = Self.margin
    }

    /// Starts a new page unless `height` still fits (a block taller than a page goes on a fresh one).
    public mutating func ensure(_ height: Double) {
        if y + height > bottom && y > Self.margin + 0.5 { newPage() }
    }

    public mutating func space(_ h: Double) { y += h }

    /// Adds marks drawn in a frame starting at the current position, `height` tall.
    public mutating func block(height: Double, _ marks: (_ x: Double, _ y: Double) -> [Mark]) {
        ensure(height)
        current.marks += marks(Self.margin, y)
        y += height
    }

    /// A heading; `outline` (0 or 1) also makes it a bookmark at that level.
    public mutating func heading(_ text: String, size: Double = 15, outline level: Int? = nil, keepWithNext: Double = 80) {
        let lines = Typography.wrap(text, width: contentWidth, size: size, bold: true)
        ensure(Double(lines.count) * size * 1.3 + keepWithNext)
        if let level { outline.append(.init(title: text, page: pageIndex, level: level)) }
        y += size * 0.4
        for line in lines {
            y += size * 1.15
            current.add(.text(line, at: Point(Self.margin, y), style: TextStyle(size: size, bold: true)))
        }
        y += size * 0.55
    }

    /// A paragraph wrapped to the content width; breaks across pages between lines. With `link`,
    /// every line is clickable.
    public mutating func paragraph(_ text: String, size: Double = 10, color: RGBColor = Palette.text, bold: Bool = false, indent: Double = 0,
                                   link: LinkTarget? = nil) {
        let leading = size * 1.4
        for line in Typography.wrap(text, width: contentWidth - indent, size: size, bold: bold) {
            ensure(leading)
            y += leading
            current.add(.text(line, at: Point(Self.margin + indent, y - size * 0.3), style: TextStyle(size: size, bold: bold, color: color)))
            if let link {
                current.add(.link(x: Self.margin + indent, y: y - leading, width: Typography.estimatedWidth(line, size: size, bold: bold), height: leading, target: link))
            }
        }
        y += size * 0.6
    }

    /// A paragraph with a figure at its right, `figureWidth` wide (never enlarged), both starting at
    /// the current position: the text wraps in the width left; the block is as tall as the taller.
    public mutating func paragraph(_ text: String, size: Double = 10, beside scene: Scene, figureWidth: Double) {
        let leading = size * 1.4, gap = 12.0
        let lines = Typography.wrap(text, width: contentWidth - figureWidth - gap, size: size)
        let scale = scene.width > 0 ? min(1, figureWidth / scene.width) : 0
        let textHeight = Double(lines.count) * leading + size * 0.6
        let height = max(textHeight, scene.height * scale + 8)
        let left = contentWidth - scene.width * scale
        block(height: height) { x, y in
            lines.enumerated().map { i, line in
                .text(line, at: Point(x, y + Double(i + 1) * leading - size * 0.3), style: TextStyle(size: size))
            } + scene.placed(dx: x + left, dy: y, scale: scale)
        }
    }

    /// The height `figure` gives `scene`, caption gap included.
    public func figureHeight(_ scene: Scene, maxHeight: Double = 520) -> Double {
        guard scene.width > 0, scene.height > 0 else { return 0 }
        return scene.height * min(1, contentWidth / scene.width, maxHeight / scene.height) + 8
    }

    /// The height `paragraph` gives `text`.
    public func paragraphHeight(_ text: String, size: Double = 10) -> Double {
        Double(Typography.wrap(text, width: contentWidth, size: size).count) * size * 1.4 + size * 0.6
    }

    /// A chart or a map scaled to fit the content width (and `maxHeight`), never enlarged.
    public mutating func figure(_ scene: Scene, maxHeight: Double = 520) {
        guard scene.width > 0, scene.height > 0 else { return }
        let scale = min(1, contentWidth / scene.width, maxHeight / scene.height)
        let h = scene.height * scale
        ensure(h)
        current.marks += scene.placed(dx: Self.margin, dy: y, scale: scale)
        y += h + 8
    }

    /// A table: a header row in bold over a rule, then the rows (numeric columns right-aligned);
    /// rows break across pages with the header repeated. The first column takes the width left.
    /// `links`: for each row, where a click on it leads (a bundle's contents), or nil.
    public mutating func table(_ header: [String], _ rows: [[String]], numeric: Set<Int> = [], size: Double = 8.5, links: [LinkTarget?] = []) {
        guard !header.isEmpty else { return }
        let n = header.count
        let rowHeight = size * 1.9
        var widths = (0..<n).map { j -> Double in
            let cells = [header[j]] + rows.map { j < $0.count ? $0[j] : "" }
            return min(160, (cells.map { Typography.estimatedWidth($0, size: size, bold: true) }.max() ?? 20) + 10)
        }
        let others = widths.dropFirst().reduce(0, +)
        widths[0] = max(90, contentWidth - others)
        if widths.reduce(0, +) > contentWidth {
            let k = contentWidth / widths.reduce(0, +)
            widths = widths.map { $0 * k }
        }
        func row(_ cells: [String], bold: Bool) -> [Mark] {
            var marks: [Mark] = []
            var x = Self.margin
            for j in 0..<n {
                let text = Typography.truncated(j < cells.count ? cells[j] : "", toWidth: widths[j] - 6, size: size)
                let right = numeric.contains(j) && j > 0
                marks.append(.text(text, at: Point(right ? x + widths[j] - 3 : x + 3, y + rowHeight - size * 0.6),
                                   style: TextStyle(size: size, bold: bold, anchor: right ? .end : .start)))
                x += widths[j]
            }
            return marks
        }
        func headerRow() {
            current.marks += row(header, bold: true)
            y += rowHeight
            current.add(.polyline([Point(Self.margin, y), Point(Self.margin + contentWidth, y)], stroke: Stroke(Palette.outline, width: 0.8)))
        }
        // A table that fits in half a page is kept whole; a longer one starts with a few rows at least.
        let whole = rowHeight * Double(rows.count + 1) + 10
        ensure(whole <= (bottom - Self.margin) / 2 ? whole : rowHeight * 4)
        headerRow()
        for (i, r) in rows.enumerated() {
            if y + rowHeight > bottom { newPage(); headerRow() }
            if i < links.count, let link = links[i] {
                current.add(.link(x: Self.margin, y: y, width: contentWidth, height: rowHeight, target: link))
            }
            current.marks += row(r, bold: false)
            y += rowHeight
            current.add(.polyline([Point(Self.margin, y), Point(Self.margin + contentWidth, y)], stroke: Stroke(Palette.grid, width: 0.5)))
        }
        y += 10
    }

    /// Key figures in boxes, several per line: the value large, its caption under it.
    public mutating func keyFigures(_ items: [(value: String, caption: String)], perLine: Int = 3) {
        let gap = 10.0
        let w = (contentWidth - gap * Double(perLine - 1)) / Double(perLine)
        let h = 80.0
        for start in stride(from: 0, to: items.count, by: perLine) {
            ensure(h + gap)
            for (k, item) in items[start..<min(items.count, start + perLine)].enumerated() {
                let x = Self.margin + Double(k) * (w + gap)
                current.add(.rect(x: x, y: y, width: w, height: h, fill: RGBColor(r: 0xf3, g: 0xf3, b: 0xf3), stroke: nil))
                // The value in 20 pt, smaller when it would not fit (a région's area in hectares).
                let size = min(20, (w - 16) / max(1, Typography.estimatedWidth(item.value, size: 1, bold: true)))
                current.add(.text(item.value, at: Point(x + 8, y + 30), style: TextStyle(size: size, bold: true)))
                for (i, line) in Typography.wrap(item.caption, width: w - 16, size: 8.5).prefix(3).enumerated() {
                    current.add(.text(line, at: Point(x + 8, y + 47 + Double(i) * 11), style: TextStyle(size: 8.5, color: Palette.muted)))
                }
            }
            y += h + gap
        }
    }

    /// Every page so far, the one being filled included, without footers.
    public var allPages: [Scene] { pages + [current] }

    /// The pages, each with its footer line (`footer(page, total)`, 1-based), "page N / M" at its
    /// right, and a rule above it.
    public func finished(footer: (Int, Int) -> String) -> [Scene] {
        let all = allPages
        return all.enumerated().map { i, page in Self.withFooter(page, footer(i + 1, all.count), page: i + 1, of: all.count) }
    }

    /// `page` with a footer line (`text`, cut to fit, then "page N / M" at the right) under a rule.
    public static func withFooter(_ page: Scene, _ text: String, page number: Int, of total: Int) -> Scene {
        var p = page
        let fy = DocumentSpec.a4Height - margin + 4, size = 7.5
        let right = "page \(number) / \(total)"
        let width = DocumentSpec.a4Width - 2 * margin
        p.add(.polyline([Point(margin, fy - 14), Point(DocumentSpec.a4Width - margin, fy - 14)], stroke: Stroke(Palette.grid, width: 0.6)))
        p.add(.text(Typography.truncated(text, toWidth: width - Typography.estimatedWidth(right, size: size) - 12, size: size), at: Point(margin, fy),
                    style: TextStyle(size: size, color: Palette.muted)))
        p.add(.text(right, at: Point(DocumentSpec.a4Width - margin, fy), style: TextStyle(size: size, color: Palette.muted, anchor: .end)))
        return p
    }
}

extension Typography {
    /// Greedy line breaking at spaces, with estimated widths; a word longer than a line is cut.
    public static func wrap(_ text: String, width: Double, size: Double, bold: Bool = false) -> [String] {
        var lines: [String] = []
        var current = ""
        for word in text.split(separator: " ", omittingEmptySubsequences: true) {
            let candidate = current.isEmpty ? String(word) : current + " " + word
            if estimatedWidth(candidate, size: size, bold: bold) <= width || current.isEmpty {
                current = estimatedWidth(candidate, size: size, bold: bold) <= width ? candidate : truncated(candidate, toWidth: width, size: size)
            } else {
                lines.append(current)
                current = estimatedWidth(String(word), size: size, bold: bold) <= width ? String(word) : truncated(String(word), toWidth: width, size: size)
            }
        }
        if !current.isEmpty { lines.append(current) }
        return lines
    }
}
