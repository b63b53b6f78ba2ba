/// One class of a nomenclature dimension (a node of its tree).
public struct NomenclatureClass: Sendable, Equatable {
    public var code: String
    public var parent: String?
    /// 1 for the top level.
    public var level: Int
    public var label: String
    public var shortLabel: String
    public var color: RGBColor

    public init(code: String, parent: String?, level: Int, label: String, shortLabel: String, color: RGBColor) {
        self.code = code
        self.parent = parent
        self.level = level
        self.label = label
        self.shortLabel = shortLabel
        self.color = color
    }
}

/// One dimension of a nomenclature (couverture, usage, or the single nested dimension of a
/// regional nomenclature): a tree of classes of any depth whose leaves are the codes found in data.
public struct NomenclatureDimension: Sendable {
    public let id: String
    public let name: String
    /// Names of the levels, top first ("Niveau 1", ...).
    public let levelNames: [String]
    /// Every class in file order.
    public let classes: [NomenclatureClass]
    /// Indices in `classes` of the leaves, in file order; a data code maps to a leaf.
    public let leaves: [Int]
    private let byCode: [String: Int]
    private let leafByCode: [String: Int32]
    /// `classes(atLevel:)` for each level 1…depth, computed once (pages ask for it per territory).
    private let levelClasses: [[NomenclatureClass]]

    public var depth: Int { levelNames.count }

    /// Most classes a dimension may have: the nomenclature page, legends and downloads list them all.
    public static let maxClasses = 5_000

    /// Builds and validates the tree. `source` names the file in errors.
    public init(id: String, name: String, levelNames: [String], classes: [NomenclatureClass], source: String) throws {
        guard classes.count <= Self.maxClasses else {
            throw InputError(source, "\(classes.count) classes: a dimension has at most \(Self.maxClasses) (OCS GE's couverture has 23, regional nomenclatures about 80); every page, chart and table lists them")
        }
        var errors: [InputError] = []
        var byCode: [String: Int] = [:]
        for (i, c) in classes.enumerated() {
            if byCode[c.code] != nil { errors.append(InputError(source, "class \(c.code) is defined twice")) }
            byCode[c.code] = i
            if c.label.isEmpty { errors.append(InputError(source, "class \(c.code) has no label")) }
        }
        var hasChild = Set<String>()
        for c in classes {
            if let p = c.parent {
                guard let pi = byCode[p] else {
                    errors.append(InputError(source, "class \(c.code): unknown parent \(p)"))
                    continue
                }
                if classes[pi].level != c.level - 1 {
                    errors.append(InputError(source, "class \(c.code) is at level \(c.level) but its parent \(p) is at level \(classes[pi].level)"))
                }
                hasChild.insert(p)
            } else if c.level != 1 {
                errors.append(InputError(source, "class \(c.code) has no parent but is at level \(c.level)"))
            }
            if c.level < 1 || c.level > max(levelNames.count, 1) {
                errors.append(InputError(source, "class \(c.code): level \(c.level) outside 1…\(levelNames.count)"))
            }
        }
        if classes.isEmpty { errors.append(InputError(source, "no class defined")) }
        if !errors.isEmpty { throw InputErrors(errors) }
        self.id = id
        self.name = name
        self.levelNames = levelNames
        self.classes = classes
        self.byCode = byCode
        let leaves = classes.indices.filter { !hasChild.contains(classes[$0].code) }
        self.leaves = leaves
        var leafByCode: [String: Int32] = [:]
        for (k, i) in leaves.enumerated() { leafByCode[classes[i].code] = Int32(k) }
        self.leafByCode = leafByCode
        levelClasses = (0...max(levelNames.count, 1)).map { level in
            level == 0 ? [] : Self.classes(atLevel: level, classes: classes, leaves: leaves, byCode: byCode)
        }
    }

    static func classes(atLevel level: Int, classes: [NomenclatureClass], leaves: [Int], byCode: [String: Int]) -> [NomenclatureClass] {
        var seen = Set<Int>()
        for i in leaves {
            var a = i
            while classes[a].level > level, let p = classes[a].parent, let pi = byCode[p] { a = pi }
            seen.insert(a)
        }
        return seen.sorted().map { classes[$0] }
    }

    /// Leaf number (index in `leaves`) of a data code; nil when the code is not a leaf of the tree.
    public func leafNumber(of code: String) -> Int32? { leafByCode[code] }

    public func leaf(_ number: Int32) -> NomenclatureClass { classes[leaves[Int(number)]] }

    public func `class`(code: String) -> NomenclatureClass? { byCode[code].map { classes[$0] } }

    /// The ancestor of a class at `level` (itself when it is at that level or above).
    public func ancestor(of code: String, atLevel level: Int) -> NomenclatureClass? {
        guard var c = self.class(code: code) else { return nil }
        while c.level > level, let p = c.parent, let pc = self.class(code: p) { c = pc }
        return c
    }

    /// Classes at a level, in file order; a leaf above that level stands for itself.
    public func classes(atLevel level: Int) -> [NomenclatureClass] {
        if level >= 1 && level < levelClasses.count { return levelClasses[level] }
        return Self.classes(atLevel: level, classes: classes, leaves: leaves, byCode: byCode)
    }
}

/// A nomenclature: one or two dimensions (CNIG couverture × usage, or one regional nested tree).
public struct Nomenclature: Sendable {
    public let name: String
    public let dimensions: [NomenclatureDimension]
    /// The correspondence rules (artificialised, sealed, NAF family, destination…); empty when the
    /// nomenclature has none, and then those indicators are undetermined.
    public var rules: CorrespondenceRules

    public init(name: String, dimensions: [NomenclatureDimension], rules: CorrespondenceRules = CorrespondenceRules(rows: [])) {
        self.name = name
        self.dimensions = dimensions
        self.rules = rules
    }

    /// The dimension pages describe first (couverture for CNIG).
    public var primary: NomenclatureDimension { dimensions[0] }

    public func dimension(_ id: String) -> NomenclatureDimension? { dimensions.first { $0.id == id } }

    /// The code of the class that stands for codes the nomenclature does not know, when the project
    /// asks for it (`land_cover.unknown_codes: non-classe`).
    public static let unclassifiedCode = "non-classe"

    /// The same nomenclature with a "Non classé" class at the top level of every dimension.
    public func addingUnclassified() throws -> Nomenclature {
        let grey = RGBColor(r: 0x9e, g: 0x9e, b: 0x9e)
        let dims = try dimensions.map { d -> NomenclatureDimension in
            if d.class(code: Self.unclassifiedCode) != nil { return d }
            let nc = NomenclatureClass(code: Self.unclassifiedCode, parent: nil, level: 1, label: "Non classé (code absent de la nomenclature)",
                                       shortLabel: "Non classé", color: grey)
            return try NomenclatureDimension(id: d.id, name: d.name, levelNames: d.levelNames, classes: d.classes + [nc], source: "non classé")
        }
        return Nomenclature(name: name, dimensions: dims, rules: rules)
    }
}
