import PortraitsCore

/// The colours of a change map: one per kind of change, apart in hue and in lightness (so that
/// they stay apart in grey print: dark red, light salmon, mid green, light lavender, and a
/// darker brown for a change of use under an unchanged cover), and a near-white base for the land
/// that did not change.
public enum ChangeMapStyle {
    public static func color(_ kind: ChangeKind) -> RGBColor {
        switch kind {
        case .consommation: return RGBColor(r: 0xa5, g: 0x0f, b: 0x15)
        case .artificialisation: return RGBColor(r: 0xfc, g: 0x92, b: 0x72)
        case .desartificialisation: return RGBColor(r: 0x31, g: 0xa3, b: 0x54)
        case .autre: return RGBColor(r: 0xcb, g: 0xc9, b: 0xe2)
        case .usage: return RGBColor(r: 0x8c, g: 0x51, b: 0x0a)
        }
    }

    public static let unchanged = LegendEntry(label: "Sans changement", color: RGBColor(r: 0xf7, g: 0xf4, b: 0xea))

    /// How each kind, and the unchanged land, print: chosen once for all of them (a kind prints
    /// alike on every change map), the unchanged land, which covers most of any change map,
    /// weighted to stay plain (it was hatched all over a département's map).
    public static let printFills: (kinds: [ChangeKind: PrintFill], unchanged: PrintFill) = {
        let kinds = ChangeKind.allCases
        let fills = GreyLegibility.printFills(kinds.map(color) + [unchanged.color], weights: kinds.map { _ in 1.0 } + [1_000])
        return (Dictionary(uniqueKeysWithValues: zip(kinds, fills)), fills.last!)
    }()

    /// The legend of the kinds, in the order of `ChangeKind.allCases`.
    public static var legend: [LegendEntry] { ChangeKind.allCases.map { LegendEntry(label: $0.label, color: color($0)) } }
}
