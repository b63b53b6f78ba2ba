/// One value per (polygon, millésime), stored flat, a row of `width` values per polygon: the LCR
/// statuses and class traits of millions of land-cover polygons without an array per polygon
/// (allocating, copying and freeing millions of small arrays cost seconds of one core).
struct FeatureRows<T> {
    private(set) var values: [T] = []
    /// Values per row (the millésimes).
    let width: Int

    init(width: Int) {
        precondition(width > 0, "a row holds at least one value")
        self.width = width
    }

    var count: Int { values.count / width }

    subscript(row: Int, column: Int) -> T {
        get { values[row * width + column] }
        set { values[row * width + column] = newValue }
    }

    /// A row's values.
    subscript(row: Int) -> ArraySlice<T> { values[(row * width)..<((row + 1) * width)] }

    mutating func reserveCapacity(_ rows: Int) { values.reserveCapacity(rows * width) }

    mutating func append<C: Collection>(row: C) where C.Element == T {
        precondition(row.count == width, "a row of \(row.count) values where there are \(width) millésimes")
        values.append(contentsOf: row)
    }

    mutating func append(contentsOf other: FeatureRows<T>) {
        precondition(other.width == width)
        values.append(contentsOf: other.values)
    }

    /// The rows `indices`, in that order.
    func rows(_ indices: [Int]) -> FeatureRows<T> {
        var out = FeatureRows(width: width)
        out.reserveCapacity(indices.count)
        for i in indices { out.values.append(contentsOf: self[i]) }
        return out
    }

    /// Row `indices[k]` set to `other`'s row `k`, for every k.
    mutating func scatter(_ other: FeatureRows<T>, to indices: [Int]) {
        precondition(other.width == width && other.count == indices.count)
        for (k, i) in indices.enumerated() {
            for m in 0..<width { values[i * width + m] = other.values[k * width + m] }
        }
    }
}
