/// Maps leaf class keys to the classes of one dimension at one level (ancestors), with an index.
public struct ClassGrouping: Sendable {
    public let classes: [NomenclatureClass]
    private let leafToIndex: [Int]
    public let dimension: Int

    public init(nomenclature: Nomenclature, dimension: Int = 0, level: Int) {
        let dim = nomenclature.dimensions[dimension]
        let classes = dim.classes(atLevel: level)
        let index = Dictionary(uniqueKeysWithValues: classes.enumerated().map { ($1.code, $0) })
        self.classes = classes
        self.dimension = dimension
        leafToIndex = dim.leaves.map { i in index[dim.ancestor(of: dim.classes[i].code, atLevel: level)!.code]! }
    }

    /// Index in `classes` of a key's class; nil when the key has no code in this dimension.
    public func index(of key: ClassKey) -> Int? {
        let leaf = dimension == 0 ? key.primary : key.secondary
        return leaf >= 0 ? leafToIndex[Int(leaf)] : nil
    }
}
