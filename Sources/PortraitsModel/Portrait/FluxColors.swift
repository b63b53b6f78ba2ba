import PortraitsCore
import PortraitsProject

/// Colours of flux charts: gains (artificialisation, imperméabilisation, consumption) in red, losses
/// in green, net in dark grey — distinct in grey print by lightness too.
package enum FluxColors {
    package static let gain = RGBColor(r: 0xc9, g: 0x19, b: 0x1e)
    package static let loss = RGBColor(r: 0x8f, g: 0xd1, b: 0x8a)
    package static let net = RGBColor(r: 0x4a, g: 0x4a, b: 0x4a)
}
