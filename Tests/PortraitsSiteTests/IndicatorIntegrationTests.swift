import Foundation
import XCTest
@testable import PortraitsCore
@testable import PortraitsDemo
@testable import PortraitsGeo
@testable import PortraitsBench
@testable import PortraitsDownloads
@testable import PortraitsModel
@testable import PortraitsPrint
@testable import PortraitsProject
@testable import PortraitsSite
@testable import PortraitsWeb

final class IndicatorIntegrationTests: XCTestCase {
    /// A one-dimension regional nomenclature (the shipped template) from layer to pages.
    func testOneDimensionNomenclatureEndToEnd() throws {
        let dir = try temporaryFolder(self)
        let fixture = try TwoCommuneFixture(in: dir)
        let rect = fixture.rect
        let lw = try VectorWriter(path: dir.appendingPathComponent("ocs.gpkg").path, layer: "ocs", fields: [("N4_2019", .string), ("N4_2021", .string)])
        try lw.add(["2111", "1111"], wkb: try rect(0, 0, 1000, 500))     // 50 ha of crops become dense housing
        try lw.add(["3111", "3111"], wkb: try rect(0, 500, 1000, 1000))  // forest stays
        try lw.add(["2211", "2211"], wkb: try rect(1000, 0, 2000, 1000)) // meadow stays
        try lw.close()
        let root = repositoryRoot.path
        try """
        site:
          title: Test régional
        communes:
          file: communes.gpkg
        land_cover:
          multi_date:
            file: ocs.gpkg
            millesimes:
              2019: {poste: N4_2019}
              2021: {poste: N4_2021}
        nomenclature: \(root)/Content/nomenclatures/modele-regional/nomenclature.yaml
        content: \(root)/Content
        output: site
        """.write(to: dir.appendingPathComponent("portraits.yaml"), atomically: true, encoding: .utf8)
        let summary = try SiteBuilder.build(configPath: dir.appendingPathComponent("portraits.yaml").path, quiet: true)
        XCTAssertEqual(summary.portraits, 5)
        let commune = try read(dir.appendingPathComponent("site/commune/99001/2019-2021.html"))
        XCTAssertTrue(commune.contains("50,0\u{00A0}ha d’espaces naturels, agricoles et forestiers ont été consommés"), "consumption")
        XCTAssertTrue(commune.contains("dont 100,0\u{00A0}% pour l’habitat"), "destination")
        XCTAssertTrue(commune.contains("En 2021, 50,0\u{00A0}ha sont artificialisés"), "artificialisation")
        XCTAssertTrue(commune.contains("Habitat continu"), "regional labels")
        let mutations = try read(dir.appendingPathComponent("site/commune/99001/mutations-2019-2021.csv"))
        XCTAssertTrue(mutations.contains("commune;99001;Aval;poste;4;2019-2021;2111;Grandes cultures;1111;Habitat continu;50,00"), mutations)
        XCTAssertTrue(mutations.contains("commune;99001;Aval;poste;1;2019-2021;2;Espaces agricoles;1;Espaces artificialisés;50,00"), mutations)
        let epci = try read(dir.appendingPathComponent("site/epci/200000001/2019-2021.html"))
        XCTAssertTrue(epci.contains("50,0\u{00A0}ha d’espaces naturels, agricoles et forestiers ont été consommés"), "sums to the EPCI")
        XCTAssertTrue(epci.contains("En 2021, 50,0\u{00A0}ha sont imperméabilisés, soit 25,0\u{00A0}% du territoire"), "sealing share of 200 ha")
    }

