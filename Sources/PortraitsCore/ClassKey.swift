/// The class of a piece of land in the leaves of a nomenclature: the leaf number in the primary
/// dimension, and in the secondary one (-1 when the nomenclature or the data has none).
public struct ClassKey: Hashable, Sendable, Comparable {
    public var primary: Int32
    public var secondary: Int32

    public init(_ primary: Int32, _ secondary: Int32 = -1) {
        self.primary = primary
        self.secondary = secondary
    }

    public static func < (a: ClassKey, b: ClassKey) -> Bool {
        a.primary != b.primary ? a.primary < b.primary : a.secondary < b.secondary
    }
}

/// A change of class between the two millésimes of a period.
public struct Transition: Hashable, Sendable, Comparable {
    public var from: ClassKey
    public var to: ClassKey

    public init(_ from: ClassKey, _ to: ClassKey) {
        self.from = from
        self.to = to
    }

    public static func < (a: Transition, b: Transition) -> Bool { a.from != b.from ? a.from < b.from : a.to < b.to }
}
