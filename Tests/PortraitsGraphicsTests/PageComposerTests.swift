import Foundation
import XCTest
@testable import PortraitsCairo
@testable import PortraitsCore
@testable import PortraitsGraphics

/// The printed page's rules, on the page composer itself with Cairo's measures: text wrapped and
/// never cut, headings kept with their block, tables split with three rows each side and their
/// header repeated, legends that stay apart in grey, dense maps as images at print resolution.
final class PageComposerTests: XCTestCase {
    func texts(_ page: Scene) -> [(String, Point, TextStyle)] {
        page.marks.compactMap { if case let .text(s, at, style) = $0 { return (s, at, style) }; return nil }
    }

    func testCairoMeasuresWhatItDraws() {
        let m = TextMeasure.cairo
        XCTAssertEqual(m.width("Hœnheim", size: 10) * 2, m.width("Hœnheim", size: 20), accuracy: 1e-9, "advances scale with the size")
        XCTAssertGreaterThan(m.width("WWW", size: 10), m.width("iii", size: 10) * 2, "measured per glyph, not by character count")
        XCTAssertGreaterThan(m.width("Zones", size: 10, bold: true), m.width("Zones", size: 10))
    }

    func testWrapNeverCutsNorDrops() {
        let m = TextMeasure.cairo
        let text = "Formations arbustives et sous-arbrisseaux (Landes basses; formations arbustives organisées; etc.) https://portraits.example.org/commune/67218/2010-2021.html"
        let lines = m.wrap(text, width: 120, size: 9.5)
        XCTAssertGreaterThan(lines.count, 3)
        for line in lines { XCTAssertLessThanOrEqual(m.width(line, size: 9.5), 120 + 1e-9, line) }
        XCTAssertFalse(lines.joined().contains("…"))
        XCTAssertEqual(lines.joined().filter { $0 != " " }, text.filter { $0 != " " }, "every character kept, the long address broken")
    }

    /// French typography: no line starts with « : » or « ; » nor ends with « « ».
    func testWrapKeepsFrenchPunctuationWithItsWord() {
        let m = TextMeasure.cairo
        let text = "Les surfaces sont calculées par intersection (GEOS, Lambert-93) : rien n’est moyenné ; la principale mutation est « Formations herbacées » → « Zones bâties »."
        for width in stride(from: 100.0, through: 400, by: 7) {   // the narrowest text column is 110 pt
            for line in m.wrap(text, width: width, size: 10) {
                XCTAssertFalse(line.hasPrefix(":") || line.hasPrefix(";") || line.hasPrefix("»"), "\(width): \(line)")
                XCTAssertFalse(line.hasSuffix("«"), "\(width): \(line)")
            }
        }
    }

    func testHeadingFollowsItsBlockToTheNextPage() {
        var c = PageComposer(measure: .cairo)
        while c.remaining > 60 { c.paragraph("Un paragraphe qui remplit la page.") }
        c.heading("Titre orphelin", outline: 1, keepWithNext: 0)
        c.figure(Scene(width: 400, height: 300), alt: "Un graphique")
        XCTAssertEqual(c.allPages.count, 2)
        XCTAssertFalse(texts(c.allPages[0]).contains { $0.0 == "Titre orphelin" }, "not left at the bottom of page 1")
        XCTAssertTrue(texts(c.allPages[1]).contains { $0.0 == "Titre orphelin" })
        XCTAssertEqual(c.outline.last?.page, 1, "its bookmark goes with it")
    }

    /// A heading and its lead sentence go to the next page with the table or the chart they
    /// introduce, wherever the page would break; a paragraph that is not a lead stays.
    func testLeadSentenceFollowsItsBlockWithItsHeading() {
        for (k, filled) in stride(from: 500.0, through: 740, by: 12).enumerated() {
            for table in [true, false] {
                var c = PageComposer(measure: .cairo)
                c.space(filled)
                c.heading("Titre \(k)", outline: 1, keepWithNext: 0)
                c.paragraph("La phrase qui présente le tableau ou le graphique, assez longue pour tenir sur deux lignes de la page imprimée, voire trois.", lead: true)
                if table {
                    c.table(["Classe", "surface"], (1...6).map { ["Ligne \($0)", "\($0),0 ha"] }, numeric: [1])
                } else {
                    c.figure(Scene(width: 400, height: 200), alt: "Un graphique")
                }
                let pageOf = { (text: String) in c.allPages.firstIndex { self.texts($0).contains { $0.0.hasPrefix(text) } } }
                let block = table ? pageOf("Classe") : c.allPages.firstIndex { $0.marks.contains { if case .tag(.begin("Figure", _)) = $0 { return true }; return false } }
                XCTAssertEqual(pageOf("Titre"), block, "filled \(filled), \(table ? "table" : "chart"): the heading on the block's page")
                XCTAssertEqual(pageOf("La phrase"), block, "filled \(filled), \(table ? "table" : "chart"): the sentence on the block's page")
                XCTAssertEqual(c.outline.last?.page, block)
            }
        }
        var c = PageComposer(measure: .cairo)
        c.space(640)
        c.heading("Titre", keepWithNext: 0)
        c.paragraph("Une phrase qui ne présente rien.")
        c.figure(Scene(width: 400, height: 200), alt: "Un graphique")
        XCTAssertTrue(texts(c.allPages[0]).contains { $0.0 == "Titre" }, "without lead, the heading stays with its first block, the sentence")
    }