    /// On the synthetic demo land cover (coarse): every additive indicator of a territory is the
    /// sum over its communes, and transition matrices sum to the stocks.
    func testIndicatorsAddUpAcrossLevels() throws {
        let dir = try temporaryFolder(self)
        let data = repositoryRoot.appendingPathComponent("data/grand-est")
        let inputs = DemoGenerator.Inputs(communes: LayerRef(path: data.appendingPathComponent("communes_l93.gpkg").path, layer: "communes"),
                                          membershipCSV: data.appendingPathComponent("communes_appartenance.csv").path,
                                          landCoverOutput: dir.appendingPathComponent("ocs.gpkg").path, landCoverLayer: "ocsge",
                                          scotOutput: dir.appendingPathComponent("scot.csv").path)
        _ = try DemoGenerator.ensure(inputs, seed: 3, cellHectares: 1500, log: { _ in })
        let zoning = dir.appendingPathComponent("zonage.gpkg").path
        _ = try DemoZoning.ensure(communes: inputs.communes, membershipCSV: inputs.membershipCSV, output: zoning, seed: 3)
        let text = try read(repositoryRoot.appendingPathComponent("demo/portraits.yaml"))
            .replacingOccurrences(of: "../data/grand-est/", with: data.path + "/")
            .replacingOccurrences(of: "generated/ocsge_synthetique.gpkg", with: inputs.landCoverOutput)
            .replacingOccurrences(of: "generated/scot_illustratif.csv", with: inputs.scotOutput)
            .replacingOccurrences(of: "generated/zonage_illustratif.gpkg", with: zoning)
            .replacingOccurrences(of: "../Content", with: repositoryRoot.appendingPathComponent("Content").path)
        let config = try ProjectConfig.parse(text: text, source: "test.yaml", root: dir.path)
        let project = try ProjectLoader.load(config: config, reporter: StageReporter(BuildStage.check, quiet: true))
        let layout = project.layout
        let communes = project.tabulation.communeFacts
        var checked = 0
        for t in project.catalog.sorted where t.id.level != .commune {
            let facts = project.facts[t.id]!
            for p in layout.periods.indices {
                let total = Consumption.figures(facts, period: p, layout: layout, traits: project.traits).total
                let sum = t.communeIndices.reduce(0.0) { $0 + Consumption.figures(communes[$1], period: p, layout: layout, traits: project.traits).total }
                XCTAssertEqual(total, sum, accuracy: 1e-6 * max(1, total), "\(t.id) consumption")
                let art = Artificialisation.figures(facts, period: p, layout: layout, traits: project.traits)
                XCTAssertEqual(art.thresholdFlux.net, t.communeIndices.reduce(0.0) { $0 + communes[$1].lcrFlux[p].net }, accuracy: 1e-6 * max(1, abs(art.thresholdFlux.net)) + 1e-6)
                let seal = Sealing.figures(facts, period: p, layout: layout, traits: project.traits)
                XCTAssertEqual(seal.net, t.communeIndices.reduce(0.0) { $0 + Sealing.figures(communes[$1], period: p, layout: layout, traits: project.traits).net }, accuracy: 1e-6 * max(1, abs(seal.net)) + 1e-6)
                // The matrix sums to the stocks of both dates (a multi-date layer describes the same land at both).
                let m = Mutations.matrix(facts, period: p, nomenclature: project.nomenclature, level: 4)
                let s0 = Stock.byClass(facts, millesime: layout.index(of: layout.periods[p].start)!, nomenclature: project.nomenclature, level: 4)
                let s1 = Stock.byClass(facts, millesime: layout.index(of: layout.periods[p].end)!, nomenclature: project.nomenclature, level: 4)
                for (i, c) in m.classes.enumerated() {
                    XCTAssertEqual(m.rowTotals[i], s0.first { $0.code == c.code }!.area, accuracy: 1e-6 * max(1, m.rowTotals[i]))
                    XCTAssertEqual(m.columnTotals[i], s1.first { $0.code == c.code }!.area, accuracy: 1e-6 * max(1, m.columnTotals[i]))
                }
                checked += 1
            }
        }
        XCTAssertGreaterThan(checked, 600)
        try checkChangedAreasAgree(project)
        try checkMapPiecesAgree(project)
        try checkPortraitsAgree(project)
        try checkPrintedLayout(project)
        // The synthetic land changes: consumption and artificialisation over the région are positive.
        let region = project.facts[TerritoryID(.region, "44")]!
        XCTAssertGreaterThan(Consumption.figures(region, period: 0, layout: layout, traits: project.traits).total, 0)
    }

