/// The family of a piece of land for the consumption of natural, agricultural and forest spaces
/// (ENAF): naturel, agricole, forestier, or urbanisé.
public enum NAFFamily: String, Sendable, CaseIterable, Codable {
    case naturel, agricole, forestier, urbanise

    public var label: String {
        switch self {
        case .naturel: return "naturel"
        case .agricole: return "agricole"
        case .forestier: return "forestier"
        case .urbanise: return "urbanisé"
        }
    }

    /// True for the three NAF families.
    public var isNAF: Bool { self != .urbanise }
}

/// What urbanised land is used for, as far as the usage tells.
public enum Destination: String, Sendable, CaseIterable, Codable {
    case habitat, activite, infrastructure, autre

    public var label: String {
        switch self {
        case .habitat: return "habitat"
        case .activite: return "activité"
        case .infrastructure: return "infrastructure"
        case .autre: return "autre"
        }
    }
}

/// What the rules of a nomenclature say of one class (a couverture × usage pair, or a regional
/// post). nil means undetermined: the data lacks what the rule needs (e.g. no usage code).
public struct ClassTraits: Sendable, Equatable {
    /// Artificialised under the decree n° 2023-1096 matrix (before the thresholds).
    public var artificialised: Bool?
    /// Sealed (imperméabilisé).
    public var sealed: Bool?
    public var naf: NAFFamily?
    public var destination: Destination?
    /// Built surface (the 50 m² threshold of the decree applies).
    public var built: Bool?
    /// Linear infrastructure (the 5 m width threshold of the decree applies).
    public var linear: Bool?

    public init(artificialised: Bool? = nil, sealed: Bool? = nil, naf: NAFFamily? = nil, destination: Destination? = nil,
                built: Bool? = nil, linear: Bool? = nil) {
        self.artificialised = artificialised
        self.sealed = sealed
        self.naf = naf
        self.destination = destination
        self.built = built
        self.linear = linear
    }

    /// Takes from `other` every attribute still undetermined here (first decision wins).
    public mutating func fillUndetermined(from other: ClassTraits) {
        artificialised = artificialised ?? other.artificialised
        sealed = sealed ?? other.sealed
        naf = naf ?? other.naf
        destination = destination ?? other.destination
        built = built ?? other.built
        linear = linear ?? other.linear
    }
}
