import PortraitsCore
import PortraitsGeo
import PortraitsGraphics
import PortraitsProject

/// A map file written for a territory: its path in the site and its size in pixels.
package struct MapFile {
    package var path: String
    package var width: Double
    package var height: Double
    /// The legend and source the page writes beside the map (the file is the map frame alone).
    package var legend: MapLegend
    /// Whether the territory's map pieces were written beside it (`MapPieces`): a tap on the map
    /// can then say what a piece is.
    package var pieces = false

    package init(path: String, width: Double, height: Double, legend: MapLegend) {
        self.path = path
        self.width = width
        self.height = height
        self.legend = legend
    }
}

/// A map legend as the build state keeps it (pages are rendered again without drawing the maps).
package struct MapLegendRecord: Codable, Sendable, Equatable {
    package var title: String
    package var source: String
    /// (label, colour as `#rrggbb`).
    package var entries: [[String]]

    package init(_ legend: MapLegend) {
        title = legend.title
        source = legend.source
        entries = legend.entries.map { [$0.label, $0.color.hex] }
    }

    package var legend: MapLegend {
        MapLegend(title: title, entries: entries.compactMap { e in
            guard e.count == 2, let color = RGBColor(hex: e[1]) else { return nil }
            return LegendEntry(label: e[0], color: color)
        }, source: source)
    }
}