    /// The portrait model: for every territory and view, the figures a reader sees are the compute
    /// stage's (headline figures, consumption, ZAN trajectory), the changes by kind add up to the
    /// gross change, the land-cover table adds up to the stock, and every chart has data and words.
    func checkPortraitsAgree(_ project: Project) throws {
        let indicators = try IndicatorStore(project: project)
        let portraits = try PortraitStore(project: project, indicators: indicators)
        let views = PortraitView.all(project.layout)
        XCTAssertEqual(portraits.count, project.catalog.territories.count * views.count)
        func same(_ a: Figure, _ b: Double, _ what: String, _ t: Territory, _ v: PortraitView) {
            XCTAssertEqual(a.value ?? .nan, b, accuracy: 1e-6 + 1e-9 * abs(b), "\(t.id) \(v.id): \(what)")
        }
        var withZAN = 0, rankedWithoutConsumption = 0, tablesRankedAsPortraits = 0, guaranteedShown = 0
        for t in project.catalog.sorted {
            let facts = project.facts[t.id]!
            for view in views {
                let portrait = try XCTUnwrap(portraits.portrait(t.id, view), "\(t.id) \(view.id)")
                XCTAssertEqual(portrait.territory, t.id)
                XCTAssertEqual(portrait.view, view)
                same(portrait.area, facts.area, "area", t, view)
                let m = project.layout.index(of: view.millesime)!
                let stock = Stock.byClass(facts, millesime: m, nomenclature: project.nomenclature, level: project.displayLevel)
                XCTAssertEqual(portrait.totalAfter, stock.reduce(0) { $0 + $1.area }, accuracy: 1e-6 * max(1, facts.area), "\(t.id) \(view.id): stock table")
                for chart in portrait.charts {
                    XCTAssertFalse(chart.alt.isEmpty, "\(t.id) \(view.id) \(chart.kind): text alternative")
                    XCTAssertFalse(chart.scene.marks.isEmpty, "\(t.id) \(view.id) \(chart.kind): marks")
                }
                guard let period = view.period, let p = project.layout.periods.firstIndex(of: period) else {
                    XCTAssertNotNil(portrait.stockOnly)
                    continue
                }
                let h = try XCTUnwrap(indicators.headline(t.id, p))
                let themes = try XCTUnwrap(portrait.themes, "\(t.id) \(view.id): themes")
                // The message's figures, in their order, are the headline figures (and the ZAN
                // trajectory's share of the envelope where there is one).
                let keys = portrait.message.items.map { $0.figure.value ?? .nan }
                let zan = indicators.zan(t)
                XCTAssertEqual(keys.count, zan == nil ? 3 : 4, "\(t.id) \(view.id)")
                for (k, v) in zip(keys, [h.consumption, h.netArtificialisation, h.netSealing] + (zan.map { [$0.projectionRatio ?? .nan] } ?? [])) {
                    XCTAssertEqual(k, v, accuracy: 1e-12 * max(1, abs(v)), "\(t.id) \(view.id): key figures")
                }
                XCTAssertEqual(portrait.message.rank, themes.comparison.rank)
                // A rank for consumption only where there is some (the atlases' tables say « – » otherwise).
                if let rank = themes.comparison.rank {
                    let consumed = h.consumptionIntensity > 0
                    XCTAssertEqual(rank.contains("pour la consommation d’espaces par an"), consumed, "\(t.id) \(view.id): \(rank)")
                    if !consumed { rankedWithoutConsumption += 1 }
                }
                // A members' table ranked as the members' own portraits are says their rank.
                if case let .asOnTheirPortraits(count, _) = portrait.members.ranking {
                    tablesRankedAsPortraits += 1
                    for row in portrait.members.rows {
                        if let r = row.intensityRank {
                            let own = try XCTUnwrap(portraits.portrait(row.id, view)?.themes?.comparison.rank, "\(t.id) \(view.id): \(row.id) has a rank in the table")
                            XCTAssertTrue(own.hasPrefix("Parmi les \(count) "), "\(t.id) \(view.id): \(row.id) ranked among \(count) in the table, « \(own) » on its portrait")
                            XCTAssertTrue(own.contains(" \(ComparisonTheme.ordinal(r)) pour la consommation d’espaces"), "\(t.id) \(view.id): \(row.id) \(r) in the table, « \(own) »")
                        }
                    }
                }
                XCTAssertEqual(portrait.message.items.last?.caveat != nil, zan != nil, "the ZAN status with its caveat")
                same(themes.consumption.total, h.consumption, "consumption", t, view)
                same(themes.consumption.perYear, h.consumptionPerYear, "consumption per year", t, view)
                same(themes.artificialisation.share, h.artificialisedShare, "artificialised share", t, view)
                same(themes.sealing.after, h.sealedAfter, "sealed", t, view)
                same(themes.sealing.net, h.netSealing, "net sealing", t, view)
                same(themes.mutations.grossChange, h.changed, "gross change", t, view)
                let changes = themes.mutations.changes
                // Sums of the same pieces in another order: equal to a millionth of a square metre.
                let tolerance = 1e-6 + 1e-9 * h.changed
                XCTAssertEqual(changes.coverTotal.value ?? .nan, h.changed, accuracy: tolerance, "\(t.id) \(view.id): kinds vs gross change")
                let shown = changes.rows.reduce(0) { $0 + ($1.area.value ?? 0) }
                XCTAssertLessThanOrEqual(shown, h.changed + tolerance, "\(t.id) \(view.id): kinds shown")
                let own = try XCTUnwrap(themes.comparison.rows.first)
                XCTAssertTrue(own.isSelf)
                same(own.consumption, h.consumptionPerYear, "comparison", t, view)
                if let zan = indicators.zan(t) {
                    withZAN += 1
                    let z = try XCTUnwrap(themes.zan, "\(t.id) \(view.id): ZAN")
                    same(z.rows[0].figure, zan.referenceConsumption, "ZAN reference", t, view)
                    same(z.rows[1].figure, zan.allowance, "ZAN allowance", t, view)
                    // A group counts the communes the guarantee raised; a commune says whether
                    // its own allowance was raised, not « 0 » or « 1 » communes.
                    let counted = z.rows.contains { $0.label.hasPrefix("Communes relevées") }
                    XCTAssertEqual(counted, t.id.level != .commune, "\(t.id) \(view.id): ZAN rows")
                    if t.id.level == .commune {
                        XCTAssertEqual(z.rows[1].label.contains("relevée à 1 ha"), zan.guaranteedCommunes > 0, "\(t.id) \(view.id)")
                        guaranteedShown += zan.guaranteedCommunes > 0 ? 1 : 0
                    }
                } else {
                    XCTAssertNil(themes.zan)
                }
            }
        }
        XCTAssertGreaterThan(withZAN, 0)
        XCTAssertGreaterThan(guaranteedShown, 0, "no commune of the fixture is raised to 1 ha: the label is not tested")
        XCTAssertGreaterThan(rankedWithoutConsumption, 0, "no territory of the fixture is ranked without consumption: the rule above is not exercised")
        XCTAssertGreaterThan(tablesRankedAsPortraits, 0)
    }

