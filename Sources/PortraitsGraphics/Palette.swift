import PortraitsCore

/// Colours of the chrome (text, axes, context); class colours come from the nomenclature.
public enum Palette {
    public static let text = RGBColor(r: 0x1e, g: 0x1e, b: 0x1e)
    public static let muted = RGBColor(r: 0x59, g: 0x59, b: 0x59)
    public static let grid = RGBColor(r: 0xdd, g: 0xdd, b: 0xdd)
    public static let outline = RGBColor(r: 0x16, g: 0x16, b: 0x16)
    public static let context = RGBColor(r: 0xf2, g: 0xf2, b: 0xf2)
    public static let contextStroke = RGBColor(r: 0xb0, g: 0xb0, b: 0xb0)
    public static let white = RGBColor(r: 255, g: 255, b: 255)

    /// A lighter tint of `c` (mixed with white by `amount`, 0…1), for the earlier millésime.
    public static func tint(_ c: RGBColor, _ amount: Double) -> RGBColor {
        func mix(_ v: UInt8) -> UInt8 { UInt8((Double(v) + (255 - Double(v)) * amount).rounded()) }
        return RGBColor(r: mix(c.r), g: mix(c.g), b: mix(c.b))
    }
}
