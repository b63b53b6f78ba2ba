import CCairo
import Foundation
import PortraitsGraphics

/// Maps drawn as images (`Mark.raster`) kept for the documents drawn in a `reusing` block on
/// the same thread: a territory's portraits for its views show the same land-cover map more than
/// once (the last millésime in each view that ends with it), and a dense map's image at print
/// resolution costs a quarter to a half second to draw.
///
/// An image is reused only for an equal scene (every mark compared; the scenes a territory's
/// portraits share hold the same arrays, which compare at once) at the same size in pixels, so a
/// document's bytes are those it has without the block (one limit: a document showing the same
/// map twice at the same size would embed its image once, Cairo knowing it for the same). Outside
/// any block nothing is kept. The block keeps its latest images, up to `budget` bytes, and their
/// scenes until it ends: wrap one territory's documents, not a stage.
enum RasterReuse {
    /// The images of the block open on this thread.
    final class Images {
        struct Entry {
            let scene: Scene
            let width: Int32, height: Int32
            let image: OpaquePointer
            /// Its pixels' bytes (4 per pixel).
            var bytes: Int { 4 * Int(width) * Int(height) }
        }

        var entries: [Entry] = []
        /// How many images were taken from the block rather than drawn (for tests).
        var reused = 0
        let budget: Int

        init(budget: Int = RasterReuse.budget) { self.budget = budget }

        deinit { for e in entries { cairo_surface_destroy(e.image) } }

        /// A new reference to the image of `scene` at that size, if the block drew it.
        func image(_ scene: Scene, width: Int32, height: Int32) -> OpaquePointer? {
            guard let i = entries.firstIndex(where: { $0.width == width && $0.height == height && $0.scene == scene }) else { return nil }
            reused += 1
            // The most recently used last: the budget forgets the others first.
            let e = entries.remove(at: i)
            entries.append(e)
            return cairo_surface_reference(e.image)
        }

        /// Keeps `image` (a reference of its own) for the rest of the block, forgetting the least
        /// recently used images beyond `budget` bytes (the newest is always kept).
        func keep(_ image: OpaquePointer, _ scene: Scene, width: Int32, height: Int32) {
            entries.append(Entry(scene: scene, width: width, height: height, image: cairo_surface_reference(image)))
            while entries.count > 1, entries.reduce(0, { $0 + $1.bytes }) > budget {
                cairo_surface_destroy(entries.removeFirst().image)
            }
        }
    }

    /// The bytes of images a block keeps at most: a few maps at print resolution (a département's
    /// land-cover map at 200 dpi is 6 MB).
    static let budget = 48 << 20

    static let key = "portraits.RasterReuse"

    /// The block open on this thread, if any.
    static var current: Images? { Thread.current.threadDictionary[key] as? Images }

    /// Runs `body` with a block open on this thread (or within the one already open); returns
    /// its result and how many images were reused.
    static func reusing<T>(_ body: () throws -> T) rethrows -> (T, reused: Int) {
        if let open = current {
            let before = open.reused
            let value = try body()
            return (value, open.reused - before)
        }
        let images = Images()
        Thread.current.threadDictionary[key] = images
        defer { Thread.current.threadDictionary.removeObject(forKey: key) }
        let value = try body()
        return (value, images.reused)
    }
}

extension CairoRenderer {
    /// Runs `body` (a territory's documents) reusing, across its documents, the images of the
    /// maps it draws more than once at the same size (`RasterReuse`). The documents' bytes are
    /// the same as without.
    public static func reusingRasters<T>(_ body: () throws -> T) rethrows -> T {
        try RasterReuse.reusing(body).0
    }
}