    /// What a tap on a map tells (`MapPieces`) is what the figures count: for every commune and
    /// EPCI, the pieces' areas by class at each millésime and by kind of change over each period
    /// are the stock's and the change table's, but for the slivers too small to draw (0.1 % at
    /// most; the maps' geometry is stored to 10⁻⁶ of its size, hence that tolerance). Cut into tiles, every piece is in each tile its bounds meet.
    func checkMapPiecesAgree(_ project: Project) throws {
        let maps = TerritoryMaps(project: project)
        let leaves = project.nomenclature.primary.leaves.count
        var tiledSeen = 0
        for t in project.catalog.sorted where t.id.level == .commune || t.id.level == .epci {
            let facts = project.facts[t.id]!
            let pieces = try XCTUnwrap(MapPieces.make(t, maps: maps, raster: false), "\(t.id)")
            XCTAssertEqual(pieces.tileCount, 1)
            let all = pieces.tiles[0]
            for m in project.layout.millesimes.indices {
                var byLeaf = [Double](repeating: 0, count: leaves), stock = [Double](repeating: 0, count: leaves)
                for p in all where p.classes[m] >= 0 { byLeaf[p.classes[m]] += p.area }
                for (k, a) in facts.stock[m] { stock[Int(k.primary)] += a }
                for l in 0..<leaves { XCTAssertLessThanOrEqual(byLeaf[l], stock[l] * (1 + 1e-6) + 1e-2, "\(t.id) millésime \(m) leaf \(l)") }
                let total = stock.reduce(0, +)
                XCTAssertGreaterThanOrEqual(byLeaf.reduce(0, +), total * 0.999 - 1e-3, "\(t.id) millésime \(m): pieces cover the stock")
            }
            for p in project.layout.periods.indices {
                let table = ChangedArea.of(facts, period: p, level: project.displayLevel)
                for kind in ChangeKind.allCases where kind != .usage {
                    let area = all.filter { $0.kinds[p] == Int(kind.rawValue) }.reduce(0.0) { $0 + $1.area }
                    XCTAssertLessThanOrEqual(area, table[kind] * (1 + 1e-6) + 1e-2, "\(t.id) period \(p) \(kind)")
                    XCTAssertGreaterThanOrEqual(area, table[kind] - 0.001 * facts.area, "\(t.id) period \(p) \(kind): at most 0.1 % of the territory too small to draw")
                }
            }
            // The same pieces cut into tiles of at most 400 vertices.
            let tiled = try XCTUnwrap(MapPieces.make(t, maps: maps, raster: true, tileVertices: 400))
            if tiled.isTiled { tiledSeen += 1 }
            for (i, tile) in tiled.tiles.enumerated() {
                for piece in tile {
                    let b = piece.bounds
                    for (x, y) in [(b.minX, b.minY), (b.maxX, b.maxY), ((b.minX + b.maxX) / 2, (b.minY + b.maxY) / 2)] {
                        let home = tiled.tile(atX: x, y: y)
                        XCTAssertTrue(tiled.tiles[home].contains(piece), "\(t.id): a piece of tile \(i) missing from tile \(home)")
                    }
                }
            }
            let distinct = Set(tiled.tiles.flatMap { $0 }.map { "\($0.area) \($0.bounds.minX) \($0.bounds.minY)" })
            XCTAssertGreaterThanOrEqual(distinct.count, all.count * 99 / 100, "\(t.id): tiles hold every piece")
        }
        XCTAssertGreaterThan(tiledSeen, 0)
    }

