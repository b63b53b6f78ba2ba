/// The byte-level helpers of the SVG post-processing (inliner, text layer, titles, floor writer):
/// searching a pattern, writing integers. One place, so that every writer formats numbers alike.
enum Bytes {
    @inline(__always)
    static func matches(_ p: [UInt8], _ b: UnsafeBufferPointer<UInt8>, _ i: Int) -> Bool {
        guard i + p.count <= b.count else { return false }
        for k in 0..<p.count where b[i + k] != p[k] { return false }
        return true
    }

    /// The first index at or after `start` where `p` starts.
    static func find(_ p: [UInt8], in b: UnsafeBufferPointer<UInt8>, from start: Int = 0) -> Int? {
        guard let first = p.first else { return start }
        var i = start
        while i + p.count <= b.count {
            if b[i] == first && matches(p, b, i) { return i }
            i += 1
        }
        return nil
    }

    /// The last index where `p` starts.
    static func findLast(_ p: [UInt8], in b: UnsafeBufferPointer<UInt8>) -> Int? {
        guard let first = p.first, b.count >= p.count else { return nil }
        var i = b.count - p.count
        while i >= 0 {
            if b[i] == first && matches(p, b, i) { return i }
            i -= 1
        }
        return nil
    }

    static func find(_ p: [UInt8], in b: [UInt8], from start: Int = 0) -> Int? { b.withUnsafeBufferPointer { find(p, in: $0, from: start) } }
    static func findLast(_ p: [UInt8], in b: [UInt8]) -> Int? { b.withUnsafeBufferPointer { findLast(p, in: $0) } }

    /// Decimal digits of `n`, with a minus sign when negative.
    static func appendInt(_ n: Int, to out: inout [UInt8]) {
        if n < 0 { out.append(0x2D); appendInt(-n, to: &out); return }
        if n >= 10 { appendInt(n / 10, to: &out) }
        out.append(UInt8(0x30 + n % 10))
    }
}