    func testTableSplitsWithThreeRowsEachSideAndItsHeader() {
        for filled in stride(from: 0.0, through: 700, by: 37) {
            var c = PageComposer(measure: .cairo)
            c.space(filled)
            let rows = (1...46).map { ["Ligne \($0)", "\($0),0 ha"] }
            c.table(["Classe", "surface"], rows, numeric: [1])
            for (i, page) in c.allPages.enumerated() where !texts(page).isEmpty {
                let t = texts(page).map(\.0)
                let count = t.filter { $0.hasPrefix("Ligne ") }.count
                XCTAssertTrue(t.contains("Classe"), "page \(i + 1): header repeated")
                XCTAssertGreaterThanOrEqual(count, 3, "filled \(filled), page \(i + 1): \(count) rows")
            }
            let short = PageComposer(measure: .cairo)
            var s = short
            s.space(filled)
            s.table(["Classe", "surface"], Array(rows.prefix(8)), numeric: [1])
            XCTAssertEqual(s.allPages.filter { texts($0).contains { $0.0.hasPrefix("Ligne ") } }.count, 1, "eight rows never split")
        }
    }

    func testLongCellsWrapInsideTheirColumn() {
        var c = PageComposer(measure: .cairo)
        let long = "Formations herbacées (Pelouses et prairies; terres arables; roselières; etc.)"
        c.table(["Classe", "2019 (ha)", "2021 (ha)", "part", "évolution (ha)"], [[long, "150,0", "100,0", "50,0 %", "−50,0"]], numeric: [1, 2, 3, 4])
        let t = texts(c.allPages[0])
        XCTAssertFalse(t.contains { $0.0.contains("…") })
        XCTAssertGreaterThan(t.filter { long.contains($0.0) }.count, 1, "the label on several lines")
        for (s, at, style) in t where style.anchor == .start {
            XCTAssertLessThanOrEqual(at.x + TextMeasure.cairo.width(s, size: style.size, bold: style.bold), DocumentSpec.a4Width - PageComposer.margin + 0.5, s)
        }
    }

    /// A table whose columns are as narrow as their widest words: no header broken inside a word
    /// (the comparison's six columns broke « imperméabilisé » on a rounding error).
    func testNoWordBrokenWhenTheWidestWordsFit() {
        var c = PageComposer(measure: .cairo)
        let h = ["Territoire", "artificialisé", "imperméabilisé", "conso. NAF / an pour 1\u{00A0}000\u{00A0}ha", "conso. NAF / an", "artif. nette / an"]
        // As the model writes them: no-break spaces in the numbers and before their unit.
        let rows = [["Illkirch-Graffenstaden", "73,9 %", "62,7 %", "0,00", "0,0 ha", "−1,5 ha"], ["SCoT illustratif 67-6", "30,5 %", "24,5 %", "1,21", "123,0 ha", "+121,5 ha"],
                    ["Eurométropole de Strasbourg", "52,0 %", "42,2 %", "1,46", "49,6 ha", "+48,2 ha"], ["Bas-Rhin", "17,1 %", "14,0 %", "0,84", "400,8 ha", "+393,0 ha"],
                    ["Grand Est", "8,5 %", "7,0 %", "0,52", "2 985,3 ha", "+2 892,5 ha"]].map { $0.map { $0.replacingOccurrences(of: " ha", with: "\u{00A0}ha").replacingOccurrences(of: " %", with: "\u{00A0}%").replacingOccurrences(of: "2 ", with: "2\u{00A0}") } }
        c.table(h, rows, numeric: [1, 2, 3, 4, 5])
        let words = Set((h + rows.flatMap { $0 }).flatMap { $0.split(separator: " ").map(String.init) })
        for (s, _, _) in texts(c.allPages[0]) {
            for w in s.split(separator: " ") { XCTAssertTrue(words.contains(String(w)), "« \(w) » is a piece of a word") }
        }
    }

    /// The grey level a print fill makes on average, its hatch's lines included.
    func printedGrey(_ f: PrintFill) -> Double {
        let cover = f.hatch?.coverage(width: Hatch.width, spacing: Hatch.spacing) ?? 0
        return GreyLegibility.grey(f.color) * (1 - cover) + GreyLegibility.grey(f.lineColor) * cover
    }

