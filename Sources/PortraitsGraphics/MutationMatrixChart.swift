import Foundation
import PortraitsCore

/// Mutations as a heat-map matrix: a row per class at t0, a column per class at t1, each cell
/// shaded by its area on a sequential ramp from light to dark (readable in grey print), with its
/// value in hectares where it fits. The diagonal (land that kept its class) is grey and not on the
/// ramp, so that changes, usually far smaller, stay visible. Column labels are set at 45°.
public enum MutationMatrixChart {
    /// The sequential ramp of changed cells, light to dark.
    public static let ramp: [RGBColor] = [
        RGBColor(r: 0xde, g: 0xeb, b: 0xf7), RGBColor(r: 0x9e, g: 0xca, b: 0xe1), RGBColor(r: 0x42, g: 0x92, b: 0xc6),
        RGBColor(r: 0x21, g: 0x66, b: 0xac), RGBColor(r: 0x08, g: 0x30, b: 0x6b),
    ]

    /// The ramp colour of `t` in 0…1 (linear between the stops).
    public static func color(at t: Double) -> RGBColor {
        let x = min(max(t.isFinite ? t : 0, 0), 1) * Double(ramp.count - 1)
        let i = min(Int(x), ramp.count - 2), f = x - Double(i)
        func mix(_ a: UInt8, _ b: UInt8) -> UInt8 { UInt8((Double(a) + (Double(b) - Double(a)) * f).rounded()) }
        return RGBColor(r: mix(ramp[i].r, ramp[i + 1].r), g: mix(ramp[i].g, ramp[i + 1].g), b: mix(ramp[i].b, ramp[i + 1].b))
    }

    public static func scene(_ flows: MutationFlows, width: Double = 720) -> Scene {
        let n = flows.count
        let size = 11.0, cellText = 10.0
        guard n > 0 else {
            var scene = Scene(width: width, height: 40)
            scene.add(.text("Aucune donnée aux deux dates", at: Point(0, 20), style: TextStyle(size: size, color: Palette.muted)))
            return scene
        }
        let labelWidth = min(190, max(70, (0..<n).map { Typography.estimatedWidth(flows.labels[$0], size: size) }.max() ?? 70))
        let left = labelWidth + 12
        // Room on the right for the last column label at 45°.
        let cell = max(14, min(44, (width - left - 110) / Double(n)))
        let headerLabel = 130.0
        let top = headerLabel * 0.72 + 24
        var maxOff = 0.0
        for i in 0..<n { for j in 0..<n where i != j { maxOff = max(maxOff, flows.value(i, j)) } }
        let gridBottom = top + cell * Double(n)
        var scene = Scene(width: width, height: gridBottom + 58)
        scene.add(.text("En ligne : classe en \(flows.beforeLabel) · en colonne : classe en \(flows.afterLabel)", at: Point(0, 14), style: TextStyle(size: size, color: Palette.muted)))

        for j in 0..<n {
            let x = left + (Double(j) + 0.5) * cell
            scene.add(.text(Typography.truncated(flows.labels[j], toWidth: headerLabel, size: size), at: Point(x + 3, top - 6),
                            style: TextStyle(size: size, rotation: -45)))
        }
        for i in 0..<n {
            let y = top + Double(i) * cell
            scene.add(.text(Typography.truncated(flows.labels[i], toWidth: labelWidth - 14, size: size), at: Point(left - 16, y + cell / 2 + 4), style: TextStyle(size: size, anchor: .end)))
            scene.add(.rect(x: left - 11, y: y + cell / 2 - 4, width: 8, height: 8, fill: flows.colors[i], stroke: Stroke(Palette.outline, width: 0.5)))
            for j in 0..<n {
                let x = left + Double(j) * cell
                let v = flows.value(i, j)
                let fill: RGBColor
                var textColor = Palette.text
                if i == j {
                    fill = RGBColor(r: 0xe4, g: 0xe4, b: 0xe4)
                    textColor = Palette.muted
                } else if v > 0 {
                    let t = maxOff > 0 ? (v / maxOff).squareRoot() : 0
                    fill = color(at: 0.12 + 0.88 * t)
                    if fill.luminance < 0.25 { textColor = Palette.white }
                } else {
                    fill = Palette.white
                }
                scene.add(.rect(x: x, y: y, width: cell, height: cell, fill: fill, stroke: Stroke(Palette.grid, width: 0.6)))
                guard v > 0 else { continue }
                scene.add(.hotspot(x: x, y: y, width: cell, height: cell, label: i == j
                    ? "\(flows.labels[i]), inchangé : \(FrenchNumber.hectares(v))"
                    : "\(flows.labels[i]) → \(flows.labels[j]) : \(FrenchNumber.hectares(v))"))
                let text = compact(v)
                if Typography.estimatedWidth(text, size: cellText) <= cell - 3 {
                    scene.add(.text(text, at: Point(x + cell / 2, y + cell / 2 + 3), style: TextStyle(size: cellText, color: textColor, anchor: .middle)))
                }
            }
        }
        scene.add(.rect(x: left, y: top, width: cell * Double(n), height: cell * Double(n), fill: nil, stroke: Stroke(Palette.outline, width: 0.8)))

        // Legend: the ramp from the smallest to the largest change, and the diagonal.
        let ly = gridBottom + 16
        let legendTitle = "Surface ayant changé de classe (ha) :"
        scene.add(.text(legendTitle, at: Point(0, ly + 10), style: TextStyle(size: size)))
        let lx = Typography.estimatedWidth(legendTitle, size: size) + 12, step = 34.0
        for k in 0..<5 {
            scene.add(.rect(x: lx + Double(k) * step, y: ly, width: step, height: 12, fill: color(at: 0.12 + 0.88 * Double(k) / 4), stroke: Stroke(Palette.grid, width: 0.6)))
        }
        scene.add(.text("> 0", at: Point(lx, ly + 26), style: TextStyle(size: size, color: Palette.muted)))
        scene.add(.text(compact(maxOff), at: Point(lx + 5 * step, ly + 26), style: TextStyle(size: size, color: Palette.muted, anchor: .end)))
        let dx = lx + 5 * step + 24
        scene.add(.rect(x: dx, y: ly, width: 14, height: 12, fill: RGBColor(r: 0xe4, g: 0xe4, b: 0xe4), stroke: Stroke(Palette.grid, width: 0.6)))
        scene.add(.text("inchangé (diagonale)", at: Point(dx + 20, ly + 10), style: TextStyle(size: size)))
        return scene
    }

    /// Hectares in a cell: one decimal under 10 ha, none above; "<0,1" for tiny areas.
    static func compact(_ m2: Double) -> String {
        let ha = m2 / 10_000
        if ha > 0 && ha < 0.05 { return "<0,1" }
        return FrenchNumber.format(ha, decimals: ha < 10 ? 1 : 0)
    }
}
