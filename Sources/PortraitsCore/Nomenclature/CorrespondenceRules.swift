/// The correspondence table of a nomenclature: rows that say, for classes of its dimensions, whether
/// land is artificialised, sealed, built or linear infrastructure, its NAF family and destination.
///
/// A row matches a class when each of its dimension cells is `*` or the class's code or one of its
/// ancestors. Each attribute is decided by the first matching row whose cell for that attribute is
/// not empty, so rules can be written as blocks (a row per exception, then a general row). An
/// attribute no row decides stays undetermined.
public struct CorrespondenceRules: Sendable {
    public struct Row: Sendable, Equatable {
        /// Per dimension (in nomenclature order): a class code, or nil for `*`.
        public var match: [String?]
        /// What the row decides (nil attributes: the row says nothing of them).
        public var traits: ClassTraits
        public var line: Int

        public init(match: [String?], artificialised: Bool? = nil, sealed: Bool? = nil, naf: NAFFamily? = nil,
                    destination: Destination? = nil, built: Bool? = nil, linear: Bool? = nil, line: Int = 0) {
            self.match = match
            self.traits = ClassTraits(artificialised: artificialised, sealed: sealed, naf: naf, destination: destination, built: built, linear: linear)
            self.line = line
        }
    }

    public var rows: [Row] { didSet { index = Self.index(rows) } }
    /// Rows by their first dimension's code, and the rows with `*` there: a key is checked against
    /// the rows that can match it only, so the cost does not grow with the table.
    private var index: (byCode: [String: [Int]], wildcard: [Int])

    public init(rows: [Row]) {
        self.rows = rows
        index = Self.index(rows)
    }

    static func index(_ rows: [Row]) -> (byCode: [String: [Int]], wildcard: [Int]) {
        var byCode: [String: [Int]] = [:], wildcard: [Int] = []
        for (i, r) in rows.enumerated() {
            if let c = r.match.first ?? nil { byCode[c, default: []].append(i) } else { wildcard.append(i) }
        }
        return (byCode, wildcard)
    }

    public static let columns = ["artificialise", "impermeable", "bati", "lineaire", "famille_naf", "destination"]

    /// Reads the table: one column per dimension id (`couverture`, `usage`, or a regional `poste`),
    /// then any of `artificialise`, `impermeable`, `bati`, `lineaire` (0/1), `famille_naf`
    /// (naturel, agricole, forestier, urbanise), `destination` (habitat, activite, infrastructure, autre).
    /// Other columns (labels, CNIG correspondences of a regional post) are kept for documentation only.
    public static func parse(_ table: CSVTable, nomenclature: Nomenclature) throws -> CorrespondenceRules {
        let dims = try nomenclature.dimensions.map { d -> Int? in
            if let i = table.optionalColumn(d.id) { return i }
            if nomenclature.dimensions.count == 1 { throw InputError(table.source, "column \"\(d.id)\" (the dimension) is missing") }
            return nil
        }
        guard dims.contains(where: { $0 != nil }) else {
            throw InputError(table.source, "no dimension column (expected: \(nomenclature.dimensions.map(\.id).joined(separator: ", ")))")
        }
        var rows: [Row] = []
        var errors: [InputError] = []
        func flag(_ s: String, _ col: String, _ at: String) -> Bool? {
            switch s {
            case "": return nil
            case "1", "oui", "true": return true
            case "0", "non", "false": return false
            default: errors.append(InputError(at, "\(col) must be 0 or 1 (found \"\(s)\")")); return nil
            }
        }
        for r in table.rows {
            let at = "\(table.source), line \(r.line)"
            func cell(_ name: String) -> String { table.optionalColumn(name).map { r.fields[$0].trimmingWhitespace() } ?? "" }
            var match: [String?] = []
            for (d, col) in dims.enumerated() {
                let v = col.map { r.fields[$0].trimmingWhitespace() } ?? "*"
                if v == "*" || v.isEmpty { match.append(nil); continue }
                if nomenclature.dimensions[d].class(code: v) == nil {
                    errors.append(InputError(at, "\(nomenclature.dimensions[d].id) \"\(v)\" is not a class of the nomenclature"))
                }
                match.append(v)
            }
            var row = Row(match: match, line: r.line)
            row.traits.artificialised = flag(cell("artificialise"), "artificialise", at)
            row.traits.sealed = flag(cell("impermeable"), "impermeable", at)
            row.traits.built = flag(cell("bati"), "bati", at)
            row.traits.linear = flag(cell("lineaire"), "lineaire", at)
            let naf = cell("famille_naf")
            if !naf.isEmpty {
                if let f = NAFFamily(rawValue: naf) { row.traits.naf = f } else { errors.append(InputError(at, "famille_naf \"\(naf)\" is not one of naturel, agricole, forestier, urbanise")) }
            }
            let dest = cell("destination")
            if !dest.isEmpty {
                if let d = Destination(rawValue: dest) { row.traits.destination = d } else { errors.append(InputError(at, "destination \"\(dest)\" is not one of habitat, activite, infrastructure, autre")) }
            }
            rows.append(row)
        }
        if !errors.isEmpty { throw InputErrors(errors) }
        return CorrespondenceRules(rows: rows)
    }

