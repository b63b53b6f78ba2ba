import Foundation
import XCTest
@testable import PortraitsCairo
@testable import PortraitsCore
@testable import PortraitsGraphics
@testable import PortraitsModel
@testable import PortraitsPrint
@testable import PortraitsProject

/// The rules of the printed page, checked on the demo's portraits and atlases as laid out (every
/// text mark of every page) and, for grey, as poppler renders the PDF:
/// - no text under 8 pt, none cut with "…", none past the margins;
/// - no page ends with a heading;
/// - an atlas's fiches are two pages each, in French order;
/// - in grey, the legend entries of every printed map differ.
extension IndicatorIntegrationTests {
    func checkPrintedLayout(_ project: Project) throws {
        let indicators = try IndicatorStore(project: project)
        let store = try PortraitStore(project: project, indicators: indicators)
        let maps = TerritoryMaps(project: project)
        let views = PortraitView.all(project.layout)
        let main = PortraitView.main(views)
        let date = "2026-12-01"
        func printed(_ t: Territory, _ v: PortraitView) -> PrintedPortrait {
            PrintedPortrait(project: project, portrait: store.portrait(t.id, v)!, scenes: TerritoryScenes(t, maps: maps), date: date)
        }
        let all = project.catalog.sorted
        let communes = all.filter { $0.id.level == .commune }
        let longest = communes.max { $0.name.count < $1.name.count }!
        let groups = all.filter { $0.id.level == .epci }.sorted { $0.children.count < $1.children.count }
        var sample = Array(communes.prefix(3)) + [longest, groups.first!, groups.last!]
        sample += all.filter { $0.id.level == .scot }.prefix(1) + all.filter { $0.id.level == .departement }.prefix(1) + all.filter { $0.id.level == .region }
        var documents: [(String, DocumentSpec)] = []
        for t in sample {
            for v in (t.id.level == .commune ? views : [main]) { documents.append(("\(t.id) \(v.id)", PortraitPDF.document(printed(t, v)))) }
        }
        // Atlases: the smallest EPCI's and the département with the fewest members.
        let department = all.filter { $0.id.level == .departement }.min { $0.children.count < $1.children.count }!
        for group in [groups.first!, department] {
            let members = group.children.compactMap { project.catalog[$0] }
            let atlas = PortraitPDF.atlas(printed(group, main), members: members.map { printed($0, main) })
            documents.append(("atlas \(group.id)", atlas))
            // The cover (message, contents, the site's notices) is one page: the summary starts on page 2.
            XCTAssertEqual(atlas.outline.first { $0.title.hasSuffix("en chiffres clés") }?.page, 1, "atlas \(group.id): a one-page cover")
            // The cover says the group's rank among its siblings, as its portrait does.
            let rank = try XCTUnwrap(printed(group, main).portrait.message.rank, "atlas \(group.id): the fixture's group has a rank")
            let coverText = atlas.pages[0].marks.compactMap { m -> String? in if case let .text(t, _, _) = m { return t }; return nil }.joined(separator: " ")
            XCTAssertTrue(coverText.contains(String(rank.prefix(30))), "atlas \(group.id): the cover says « \(rank) »")
            // Each fiche: two pages, from its bookmark; in French order; the last ends the atlas.
            let names = Set(members.map(\.name))
            let fiches = atlas.outline.filter { $0.level == 1 && names.contains($0.title) }
            XCTAssertEqual(fiches.map(\.title), FrenchText.sorted(members.map(\.name)) { $0 }, "atlas \(group.id): fiches in French order")
            for (a, b) in zip(fiches, fiches.dropFirst()) { XCTAssertEqual(b.page - a.page, 2, "atlas \(group.id): fiche \(a.title) is two pages") }
            XCTAssertEqual(atlas.pages.count - fiches.last!.page, 2, "atlas \(group.id): the last fiche is two pages")
        }
        // Every group's atlas cover is one page (the summary starts on page 2), its name and rank
        // included, compact where it must be.
        var compacted = 0, rankedElsewhere = 0
        for group in all where [.epci, .scot, .departement].contains(group.id.level) {
            let members = group.children.compactMap { project.catalog[$0] }.map { printed($0, main) }
            let front = PrintedAtlas(group: printed(group, main), members: members).fittedFront(fichePages: members.indices.map { $0 * 2 })
            XCTAssertEqual(front.tables[0], 2, "atlas \(group.id): a one-page cover")
            if front.compact { compacted += 1 }
            // A member the table does not rank although it consumed is named in the note, with
            // where it is ranked.
            let table = printed(group, main).portrait.members
            guard case .asOnTheirPortraits = table.ranking else { continue }
            let text = front.composer.allPages.flatMap(\.marks).compactMap { m -> String? in if case let .text(t, _, _) = m { return t }; return nil }.joined(separator: " ")
            for row in table.rows where row.intensityRank == nil && (row.intensity?.value ?? 0) > 0 {
                XCTAssertTrue(text.contains("\(row.name), classé parmi les") || text.contains("\(row.name) (sans rang"), "atlas \(group.id): \(row.name) not ranked, not explained")
                // Its « – » is not read as « aucune consommation ».
                XCTAssertTrue(text.contains("« – » : aucune consommation, ou rang donné ailleurs :"), "atlas \(group.id): the dash of \(row.name)")
                rankedElsewhere += 1
            }
        }
        XCTAssertGreaterThan(rankedElsewhere, 0, "no member ranked elsewhere in the fixture: the note is not exercised")
        // With one line of notice more, the covers that would run to two pages are laid out
        // compact and keep to one.
        var config = project.config
        config.site.notices.append("Une ligne de plus sur la couverture, pour l’essai de sa mise en page.")
        let busy = Project(config: config, nomenclature: project.nomenclature, catalog: project.catalog, tabulation: project.tabulation, facts: project.facts,
                           outlines: project.outlines, displayLevel: project.displayLevel, traits: project.traits, postalCodes: project.postalCodes,
                           extraLayers: project.extraLayers, factsOrigin: project.factsOrigin, factsDay: project.factsDay)
        let busyMaps = TerritoryMaps(project: busy)
        for group in all where [.epci, .departement].contains(group.id.level) {
            func busyPrinted(_ t: Territory) -> PrintedPortrait {
                PrintedPortrait(project: busy, portrait: store.portrait(t.id, main)!, scenes: TerritoryScenes(t, maps: busyMaps), date: date)
            }
            let members = group.children.compactMap { project.catalog[$0] }.map(busyPrinted)
            let front = PrintedAtlas(group: busyPrinted(group), members: members).fittedFront(fichePages: members.indices.map { $0 * 2 })
            XCTAssertEqual(front.tables[0], 2, "atlas \(group.id), long notices: a one-page cover")
            if front.compact { compacted += 1 }
        }
        XCTAssertGreaterThan(compacted, 0, "no cover laid out compact: the rule is not exercised")
        let measure = TextMeasure.cairo
        let margin = PageComposer.margin, width = DocumentSpec.a4Width
        let footerTop = DocumentSpec.a4Height - margin - PageComposer.footerRoom
        for (name, doc) in documents {
            for (i, page) in doc.pages.enumerated() {
                var lowest: (y: Double, heading: Bool, text: String)?
                for mark in page.marks {
                    guard case let .text(s, at, style) = mark else { continue }
                    XCTAssertGreaterThanOrEqual(style.size, 8 - 1e-6, "\(name) page \(i + 1): « \(s) » at \(style.size) pt")
                    XCTAssertFalse(s.contains("…"), "\(name) page \(i + 1): « \(s) » is cut")
                    let w = measure.width(s, size: style.size, bold: style.bold)
                    let left = style.anchor == .start ? at.x : (style.anchor == .middle ? at.x - w / 2 : at.x - w)
                    if style.rotation == 0 {
                        XCTAssertGreaterThanOrEqual(left, margin - 1, "\(name) page \(i + 1): « \(s) » starts in the margin")
                        XCTAssertLessThanOrEqual(left + w, width - margin + 1, "\(name) page \(i + 1): « \(s) » runs into the margin")
                    }
                    if at.y < footerTop, lowest == nil || at.y > lowest!.y {
                        lowest = (at.y, style.bold && style.size >= 12, s)
                    }
                }
                if let lowest { XCTAssertFalse(lowest.heading, "\(name) page \(i + 1) ends with the heading « \(lowest.text) »") }
            }
        }
        try checkGreyLegends(project, region: printed(all.first { $0.id.level == .region }!, main))
    }

