import PortraitsCore
import PortraitsGeo
import PortraitsProject
import PortraitsModel
import PortraitsDownloads
import PortraitsPrint
import PortraitsWeb

/// The stages that read inputs: load (config, nomenclature, territories), tabulate (GEOS overlay),
/// aggregate (sums to every level, outlines).
public enum ProjectLoader {
    /// Where the tabulate stage takes the figures from.
    public enum FactsSource {
        /// Tabulate every time.
        case none
        /// Reuse `<folder>/facts.sqlite` while its key holds; tabulate and save it otherwise.
        case cache(folder: String)
        /// Merge facts files written by `portraits tabulate` (one per shard); tabulate nothing.
        case shards([String])
    }

    package typealias Inputs = (nomenclature: Nomenclature, catalog: TerritoryCatalog, shapes: [CommuneShape], postal: [String: [String]], extra: [ExtraLayerData])

    public static func load(config: ProjectConfig, reporter: StageReporter, facts source: FactsSource = .none) throws -> Project {
        let (nomenclature, catalog, shapes, postal, extra) = try loadInputs(config: config, reporter: reporter)
        let (tabulation, origin, day) = try reporter.run(.tabulate) { () -> ((Tabulation, String, String), String) in
            let (t, origin, day) = try FactsLoader.tabulation(config: config, nomenclature: nomenclature, catalog: catalog, shapes: shapes,
                                                              source: source, reporter: reporter)
            let n = t.sources.reduce(0) { $0 + $1.featureCount }
            return ((t, origin, day), "\(n) land-cover polygons, \(t.layout.millesimes.count) millésimes, \(t.layout.periods.count) periods; \(origin)")
        }
        // The overlay's working memory (every polygon's WKB, GEOS geometries) is freed by now: give
        // it back to the system, so that the render stage does not start from the tabulation's peak.
        MemoryAllocator.releaseFreeMemory()
        return try assemble(config: config, inputs: (nomenclature, catalog, shapes, postal, extra), tabulation: tabulation,
                            origin: origin, day: day, reporter: reporter)
    }

    /// The load stage: project file, nomenclature, communes, membership, postal codes, extra layers.
    package static func loadInputs(config: ProjectConfig, reporter: StageReporter) throws -> Inputs {
        try reporter.run(.load) { () -> (Inputs, String) in
            var nomenclature = try NomenclatureLoader.load(path: config.nomenclature)
            if config.landCover.unknownCodesAsUnclassified { nomenclature = try nomenclature.addingUnclassified() }
            try checkFields(config, nomenclature)
            let shapes = try CommuneShapes.read(config.communes, codeField: config.communeCode, nameField: config.communeName,
                                                extraFields: MembershipLoader.extraFields(config), filter: config.communeFilter)
            let records = try MembershipLoader.records(shapes: shapes, config: config)
            let catalog = try TerritoryCatalog(communes: records, source: config.membership.file ?? config.communes.path)
            // Shapes in catalogue order.
            let byCode = Dictionary(uniqueKeysWithValues: shapes.map { ($0.code, $0) })
            let ordered = catalog.communes.map { byCode[$0.code]! }
            let postal = try config.postalCodes.map { try PostalCodes.read($0, communes: Set(catalog.communeIndex.keys)) } ?? [:]
            let extra = try config.explorerLayers.map(ExtraLayers.read)
            let noEPCI = catalog.communesInNoEPCI
            return ((nomenclature, catalog, ordered, postal, extra), "\(catalog.communes.count) communes, \(catalog.territories.count) territories"
                    + (noEPCI > 0 ? "; \(noEPCI) communes in no EPCI" : ""))
        }
    }