    /// Traits of a leaf class key.
    public func traits(of key: ClassKey, in nomenclature: Nomenclature) -> ClassTraits {
        // The codes of the key and their ancestors, per dimension.
        var lineage: [Set<String>?] = []
        for (d, dim) in nomenclature.dimensions.enumerated() {
            let leaf = d == 0 ? key.primary : key.secondary
            guard leaf >= 0 else { lineage.append(nil); continue }
            var codes = Set<String>()
            var c: NomenclatureClass? = dim.leaf(leaf)
            while let cc = c {
                codes.insert(cc.code)
                c = cc.parent.flatMap { dim.class(code: $0) }
            }
            lineage.append(codes)
        }
        var t = ClassTraits()
        // Rows in table order: those with `*` first dimension, and those naming a code of the lineage.
        var candidates = index.wildcard
        for code in lineage.first.flatMap({ $0 }) ?? [] { candidates += index.byCode[code] ?? [] }
        for row in candidates.sorted().map({ rows[$0] }) {
            let matches = row.match.enumerated().allSatisfy { d, code in
                guard let code else { return true }
                guard let codes = lineage[d] else { return false }
                return codes.contains(code)
            }
            guard matches else { continue }
            t.fillUndetermined(from: row.traits)
        }
        return t
    }
}

/// Traits of every class key, computed once. The tabulation asks for them tens of millions of
/// times from every core: for a nomenclature of up to `maxDense` leaf pairs (CNIG's has about
/// 20 × 20) they are all computed up front into an array read without a lock; beyond, each key
/// is computed when first met and kept under a lock.
public final class TraitsTable: @unchecked Sendable {
    public let nomenclature: Nomenclature
    public let rules: CorrespondenceRules
    /// Most (primary, secondary) leaf pairs computed up front.
    static let maxDense = 4_096
    /// Traits by `(primary + 1) * columns + (secondary + 1)` (-1 is "none" in a key); empty when
    /// the nomenclature has more pairs than `maxDense`.
    private let dense: [ClassTraits]
    private let rows: Int, columns: Int
    private var cache: [ClassKey: ClassTraits] = [:]
    private let lock = NSLockLike()

    public init(nomenclature: Nomenclature, rules: CorrespondenceRules) {
        self.nomenclature = nomenclature
        self.rules = rules
        rows = nomenclature.dimensions[0].leaves.count + 1
        columns = nomenclature.dimensions.count > 1 ? nomenclature.dimensions[1].leaves.count + 1 : 1
        var dense: [ClassTraits] = []
        if rows * columns <= Self.maxDense {
            dense.reserveCapacity(rows * columns)
            for p in 0..<rows {
                for s in 0..<columns { dense.append(rules.traits(of: ClassKey(Int32(p - 1), Int32(s - 1)), in: nomenclature)) }
            }
        }
        self.dense = dense
    }

    public subscript(key: ClassKey) -> ClassTraits {
        let p = Int(key.primary) + 1, s = Int(key.secondary) + 1
        if !dense.isEmpty, p >= 0, p < rows, s >= 0, s < columns { return dense[p * columns + s] }
        lock.lock(); defer { lock.unlock() }
        if let t = cache[key] { return t }
        let t = rules.traits(of: key, in: nomenclature)
        cache[key] = t
        return t
    }
}