    /// CNIG's fourteen classes of couverture at level 4, some of which print alike in grey (zones
    /// non bâties and feuillus: 178 and 189; arbustives and herbacées: 214 and 212): every two
    /// differ by 12 grey levels on average, and two of the same texture by 36.
    func testPrintFillsSeparateCNIGClassesByGreyAndTexture() {
        let cnig = ["#ff377a", "#ff9191", "#ffff99", "#a64d00", "#cccccc", "#00ccf2", "#a6e6cc", "#80ff00", "#00a600", "#80be00",
                    "#a6ff80", "#e68000", "#ccf24d", "#cafcca"].map { RGBColor(hex: $0)! }
        let fills = GreyLegibility.printFills(cnig)
        XCTAssertEqual(Set(fills.map(\.hatch)), [nil, .diagonal, .crossed], "fourteen classes need three textures")
        for i in fills.indices {
            for j in fills.indices where j > i {
                let d = abs(printedGrey(fills[i]) - printedGrey(fills[j]))
                XCTAssertGreaterThanOrEqual(d, 12, "\(cnig[i].hex) and \(cnig[j].hex)")
                if fills[i].hatch == fills[j].hatch { XCTAssertGreaterThanOrEqual(d, 35, "\(cnig[i].hex) and \(cnig[j].hex), same texture") }
            }
            if fills[i].hatch != nil {
                XCTAssertGreaterThanOrEqual(abs(GreyLegibility.grey(fills[i].color) - GreyLegibility.grey(fills[i].lineColor)), Hatch.contrast - 1, "\(cnig[i].hex): lines told from their ground")
            }
        }
        XCTAssertEqual(GreyLegibility.printFills(cnig + [cnig[3]]).last, fills[3], "equal colours print alike")
        // Weighted by area, the classes covering most stay plain (herbacées, 48 % of the Bas-Rhin,
        // and feuillus, 18 %), the separation kept.
        for heavy in [12, 7] {
            XCTAssertNotNil(fills[heavy].hatch, "without weights, \(cnig[heavy].hex) is hatched: the test would not show the weights' effect")
            var weights = [Double](repeating: 1, count: cnig.count)
            weights[heavy] = 50
            let weighted = GreyLegibility.printFills(cnig, weights: weights)
            XCTAssertNil(weighted[heavy].hatch, cnig[heavy].hex)
            XCTAssertEqual(Set(weighted.map(\.hatch)), [nil, .diagonal, .crossed])
            for i in weighted.indices { for j in weighted.indices where j > i && weighted[i].hatch == weighted[j].hatch {
                XCTAssertGreaterThanOrEqual(abs(printedGrey(weighted[i]) - printedGrey(weighted[j])), 35)
            } }
        }
        // Few classes: lightness alone, 36 levels apart; colours already apart keep theirs.
        let five = Array(cnig.prefix(5))
        let few = GreyLegibility.printFills(five)
        XCTAssertTrue(few.allSatisfy { $0.hatch == nil })
        for i in few.indices { for j in few.indices where j > i { XCTAssertGreaterThanOrEqual(abs(printedGrey(few[i]) - printedGrey(few[j])), 35.5) } }
        let apart = [RGBColor(r: 60, g: 60, b: 200), RGBColor(r: 250, g: 200, b: 60)]
        XCTAssertEqual(GreyLegibility.printFills(apart).map(\.color), apart)
    }

    /// A change map's fills: the unchanged land, most of any change map, stays plain; the kinds
    /// differ by 45 grey levels or by texture.
    func testChangeMapPrintFillsKeepTheUnchangedLandPlain() {
        let fills = ChangeKind.allCases.map { ChangeMapStyle.printFills.kinds[$0]! } + [ChangeMapStyle.printFills.unchanged]
        XCTAssertNil(ChangeMapStyle.printFills.unchanged.hatch)
        XCTAssertTrue(fills.contains { $0.hatch != nil }, "six entries: some hatched")
        for i in fills.indices { for j in fills.indices where j > i && fills[i].hatch == fills[j].hatch {
            XCTAssertGreaterThanOrEqual(abs(printedGrey(fills[i]) - printedGrey(fills[j])), 44, "\(i) \(j)")
        } }
    }