    /// The région's portrait (every class of the nomenclature on its map) printed to PDF, rendered
    /// in grey by poppler as a grey printer would: the legend swatches of each map are told apart,
    /// by their grey (30 levels at least) or by their texture (plain, lines one way, lines both
    /// ways, as the pixels show it) and 10 grey levels.
    func checkGreyLegends(_ project: Project, region: PrintedPortrait) throws {
        var c = PageComposer(measure: .cairo)
        region.compose(into: &c, level: 0)
        let doc = DocumentSpec(title: "t", subject: "s", author: "a", date: "2026-12-01", pages: c.finished { _, _ in "" }, outline: [])
        let dir = try temporaryFolder(self)
        let pdf = dir.appendingPathComponent("region.pdf")
        try Data(try CairoRenderer.pdf(doc)).write(to: pdf)
        XCTAssertFalse(c.mapSwatches.isEmpty)
        let dpi = 300.0
        var textures = Set<PGM.Texture>()
        for (k, map) in c.mapSwatches.enumerated() where map.swatches.count > 1 {
            let out = dir.appendingPathComponent("grey-\(k)").path
            _ = try runTool("/usr/bin/pdftoppm", ["-gray", "-r", "\(Int(dpi))", "-f", "\(map.page + 1)", "-l", "\(map.page + 1)", "-singlefile", pdf.path, out])
            let image = try PGM(Data(contentsOf: URL(fileURLWithPath: out + ".pgm")))
            let looks = map.swatches.map { s in
                image.look(x: (s.x + 1.5) * dpi / 72, y: (s.y + 1.5) * dpi / 72, width: (s.width - 3) * dpi / 72, height: (s.height - 3) * dpi / 72)
            }
            textures.formUnion(looks.map(\.texture))
            for i in looks.indices {
                for j in looks.indices where j > i {
                    let d = abs(looks[i].mean - looks[j].mean)
                    let what = "map \(k) page \(map.page + 1): legend entries \(i) and \(j) print as \(looks[i]) and \(looks[j])"
                    XCTAssertGreaterThanOrEqual(d, looks[i].texture == looks[j].texture ? 30 : 10, what)
                }
            }
        }
        XCTAssertEqual(textures, [.plain, .lines, .crossed], "the région's map, every class on it, needs all three textures")
    }
}

