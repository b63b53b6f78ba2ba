/// The kind of a change of land between the two millésimes of a period, as a change map shows it.
/// One kind per piece of land, the first that applies in this order: consumption of natural,
/// agricultural or forest land; artificialisation (LCR, after the decree's thresholds) that is not
/// consumption; désartificialisation; any other change of class.
public enum ChangeKind: UInt8, Sendable, CaseIterable {
    /// NAF at t0, urbanised at t1 (consommation d'espaces NAF).
    case consommation = 1
    /// Not artificialised at t0, artificialised at t1, and not counted as consumption.
    case artificialisation = 2
    /// Artificialised at t0, not at t1 (renaturation).
    case desartificialisation = 3
    /// The class changed, none of the above.
    case autre = 4

    public var label: String {
        switch self {
        case .consommation: return "Consommation d’espaces NAF"
        case .artificialisation: return "Artificialisation (autre)"
        case .desartificialisation: return "Désartificialisation"
        case .autre: return "Autre changement de classe"
        }
    }

    /// The kind of change from `from` (traits and LCR status at t0) to `to`; nil when the class did not change.
    public static func classify(from: ClassKey, to: ClassKey, fromTraits: ClassTraits, toTraits: ClassTraits,
                                artificialisedBefore: Bool?, artificialisedAfter: Bool?) -> ChangeKind? {
        let changed = from != to || artificialisedBefore != artificialisedAfter
        guard changed else { return nil }
        if fromTraits.naf?.isNAF == true && toTraits.naf == .urbanise { return .consommation }
        if artificialisedBefore == false && artificialisedAfter == true { return .artificialisation }
        if artificialisedBefore == true && artificialisedAfter == false { return .desartificialisation }
        return from != to ? .autre : nil
    }
}

/// The change kinds of one piece of land for every period, four bits per period (0: no change or
/// unknown), so that a map piece carries them without an allocation. Up to 16 periods.
public struct PeriodChanges: Sendable, Equatable {
    public private(set) var bits: UInt64 = 0

    public init() {}

    /// From the bits of `bits` (the facts store keeps them so).
    public init(bits: UInt64) { self.bits = bits }

    public static let maxPeriods = 16

    public subscript(period: Int) -> ChangeKind? {
        get {
            guard period >= 0 && period < Self.maxPeriods else { return nil }
            return ChangeKind(rawValue: UInt8((bits >> UInt64(period * 4)) & 0xF))
        }
        set {
            guard period >= 0 && period < Self.maxPeriods else { return }
            let shift = UInt64(period * 4)
            bits = (bits & ~(0xF << shift)) | (UInt64(newValue?.rawValue ?? 0) << shift)
        }
    }
}
