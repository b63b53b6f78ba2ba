/// Rank of a territory among its siblings for one indicator.
public struct Rank: Sendable, Equatable {
    /// 1 = the highest value.
    public var position: Int
    public var count: Int
}

public enum Comparison {
    /// The rank of `id` among `values` (highest first; ties share the better rank), nil when absent.
    public static func rank<ID: Hashable>(of id: ID, in values: [ID: Double]) -> Rank? {
        guard let v = values[id] else { return nil }
        let above = values.values.filter { $0 > v }.count
        return Rank(position: above + 1, count: values.count)
    }
}
