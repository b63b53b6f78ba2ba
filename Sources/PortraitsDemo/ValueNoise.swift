import Foundation

/// Smooth 2-D value noise in [0, 1]: random values on a lattice, interpolated, summed over octaves.
/// Gives the demo patches of forest and farmland instead of salt and pepper.
struct ValueNoise {
    let seed: UInt64
    /// Lattice spacing of the first octave, in metres.
    let wavelength: Double
    let octaves: Int

    private func lattice(_ ix: Int64, _ iy: Int64, _ octave: Int) -> Double {
        var h = seed &+ UInt64(bitPattern: ix) &* 0x9E37_79B9_7F4A_7C15 &+ UInt64(bitPattern: iy) &* 0xC2B2_AE3D_27D4_EB4F &+ UInt64(octave) &* 0x1656_67B1_9E37_79F9
        h = (h ^ (h >> 33)) &* 0xFF51_AFD7_ED55_8CCD
        h = (h ^ (h >> 33)) &* 0xC4CE_B9FE_1A85_EC53
        h ^= h >> 33
        return Double(h >> 11) / Double(1 << 53)
    }

    func value(_ x: Double, _ y: Double) -> Double {
        var sum = 0.0, norm = 0.0, amp = 1.0, wl = wavelength
        for o in 0..<octaves {
            let fx = x / wl, fy = y / wl
            let x0 = floor(fx), y0 = floor(fy)
            let tx = fx - x0, ty = fy - y0
            let sx = tx * tx * (3 - 2 * tx), sy = ty * ty * (3 - 2 * ty)
            let ix = Int64(x0), iy = Int64(y0)
            let a = lattice(ix, iy, o), b = lattice(ix + 1, iy, o), c = lattice(ix, iy + 1, o), d = lattice(ix + 1, iy + 1, o)
            let v = (a * (1 - sx) + b * sx) * (1 - sy) + (c * (1 - sx) + d * sx) * sy
            sum += v * amp
            norm += amp
            amp *= 0.5
            wl /= 2
        }
        return sum / norm
    }
}
