/// Identifies a territory: its level and its official code (INSEE, SIREN, SCoT id).
public struct TerritoryID: Hashable, Comparable, Sendable, CustomStringConvertible {
    public let level: TerritoryLevel
    public let code: String

    public init(_ level: TerritoryLevel, _ code: String) {
        self.level = level
        self.code = code
    }

    public static func < (lhs: TerritoryID, rhs: TerritoryID) -> Bool {
        if lhs.level != rhs.level { return lhs.level < rhs.level }
        return lhs.code < rhs.code
    }

    public var description: String { "\(level.rawValue) \(code)" }
}
