import Foundation
import PortraitsCore

/// A fast 128-bit hash of bytes (two 64-bit lanes over 8-byte words, murmur3's finaliser), for
/// cache keys: which inputs, templates and code a result was made from. Not cryptographic.
public struct ContentHash: Sendable {
    private var h1: UInt64 = 0x9E37_79B9_7F4A_7C15
    private var h2: UInt64 = 0xC2B2_AE3D_27D4_EB4F
    private var length: UInt64 = 0

    public init() {}

    public mutating func add(_ bytes: UnsafeRawBufferPointer) {
        let words = bytes.count / 8
        var a = h1, b = h2
        for i in 0..<words {
            let w = bytes.loadUnaligned(fromByteOffset: i * 8, as: UInt64.self)
            a = ((a ^ (w &* 0x87C3_7B91_1142_53D5)).rotated(31)) &* 0x4CF5_AD43_2745_937F &+ 0x52DC_E729
            b = ((b ^ (w &* 0x4CF5_AD43_2745_937F)).rotated(33)) &* 0x87C3_7B91_1142_53D5 &+ 0x3849_5AB5
        }
        var tail: UInt64 = 0
        for i in (words * 8)..<bytes.count { tail = tail << 8 | UInt64(bytes[i]) }
        a ^= tail &* 0x9E37_79B9_7F4A_7C15
        b ^= tail.rotated(17)
        h1 = a
        h2 = b
        length &+= UInt64(bytes.count)
        // Separate successive pieces: add("ab") then add("c") differs from add("a") then add("bc").
        h1 = Self.fmix(h1 ^ length)
        h2 = Self.fmix(h2 &+ h1)
    }

    public mutating func add(_ bytes: [UInt8]) { bytes.withUnsafeBytes { add($0) } }
    public mutating func add(_ text: String) { add(Array(text.utf8)) }

    public var hex: String {
        let a = Self.fmix(h1 &+ h2), b = Self.fmix(h2 &+ a)
        return String(format: "%016llx%016llx", a, b)
    }

    public static func of(_ parts: [String]) -> String {
        var h = ContentHash()
        for p in parts { h.add(p) }
        return h.hex
    }

    /// Hash of a file's bytes (memory-mapped).
    public static func file(_ path: String) throws -> String {
        let data: Data
        do { data = try Data(contentsOf: URL(fileURLWithPath: path), options: .alwaysMapped) } catch {
            throw InputError(path, "cannot read the file: \(FileSystem.cause(of: error))")
        }
        var h = ContentHash()
        data.withUnsafeBytes { h.add($0) }
        return h.hex
    }

    package static func fmix(_ k: UInt64) -> UInt64 {
        var k = k
        k ^= k >> 33
        k = k &* 0xFF51_AFD7_ED55_8CCD
        k ^= k >> 33
        k = k &* 0xC4CE_B9FE_1A85_EC53
        k ^= k >> 33
        return k
    }
}

extension UInt64 {
    package func rotated(_ n: UInt64) -> UInt64 { (self << n) | (self >> (64 - n)) }
}
