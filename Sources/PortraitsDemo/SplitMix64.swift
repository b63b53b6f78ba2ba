/// A small deterministic random generator (SplitMix64): the same seed gives the same demo
/// everywhere, whatever the platform's own generator.
struct SplitMix64: RandomNumberGenerator {
    private var state: UInt64

    init(seed: UInt64) { state = seed }

    mutating func next() -> UInt64 {
        state &+= 0x9E37_79B9_7F4A_7C15
        var z = state
        z = (z ^ (z >> 30)) &* 0xBF58_476D_1CE4_E5B9
        z = (z ^ (z >> 27)) &* 0x94D0_49BB_1331_11EB
        return z ^ (z >> 31)
    }

    /// Uniform in [0, 1).
    mutating func unit() -> Double { Double(next() >> 11) / Double(1 << 53) }

    /// A generator for a sub-stream (a département, a purpose), independent of draw order elsewhere.
    static func derived(_ seed: UInt64, _ salt: String) -> SplitMix64 {
        var h: UInt64 = 0xCBF2_9CE4_8422_2325
        for b in salt.utf8 { h = (h ^ UInt64(b)) &* 0x0000_0100_0000_01B3 }
        return SplitMix64(seed: seed ^ h)
    }
}