    /// The aggregate stage, and the project put together.
    package static func assemble(config: ProjectConfig, inputs: Inputs, tabulation: Tabulation, origin: String, day: String,
                         reporter: StageReporter) throws -> Project {
        let (nomenclature, catalog, shapes, postal, extra) = inputs
        let (facts, outlines, arranged) = try reporter.run(.aggregate) { () -> (([TerritoryID: AreaFacts], [TerritoryID: [PolygonRings]], MillesimeArrangement.Arranged), String) in
            let upper = catalog.sorted.filter { $0.id.level != .commune }
            let unions = try Outlines.unions(of: shapes, groups: upper.map(\.communeIndices))
            var outlines: [TerritoryID: [PolygonRings]] = [:]
            for (t, u) in zip(upper, unions) { outlines[t.id] = u }
            for (i, c) in catalog.communes.enumerated() { outlines[TerritoryID(.commune, c.code)] = tabulation.outlines[i] }
            // The checks read the facts by year, as tabulated; the portraits by year or by rank.
            try FactsChecks.run(config: config, catalog: catalog, tabulation: tabulation, outlines: outlines, shapes: shapes)
            let arranged = try MillesimeArrangement.arrange(tabulation, config: config, catalog: catalog)
            let facts = Aggregation.facts(of: catalog, communeFacts: arranged.tabulation.communeFacts, layout: arranged.tabulation.layout)
            let by = arranged.tabulation.layout.ranked ? "; millésimes by rank (\(arranged.vintages.groups.map(\.vintage.description).joined(separator: " / ")))" : ""
            return ((facts, outlines, arranged), "\(facts.count) territories\(by)")
        }
        let level = config.displayLevel ?? nomenclature.primary.depth
        guard (1...nomenclature.primary.depth).contains(level) else {
            throw InputError(config.source, "display_level \(level) outside 1…\(nomenclature.primary.depth)")
        }
        var project = Project(config: config, nomenclature: nomenclature, catalog: catalog, tabulation: arranged.tabulation,
                              facts: facts, outlines: outlines, displayLevel: level,
                              traits: TraitsTable(nomenclature: nomenclature, rules: nomenclature.rules))
        project.territoryYears = arranged.years
        if arranged.tabulation.layout.ranked {
            project.vintages = arranged.vintages
            project.projectYears = RankedFacts.territoryYears(Array(catalog.communes.indices), vintages: arranged.vintages,
                                                              ranked: arranged.tabulation.communeFacts, ranks: arranged.tabulation.layout)
        }
        project.postalCodes = postal
        project.extraLayers = extra
        project.factsOrigin = origin
        project.factsDay = day
        return project
    }

    /// Every land-cover field names a dimension of the nomenclature, and the primary one is always given.
    package static func checkFields(_ config: ProjectConfig, _ n: Nomenclature) throws {
        let ids = n.dimensions.map(\.id)
        // Every millésime read with the same dimensions: a period whose two ends are described
        // differently would compare classes that do not mean the same thing (a missing usage makes
        // every urbanised polygon look newly consumed).
        var dimensionsByYear: [Int: Set<String>] = [:]
        for s in config.landCover.sources { for (year, fields) in s.fields { dimensionsByYear[year] = Set(fields.keys) } }
        let years = dimensionsByYear.keys.sorted()
        if let first = years.first, let other = years.first(where: { dimensionsByYear[$0] != dimensionsByYear[first] }) {
            func dims(_ y: Int) -> String { ids.filter { dimensionsByYear[y]!.contains($0) }.joined(separator: " and ") }
            let missing = ids.filter { dimensionsByYear[first]!.contains($0) != dimensionsByYear[other]!.contains($0) }
            throw InputError(config.source, "land_cover: millésime \(first) is read with \(dims(first)), millésime \(other) with \(dims(other)): the figures that need \(missing.joined(separator: " and ")) (consumption of NAF land, artificialisation) would mix two descriptions; give the same dimensions for every millésime (add the missing field, or leave \(missing.joined(separator: " and ")) out everywhere: those figures are then not computed)")
        }
        for s in config.landCover.sources {
            for (year, fields) in s.fields {
                for dim in fields.keys where !ids.contains(dim) {
                    throw InputError(config.source, "land_cover (\(s.layers[0].path)), millésime \(year): dimension \"\(dim)\" is not in the nomenclature (dimensions: \(ids.joined(separator: ", ")))")
                }
                if fields[n.primary.id] == nil {
                    throw InputError(config.source, "land_cover (\(s.layers[0].path)), millésime \(year): no field for the dimension \"\(n.primary.id)\"")
                }
            }
        }
    }
}