    /// A legend whose entries carry the print fills their model chose keeps them (a class prints
    /// alike in every document); one without takes fills chosen among its own entries.
    func testMapLegendKeepsItsModelsPrintFills() {
        let chosen = PrintFill(color: RGBColor(r: 10, g: 20, b: 30), hatch: .crossed, lineColor: RGBColor(r: 90, g: 90, b: 90))
        let a = LegendEntry(label: "a", color: RGBColor(r: 255, g: 0, b: 0), print: chosen)
        let b = LegendEntry(label: "b", color: RGBColor(r: 0, g: 255, b: 0), print: PrintFill(color: RGBColor(r: 0, g: 255, b: 0)))
        XCTAssertEqual(PageComposer.printFills(MapLegend(title: "t", entries: [a, b], source: "s")), [chosen, b.print!])
        var bare = a
        bare.print = nil
        XCTAssertEqual(PageComposer.printFills(MapLegend(title: "t", entries: [bare, b], source: "s")),
                       GreyLegibility.printFills([a.color, b.color]))
    }

    /// A dense map printed as an image at 200 dpi: poppler finds one image of that resolution and
    /// the file stays small.
    func testDenseMapIsAnImageAtPrintResolution() throws {
        var frame = Scene(width: 460, height: 400)
        var seed: UInt64 = 7
        func next() -> Double { seed = seed &* 6364136223846793005 &+ 1442695040888963407; return Double(seed >> 11) / Double(1 << 53) }
        // 8 000 polygons of 13 vertices: twice and a half the vertices above which a map prints as
        // an image (`TerritoryMaps.rasterThreshold`).
        for _ in 0..<8_000 {
            let x = next() * 450, y = next() * 390
            let ring = (0..<12).map { k in Point(x + 6 * cos(Double(k) / 2), y + 6 * sin(Double(k) / 2)) }
            // A land-cover map's handful of class colours (CNIG has 14), not a colour per polygon.
            frame.add(.polygons([PolygonRings(rings: [ring + [ring[0]]])], fill: RGBColor(r: UInt8(Int(next() * 14) * 18), g: 120, b: 80), stroke: nil))
        }
        let legend = MapLegend(title: "Légende", entries: [LegendEntry(label: "Classe", color: RGBColor(r: 200, g: 120, b: 80))], source: "Source")
        var sizes: [Int] = []
        for dpi in [nil, 200.0] {
            var c = PageComposer(measure: .cairo)
            c.map(frame: frame, legend: legend, alt: "Carte", rasterDPI: dpi)
            let pdf = try CairoRenderer.pdf(DocumentSpec(title: "t", subject: "s", author: "a", date: "2026-12-01", pages: c.finished { _, _ in "pied" }, outline: []))
            sizes.append(pdf.count)
            let path = NSTemporaryDirectory() + "map-\(UUID().uuidString).pdf"
            try Data(pdf).write(to: URL(fileURLWithPath: path))
            defer { try? FileManager.default.removeItem(atPath: path) }
            let p = Process()
            p.executableURL = URL(fileURLWithPath: "/usr/bin/pdfimages")
            p.arguments = ["-list", path]
            let out = Pipe()
            p.standardOutput = out
            try p.run()
            p.waitUntilExit()
            let rows = String(decoding: out.fileHandleForReading.readDataToEndOfFile(), as: UTF8.self).split(separator: "\n").dropFirst(2)
            if dpi == nil {
                XCTAssertTrue(rows.isEmpty, "vector")
            } else {
                XCTAssertEqual(rows.count, 1)
                let cols = rows.first!.split(separator: " ", omittingEmptySubsequences: true)
                XCTAssertGreaterThanOrEqual(Int(cols[12]) ?? 0, 199, "x-ppi: \(rows.first!)")
            }
        }
        XCTAssertLessThan(sizes[1], sizes[0], "the image weighs less than the polygons: \(sizes)")
    }

    /// The comparison's markers differ by shape, not only by colour: in grey, or for a reader who
    /// does not tell the colours apart, the five territories stay apart.
    func testComparisonMarkersDifferByShape() {
        let row = DotPlot.Row(label: "Part artificialisée", values: [("Commune", 0.1), ("SCoT", 0.2), ("EPCI", 0.3), ("Département", 0.4), ("Région", 0.5)], format: .percent)
        let scene = DotPlot.scene(rows: [row], width: 720)
        // The legend's marks come first, one per territory.
        var shapes: [String] = []
        for mark in scene.marks {
            switch mark {
            case let .rect(_, _, w, _, fill, _): shapes.append("rect \(Int(w)) \(fill == Palette.white ? "hollow" : "filled")")
            case let .polygons(polys, _, _):
                let ring = polys[0].rings[0].dropLast()
                let top = ring.min { $0.y < $1.y }!, bottom = ring.max { $0.y < $1.y }!
                let apex = ring.filter { $0.y == top.y }.count == 1 ? "up" : "down"
                shapes.append("polygon \(ring.count) \(ring.count == 3 ? apex : "") \(bottom.y - top.y > 0)")
            default: continue
            }
            if shapes.count == 5 { break }
        }
        XCTAssertEqual(Set(shapes).count, 5, "\(shapes)")
    }
}