/// Builds the land-cover map of a territory at a millésime from the tabulated pieces.
package struct TerritoryMaps {
    package let project: Project
    /// For each primary leaf, the index of its class at the display level in `legendClasses`.
    package let leafToLegend: [Int]
    package let legendClasses: [NomenclatureClass]
    /// How each class of `legendClasses` prints, chosen among all of them
    /// (`GreyLegibility.printFills`): a class prints alike on every map of every document.
    package let printFills: [PrintFill]
    package let communeBounds: [BoundingBox]
    /// Above this many vertices a map is rasterised to PNG, to stay light.
    package static let rasterThreshold = 40_000
    /// The locator map's side, in points on the PDF cover; the page shows the same scene at 120 CSS
    /// px (a larger scene would only add vertices to every page).
    package static let locatorSize = 180.0

    package init(project: Project) {
        self.project = project
        let dim = project.nomenclature.primary
        let classes = dim.classes(atLevel: project.displayLevel)
        let index = Dictionary(uniqueKeysWithValues: classes.enumerated().map { ($1.code, $0) })
        legendClasses = classes
        // Each class's area over the whole project at the last millésime: the classes that cover
        // most are left plain where the textures can be dealt so.
        var weights = [Double](repeating: 0, count: classes.count)
        let last = project.layout.millesimes.count - 1
        for root in project.catalog.sorted where root.parents.isEmpty {
            guard let facts = project.facts[root.id] else { continue }
            for (k, row) in Stock.byClass(facts, millesime: last, nomenclature: project.nomenclature, level: project.displayLevel).enumerated() where k < weights.count {
                weights[k] += row.area
            }
        }
        printFills = GreyLegibility.printFills(classes.map(\.color), weights: weights)
        leafToLegend = dim.leaves.map { i in index[dim.ancestor(of: dim.classes[i].code, atLevel: project.displayLevel)!.code]! }
        communeBounds = project.tabulation.outlines.map { polys in
            var b = BoundingBox.empty
            for p in polys { b.formUnion(p.bounds) }
            return b
        }
    }

    package func input(for territory: Territory, millesime: Int, source: String) -> LandCoverMapInput {
        let m = project.layout.index(of: millesime)!
        var pieces: [(legendIndex: Int, polygon: PolygonRings)] = []
        var present = Set<Int>()
        for c in territory.communeIndices {
            for piece in project.tabulation.pieces[c] {
                let leaf = piece.classes[m]
                guard leaf >= 0 else { continue }
                let l = leafToLegend[Int(leaf)]
                present.insert(l)
                pieces.append((l, piece.polygon))
            }
        }
        // Legend: only the classes present, in nomenclature order.
        let kept = present.sorted()
        let remap = Dictionary(uniqueKeysWithValues: kept.enumerated().map { ($1, $0) })
        let legend = kept.map { LegendEntry(label: legendClasses[$0].shortLabel, color: legendClasses[$0].color, print: printFills[$0]) }
        pieces = pieces.map { (remap[$0.legendIndex]!, $0.polygon) }
        let (outline, context, parent) = surroundings(of: territory)
        return LandCoverMapInput(pieces: pieces, legend: legend, outline: outline, context: context, parentOutline: parent, source: source)
    }

    /// The locator map of a territory (its région light, its département grey, itself in red) and
    /// its description; nil for a région.
    package func locator(for t: Territory, size: Double = locatorSize) -> (scene: Scene, title: String)? {
        guard t.id.level != .region, let rid = t.parents.first(where: { $0.level == .region }), let region = project.catalog[rid] else { return nil }
        let dep = t.id.level == .departement ? nil : t.parents.first(where: { $0.level == .departement }).flatMap { project.catalog[$0] }
        let scene = LocatorMap.scene(region: project.outlines[rid] ?? [], departement: dep.flatMap { project.outlines[$0.id] } ?? [],
                                     territory: project.outlines[t.id] ?? [], size: size)
        // « le plus foncé »: what the red reads as in grey print.
        let title = "Carte de situation : \(t.name) (en rouge, le plus foncé)" + (dep.map { ", dans le département \(FrenchText.de($0.id, $0.name)) (en gris)" } ?? "")
            + ", dans la région \(region.name)."
        return (scene, title)
    }

    /// The change map of a period: pieces coloured by their kind of change at the display level
    /// (`LandChange.kind(atLevel:)`, the definition the figures use), the rest of the territory in
    /// the "unchanged" colour. The areas of its table come from the facts (`ChangedArea`).
    package func changeInput(for territory: Territory, periodIndex p: Int, source: String) -> LandCoverMapInput {
        var pieces: [(legendIndex: Int, polygon: PolygonRings)] = []
        var present = Set<ChangeKind>()
        for c in territory.communeIndices {
            for piece in project.tabulation.pieces[c] {
                guard let kind = piece.changes[p]?.kind(atLevel: project.displayLevel) else { continue }
                present.insert(kind)
                pieces.append((Int(kind.rawValue), piece.polygon))
            }
        }
        let kinds = ChangeKind.allCases.filter(present.contains)
        let remap = Dictionary(uniqueKeysWithValues: kinds.enumerated().map { (Int($1.rawValue), $0) })
        pieces = pieces.map { (remap[$0.legendIndex]!, $0.polygon) }
        let (outline, context, parent) = surroundings(of: territory)
        var base = ChangeMapStyle.unchanged
        base.print = ChangeMapStyle.printFills.unchanged
        let input = LandCoverMapInput(pieces: pieces, legend: kinds.map { LegendEntry(label: $0.label, color: ChangeMapStyle.color($0), print: ChangeMapStyle.printFills.kinds[$0]) },
                                      outline: outline, context: context, parentOutline: parent, source: source,
                                      base: base, legendTitle: "Changements")
        return input
    }

    /// The territory's outline, what lies around it (the communes, or the other départements around
    /// a département) and its parent's outline: the EPCI of a commune, the département of an EPCI or
    /// a SCoT, the région of a département.
    package func surroundings(of territory: Territory) -> (outline: [PolygonRings], context: [PolygonRings], parent: [PolygonRings]) {
        let outline = project.outlines[territory.id] ?? []
        var bounds = BoundingBox.empty
        for p in outline { bounds.formUnion(p.bounds) }
        let frame = bounds.expanded(by: max(bounds.width, bounds.height) * 0.05)
        var context: [PolygonRings] = []
        if territory.id.level == .departement || territory.id.level == .region {
            // Around a département, the other départements (hundreds of communes would weigh more
            // than the map itself).
            for other in project.catalog.all(territory.id.level) where other.id != territory.id {
                for p in project.outlines[other.id] ?? [] where p.bounds.intersects(frame) { context.append(p) }
            }
        } else {
            let members = Set(territory.communeIndices)
            for (i, b) in communeBounds.enumerated() where !members.contains(i) && b.intersects(frame) {
                context += project.tabulation.outlines[i]
            }
        }
        return (outline, context, parent(of: territory).flatMap { project.outlines[$0] } ?? [])
    }

    package func parent(of territory: Territory) -> TerritoryID? {
        let wanted: TerritoryLevel
        switch territory.id.level {
        case .commune: wanted = .epci
        case .epci, .scot: wanted = .departement
        case .departement: wanted = .region
        case .region: return nil
        }
        return territory.parents.first { $0.level == wanted }
    }

    package func vertexCount(_ input: LandCoverMapInput) -> Int {
        input.pieces.reduce(0) { $0 + $1.polygon.vertexCount }
    }
}
