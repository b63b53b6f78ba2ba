/// The kind of a change of land between the two millésimes of a period, as the change map and its
/// table show it at the display level.
///
/// "Changed area" has one definition, shared by the mutation matrix, the sankey, the gross change,
/// the change map and its table: land whose class of the primary dimension (land cover) differs
/// at the display level. It is split, first that applies, into consumption of natural,
/// agricultural or forest land, artificialisation (after the decree's thresholds) that is not
/// consumption, désartificialisation, and any other change of cover; these four add up to the
/// matrix's gross change. Land whose cover did not change at the display level but whose status
/// did (a change of use makes it consumed, artificialised or désartificialisé) is a fifth kind,
/// outside that total, so that the map still shows every hectare consumed.
public enum ChangeKind: UInt8, Sendable, CaseIterable {
    /// NAF at t0, urbanised at t1 (consommation d'espaces NAF), with a change of cover.
    case consommation = 1
    /// Not artificialised at t0, artificialised at t1, not consumption, with a change of cover.
    case artificialisation = 2
    /// Artificialised at t0, not at t1 (renaturation), with a change of cover.
    case desartificialisation = 3
    /// The cover changed, none of the above.
    case autre = 4
    /// The cover did not change at the display level, but the land was consumed, artificialised or
    /// désartificialisé (a change of use, or of the thresholds' verdict).
    case usage = 5

    public var label: String {
        switch self {
        case .consommation: return "Consommation d’espaces NAF"
        case .artificialisation: return "Artificialisation (autre)"
        case .desartificialisation: return "Désartificialisation"
        case .autre: return "Autre changement de couverture"
        case .usage: return "Changement d’usage seul"
        }
    }

    /// Whether this kind is a change of cover, counted in the gross change of the matrix.
    public var changesCover: Bool { self != .usage }
}

/// How one piece of land changed over a period, whatever the display level: the change of its
/// status and the coarsest level of the primary dimension at which its class changed. The kind a
/// reader sees follows from it at the display level (`kind(atLevel:)`), so that facts tabulated
/// once serve every display level.
public struct LandChange: Hashable, Sendable, Comparable {
    public enum Status: UInt8, Sendable, CaseIterable {
        case none = 0, consommation, artificialisation, desartificialisation
    }

    public var status: Status
    /// The coarsest level (1 = top) at which the two primary classes differ; 0 when the leaf is the same.
    public var coverLevel: UInt8

    public init(status: Status, coverLevel: UInt8) {
        self.status = status
        self.coverLevel = coverLevel
    }

    /// The change from `from` to `to` with their artificialisation status (nil: unknown); nil when
    /// neither the class nor the status changed.
    public static func of(from: ClassKey, to: ClassKey, fromTraits: ClassTraits, toTraits: ClassTraits,
                          artificialisedBefore: Bool?, artificialisedAfter: Bool?, levels: CoverLevels) -> LandChange? {
        guard from != to || artificialisedBefore != artificialisedAfter else { return nil }
        let status: Status
        if fromTraits.naf?.isNAF == true && toTraits.naf == .urbanise { status = .consommation }
        else if artificialisedBefore == false && artificialisedAfter == true { status = .artificialisation }
        else if artificialisedBefore == true && artificialisedAfter == false { status = .desartificialisation }
        else { status = .none }
        let change = LandChange(status: status, coverLevel: levels.firstDifference(from.primary, to.primary))
        return change.status == .none && change.coverLevel == 0 ? nil : change
    }

    /// Whether the cover changed at `level` of the primary dimension.
    public func coverChanged(atLevel level: Int) -> Bool { coverLevel > 0 && Int(coverLevel) <= level }

    /// The kind a reader sees at the display level `level`; nil when nothing changed at that level.
    public func kind(atLevel level: Int) -> ChangeKind? {
        if coverChanged(atLevel: level) {
            switch status {
            case .consommation: return .consommation
            case .artificialisation: return .artificialisation
            case .desartificialisation: return .desartificialisation
            case .none: return .autre
            }
        }
        return status == .none ? nil : .usage
    }

    public static func < (a: LandChange, b: LandChange) -> Bool { (a.status.rawValue, a.coverLevel) < (b.status.rawValue, b.coverLevel) }
}

/// For each leaf of the primary dimension, its ancestor at every level: answers at which level two
/// leaves part.
public struct CoverLevels: Sendable {
    /// ancestors[leaf][level - 1]: index of the leaf's class at that level.
    private let ancestors: [[Int]]

    public init(_ dimension: NomenclatureDimension) {
        var perLevel: [[String: Int]] = []
        for level in 1...max(1, dimension.depth) {
            perLevel.append(Dictionary(uniqueKeysWithValues: dimension.classes(atLevel: level).enumerated().map { ($1.code, $0) }))
        }
        ancestors = dimension.leaves.map { i in
            let code = dimension.classes[i].code
            return perLevel.indices.map { l in dimension.ancestor(of: code, atLevel: l + 1).flatMap { perLevel[l][$0.code] } ?? -1 }
        }
    }

    /// The coarsest level (1 = top) at which leaves `a` and `b` differ; 0 when they are the same
    /// leaf or either is unknown (a negative leaf).
    public func firstDifference(_ a: Int32, _ b: Int32) -> UInt8 {
        guard a != b, a >= 0, b >= 0, Int(a) < ancestors.count, Int(b) < ancestors.count else { return 0 }
        let pa = ancestors[Int(a)], pb = ancestors[Int(b)]
        for l in pa.indices where pa[l] != pb[l] { return UInt8(min(l + 1, 255)) }
        return UInt8(min(pa.count, 255))
    }
}

/// The change of one piece of land for every period, one byte per period (0: no change or
/// unknown), so that a map piece carries them without an allocation. Up to 16 periods.
public struct PeriodChanges: Sendable, Equatable {
    public private(set) var low: UInt64 = 0
    public private(set) var high: UInt64 = 0

    public init() {}

    /// From its two words (the facts store keeps them so).
    public init(low: UInt64, high: UInt64) {
        self.low = low
        self.high = high
    }

    public static let maxPeriods = 16

    /// Status in the top two bits, cover level in the six others.
    public subscript(period: Int) -> LandChange? {
        get {
            guard period >= 0 && period < Self.maxPeriods else { return nil }
            let word = period < 8 ? low : high
            let byte = UInt8((word >> UInt64((period % 8) * 8)) & 0xFF)
            guard byte != 0 else { return nil }
            return LandChange(status: LandChange.Status(rawValue: byte >> 6) ?? .none, coverLevel: byte & 0x3F)
        }
        set {
            guard period >= 0 && period < Self.maxPeriods else { return }
            let byte = newValue.map { UInt64($0.status.rawValue) << 6 | UInt64(min($0.coverLevel, 0x3F)) } ?? 0
            let shift = UInt64((period % 8) * 8)
            if period < 8 { low = (low & ~(0xFF << shift)) | (byte << shift) } else { high = (high & ~(0xFF << shift)) | (byte << shift) }
        }
    }
}
