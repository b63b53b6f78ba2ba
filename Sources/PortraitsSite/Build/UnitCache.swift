import Foundation
import PortraitsCore
import PortraitsProject
import PortraitsModel
import PortraitsDownloads
import PortraitsPrint
import PortraitsWeb

/// The units of output of a build and their reuse. A unit (all the maps, all the territory pages,
/// the site pages, the downloads, the PDFs) is made from what its key hashes; when the last build
/// of the same output folder made it under the same key and its files are all there, its files
/// are linked into the new site and it is not made again. Without a build state (`cache: none`)
/// every unit is made.
package final class UnitCache: @unchecked Sendable {
    package let writer: OutputWriter
    package let keys: BuildKeys?
    package let previous: [String: BuildState.Unit]
    private let lock = NSLock()
    private(set) var produced: [String: BuildState.Unit] = [:]
    private(set) var reused: [String] = []
    private var cpu: [String: Double] = [:]
    private var counted: [String: (items: Int, bytes: Int)] = [:]

    package init(writer: OutputWriter, keys: BuildKeys?, previous: [String: BuildState.Unit]) {
        self.writer = writer
        self.keys = keys
        self.previous = previous
    }

    /// The names of the units, in the order the build makes them.
    package static let names = ["maps", "territory-pages", "level-maps", "downloads", "site", "pdf"]

    /// A unit's key: what it depends on among data, templates, navigation (documentation titles),
    /// content and publishing options.
    package func key(_ unit: String, templates: Bool = false, nav: String? = nil, content: Bool = false, publishing: Bool = false) -> String? {
        guard let keys else { return nil }
        return ContentHash.of([unit, keys.data, templates ? keys.templates : "", nav ?? "", content ? keys.content : "",
                               publishing ? keys.publishing : ""])
    }

    /// Links a unit's files from the previous output and returns its meta when its key did not
    /// change; nil when it must be made.
    package func reuse(_ unit: String, key: String?) throws -> [UInt8]? {
        guard let key, let old = previous[unit], old.key == key, try writer.link(unit: unit, files: old.files) else { return nil }
        lock.lock()
        produced[unit] = old
        reused.append(unit)
        lock.unlock()
        return old.meta
    }

    /// Records a unit made in this build, with what pages need to know about it.
    package func made(_ unit: String, key: String?, meta: [UInt8] = []) {
        guard let key else { return }
        let files = writer.files(of: unit).files.sorted()
        lock.lock()
        produced[unit] = BuildState.Unit(key: key, meta: meta, files: files)
        lock.unlock()
    }

    /// Runs `body` and adds the calling thread's CPU time to the unit's.
    package func measure<T>(_ unit: String, _ body: () throws -> T) rethrows -> T {
        let start = ResourceUsage.threadCPUSeconds()
        defer {
            let spent = ResourceUsage.threadCPUSeconds() - start
            lock.lock()
            cpu[unit, default: 0] += spent
            lock.unlock()
        }
        return try body()
    }

    /// Counts one item of a measured part that is not a unit (the portraits' HTML).
    package func count(_ part: String, bytes: Int) {
        lock.lock()
        counted[part, default: (0, 0)].items += 1
        counted[part]!.bytes += bytes
        lock.unlock()
    }

    /// One line per unit: made or reused, CPU time, files and bytes (for the build log and the benchmark).
    package func costLines() -> [String] {
        Self.names.compactMap { unit in
            let (files, bytes) = writer.files(of: unit)
            guard !files.isEmpty || cpu[unit] != nil else { return nil }
            let state = reused.contains(unit) ? "reused" : "made"
            return "  unit \(unit) \(state) cpu=\(String(format: "%.1f", cpu[unit] ?? 0)) files=\(files.count) bytes=\(bytes)"
        } + counted.keys.sorted().map { part in
            "  part \(part) cpu=\(String(format: "%.1f", cpu[part] ?? 0)) files=\(counted[part]!.items) bytes=\(counted[part]!.bytes)"
        }
    }
}

/// What the pages need to know about a territory's maps (their files and sizes, the explorer's
/// overlays): kept in the build state so that pages can be rendered
/// again without drawing the maps.
package struct TerritoryMapsMeta: Codable {
    package struct Map: Codable {
        package var path: String
        package var width: Double
        package var height: Double
    }

    package struct Overlay: Codable {
        package var layer: Int
        package var path: String
        package var categories: [Int]
    }

    package var maps: [Int: Map] = [:]
    package var changes: [Int: Map] = [:]
    package var overlays: [Overlay] = []
}

extension MapFile {
    package var meta: TerritoryMapsMeta.Map {
        TerritoryMapsMeta.Map(path: path, width: width, height: height)
    }

    package init(_ m: TerritoryMapsMeta.Map) {
        self.init(path: m.path, width: m.width, height: m.height)
    }
}