    /// One definition of "changed": for every territory (communes included), period and display
    /// level, the kinds of change add up to the matrix's gross change, every matrix adds up to both
    /// stocks, the consumption of the kinds is the consumption figure, and the change map's pieces
    /// (at the project's display level) have the areas of the table.
    func checkChangedAreasAgree(_ project: Project) throws {
        let layout = project.layout
        let depth = project.nomenclature.primary.depth
        var usageSeen = 0.0
        let maps = TerritoryMaps(project: project)
        for t in project.catalog.sorted {
            let facts = project.facts[t.id]!
            for p in layout.periods.indices {
                let s0i = layout.index(of: layout.periods[p].start)!, s1i = layout.index(of: layout.periods[p].end)!
                for level in 1...depth {
                    let m = Mutations.matrix(facts, period: p, nomenclature: project.nomenclature, level: level)
                    let changes = ChangedArea.of(facts, period: p, level: level)
                    XCTAssertEqual(changes.coverChange, m.grossChange, accuracy: 1e-9 * max(1, m.total), "\(t.id) period \(p) level \(level): kinds vs gross change")
                    let s0 = Stock.byClass(facts, millesime: s0i, nomenclature: project.nomenclature, level: level)
                    let s1 = Stock.byClass(facts, millesime: s1i, nomenclature: project.nomenclature, level: level)
                    for (i, c) in m.classes.enumerated() {
                        XCTAssertEqual(m.rowTotals[i], s0.first { $0.code == c.code }?.area ?? 0, accuracy: 1e-9 * max(1, m.total), "\(t.id) row \(c.code)")
                        XCTAssertEqual(m.columnTotals[i], s1.first { $0.code == c.code }?.area ?? 0, accuracy: 1e-9 * max(1, m.total), "\(t.id) column \(c.code)")
                    }
                    let consumption = Consumption.figures(facts, period: p, layout: layout, traits: project.traits).total
                    XCTAssertEqual(changes[.consommation] + (changes.usageByStatus[.consommation] ?? 0), consumption,
                                   accuracy: 1e-9 * max(1, m.total), "\(t.id) period \(p) level \(level): consumption")
                    if level == depth { usageSeen += changes[.usage] }
                }
                guard t.id.level == .commune || t.id.level == .epci else { continue }
                // The map draws what the table counts.
                let input = maps.changeInput(for: t, periodIndex: p, source: "")
                let table = ChangedArea.of(facts, period: p, level: project.displayLevel)
                let drawn = input.legend.map(\.label)
                XCTAssertEqual(drawn, table.kinds.map(\.label), "\(t.id) period \(p): legend of the change map")
                for (i, kind) in table.kinds.enumerated() {
                    let area = input.pieces.filter { $0.legendIndex == i }.reduce(0.0) { $0 + $1.polygon.area }
                    XCTAssertEqual(area, table[kind], accuracy: 1e-6 * max(1, table[kind]) + 1e-3, "\(t.id) period \(p): \(kind) drawn")
                }
            }
        }
        XCTAssertGreaterThan(usageSeen, 0, "the demo holds changes of use under an unchanged cover: the fifth kind is exercised")
    }
}
