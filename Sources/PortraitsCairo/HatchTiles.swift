import CCairo
import Foundation
import PortraitsCore
import PortraitsGraphics

/// The hatch tiles (ground and lines, in an image's pixels) a thread has made, kept for its next
/// fills: a map drawn as an image draws each class's tile once. Per thread, as Cairo's surfaces
/// are not meant to be drawn from two threads at once; at most `capacity` tiles, all forgotten
/// when full.
enum HatchTiles {
    struct Key: Hashable {
        let pattern: Hatch
        let ground: RGBColor, color: RGBColor
        /// Width and spacing in the target's units, rounded to 10⁻⁶.
        let width: Int64, spacing: Int64
        /// The image's pixels per unit.
        let deviceScale: Int64
    }

    final class Cache {
        var tiles: [Key: OpaquePointer] = [:]
        deinit { for p in tiles.values { cairo_pattern_destroy(p) } }
    }

    static let capacity = 64
    static let threadKey = "portraits.HatchTiles"

    /// A new reference to the tile of this hatch on `cr`'s target, an image.
    static func tile(_ pattern: Hatch, ground: RGBColor, lines stroke: Stroke, spacing: Double, _ cr: OpaquePointer) -> OpaquePointer? {
        var dx = 1.0, dy = 0.0
        cairo_user_to_device_distance(cr, &dx, &dy)
        let k = (dx * dx + dy * dy).squareRoot()
        guard k.isFinite, k > 0 else { return nil }
        func q(_ v: Double) -> Int64 { Int64((v * 1e6).rounded()) }
        let key = Key(pattern: pattern, ground: ground, color: stroke.color,
                      width: q(stroke.width), spacing: q(spacing), deviceScale: q(k))
        let cache: Cache
        if let c = Thread.current.threadDictionary[threadKey] as? Cache {
            cache = c
        } else {
            cache = Cache()
            Thread.current.threadDictionary[threadKey] = cache
        }
        if let p = cache.tiles[key] { return cairo_pattern_reference(p) }
        guard let p = CairoMarks.hatchTile(pattern, ground: ground, lines: stroke, spacing: spacing, deviceScale: k) else { return nil }
        if cache.tiles.count >= capacity {
            for old in cache.tiles.values { cairo_pattern_destroy(old) }
            cache.tiles.removeAll()
        }
        cache.tiles[key] = p
        return cairo_pattern_reference(p)
    }
}