/// A binary grey image as pdftoppm writes it (P5, 8 bits).
struct PGM {
    let width: Int, height: Int
    let pixels: [UInt8]

    init(_ data: Data) throws {
        let bytes = [UInt8](data)
        var fields: [String] = []
        var i = 0
        while fields.count < 4 {
            while i < bytes.count, bytes[i] == 0x20 || bytes[i] == 0x0A || bytes[i] == 0x0D || bytes[i] == 0x09 { i += 1 }
            var field = ""
            while i < bytes.count, !(bytes[i] == 0x20 || bytes[i] == 0x0A || bytes[i] == 0x0D || bytes[i] == 0x09) { field.append(Character(UnicodeScalar(bytes[i]))); i += 1 }
            fields.append(field)
        }
        i += 1
        guard fields[0] == "P5", let w = Int(fields[1]), let h = Int(fields[2]), fields[3] == "255", bytes.count - i >= w * h else {
            throw NSError(domain: "PGM", code: 1, userInfo: [NSLocalizedDescriptionKey: "not an 8-bit P5 image: \(fields)"])
        }
        width = w
        height = h
        pixels = Array(bytes[i..<(i + w * h)])
    }

    /// What a hatch looks like: none, lines one way, lines both ways.
    enum Texture: Hashable { case plain, lines, crossed }

    /// The mean grey of a rectangle (pixels) and its texture: how much a pixel differs from the
    /// one 4 pixels away along each diagonal (a hatch's lines run along one diagonal and
    /// alternate along the other).
    func look(x: Double, y: Double, width w: Double, height h: Double) -> (mean: Double, texture: Texture) {
        let x0 = Int(x.rounded()), y0 = Int(y.rounded()), x1 = Int((x + w).rounded()), y1 = Int((y + h).rounded())
        let k = 4
        var rising = 0.0, falling = 0.0, n = 0.0
        for py in (y0 + k)..<max(y0 + k, y1 - k) where py >= k && py + k < height {
            for px in x0..<max(x0, x1 - k) where px >= 0 && px + k < width {
                let v = Double(pixels[py * width + px])
                rising += abs(v - Double(pixels[(py - k) * width + px + k]))
                falling += abs(v - Double(pixels[(py + k) * width + px + k]))
                n += 1
            }
        }
        let mean = self.mean(x: x, y: y, width: w, height: h)
        guard n > 0 else { return (mean, .plain) }
        rising /= n
        falling /= n
        let strongest = max(rising, falling), weakest = min(rising, falling)
        let texture: Texture = strongest < 6 ? .plain : (weakest < strongest / 3 ? .lines : .crossed)
        return (mean, texture)
    }

    /// The mean grey of a rectangle (pixels).
    func mean(x: Double, y: Double, width w: Double, height h: Double) -> Double {
        var sum = 0.0, n = 0.0
        for py in Int(y.rounded())..<max(Int(y.rounded()) + 1, Int((y + h).rounded())) where py >= 0 && py < height {
            for px in Int(x.rounded())..<max(Int(x.rounded()) + 1, Int((x + w).rounded())) where px >= 0 && px < width {
                sum += Double(pixels[py * width + px])
                n += 1
            }
        }
        return n > 0 ? sum / n : .nan
    }
}
