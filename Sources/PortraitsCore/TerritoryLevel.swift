/// The administrative levels of the portal, from the largest to the atom.
public enum TerritoryLevel: String, CaseIterable, Sendable, Comparable, Codable {
    case region
    case departement
    case epci
    case scot
    case commune

    /// Rank from the top (région = 0); used to sort and to walk the tree.
    public var rank: Int {
        switch self {
        case .region: return 0
        case .departement: return 1
        case .epci: return 2
        case .scot: return 3
        case .commune: return 4
        }
    }

    public static func < (lhs: TerritoryLevel, rhs: TerritoryLevel) -> Bool { lhs.rank < rhs.rank }

    /// French name, singular, capitalised ("Département").
    public var label: String {
        switch self {
        case .region: return "Région"
        case .departement: return "Département"
        case .epci: return "EPCI"
        case .scot: return "SCoT"
        case .commune: return "Commune"
        }
    }

    /// French name, plural, capitalised ("Départements").
    public var pluralLabel: String {
        switch self {
        case .region: return "Régions"
        case .departement: return "Départements"
        case .epci: return "EPCI"
        case .scot: return "SCoT"
        case .commune: return "Communes"
        }
    }

    /// French name, singular, in running text ("département", "EPCI", "SCoT").
    public var inText: String {
        switch self {
        case .epci, .scot: return label
        default: return label.lowercased()
        }
    }

    /// French name, plural, in running text ("départements", "EPCI").
    public var pluralInText: String {
        switch self {
        case .epci, .scot: return pluralLabel
        default: return pluralLabel.lowercased()
        }
    }

    /// Folder of the site that holds the portraits of this level.
    public var pathSegment: String { rawValue }

    /// Levels that directly contain a commune, from the largest.
    public static let parentsOfCommune: [TerritoryLevel] = [.region, .departement, .epci, .scot]
}
