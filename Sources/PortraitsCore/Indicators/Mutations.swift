/// The transition matrix of a period at one level: M[i][j] = area of class i at t0 and class j at t1.
public struct MutationMatrix: Sendable, Equatable {
    public var classes: [NomenclatureClass]
    /// m²; rows are t0 classes, columns t1 classes.
    public var matrix: [[Double]]

    /// Σ_j M[i][j]: the stock of class i at t0 (over land described at both dates).
    public var rowTotals: [Double] { matrix.map { $0.reduce(0, +) } }
    /// Σ_i M[i][j]: the stock of class j at t1 (over land described at both dates).
    public var columnTotals: [Double] { classes.indices.map { j in matrix.reduce(0) { $0 + $1[j] } } }
    public var total: Double { matrix.reduce(0) { $0 + $1.reduce(0, +) } }
    /// Land that kept its class: Σ_i M[i][i].
    public var persistence: Double { classes.indices.reduce(0) { $0 + matrix[$1][$1] } }
    /// Land that changed class: Σ_{i≠j} M[i][j].
    public var grossChange: Double { total - persistence }

    /// The largest changes of class, largest first (ties by class order).
    public func mainTransitions(_ n: Int = 5) -> [(from: NomenclatureClass, to: NomenclatureClass, area: Double)] {
        var list: [(Int, Int, Double)] = []
        for i in classes.indices { for j in classes.indices where i != j && matrix[i][j] > 0 { list.append((i, j, matrix[i][j])) } }
        list.sort { $0.2 != $1.2 ? $0.2 > $1.2 : ($0.0, $0.1) < ($1.0, $1.1) }
        return list.prefix(n).map { (classes[$0.0], classes[$0.1], $0.2) }
    }
}

public enum Mutations {
    /// The matrix of period index `p` for `dimension` at `level`; only classes present at either date are kept.
    public static func matrix(_ facts: AreaFacts, period p: Int, nomenclature: Nomenclature, dimension: Int = 0, level: Int) -> MutationMatrix {
        let grouping = ClassGrouping(nomenclature: nomenclature, dimension: dimension, level: level)
        // Sparse first (one pass over the transitions met), so that the cost follows the classes
        // present, not the size of the nomenclature.
        var cells: [Int: [Int: Double]] = [:]
        for (t, area) in facts.orderedTransitions(p) {
            guard let i = grouping.index(of: t.from), let j = grouping.index(of: t.to) else { continue }
            cells[i, default: [:]][j, default: 0] += area
        }
        var present = Set<Int>()
        for (i, row) in cells { for (j, v) in row where v > 0 { present.insert(i); present.insert(j) } }
        let keep = present.sorted()
        return MutationMatrix(classes: keep.map { grouping.classes[$0] },
                              matrix: keep.map { i in keep.map { cells[i]?[$0] ?? 0 } })
    }
}
