import Foundation
import PortraitsCore
import PortraitsProject
import PortraitsModel
import PortraitsDownloads
import PortraitsPrint
import PortraitsWeb

/// The units of output of a build (`OutputUnit`) and their reuse. A unit is made from what its key
/// hashes; when the last build of the same output folder made it under the same key and its files
/// are all there, its files are linked into the new site and it is not made again. Without a build state (`cache: none`)
/// every unit is made.
package final class UnitCache: @unchecked Sendable {
    package let writer: OutputWriter
    package let keys: BuildKeys?
    package let previous: [String: BuildState.Unit]
    private let lock = NSLock()
    private(set) var produced: [String: BuildState.Unit] = [:]
    private(set) var reused: [OutputUnit] = []
    private var cpu: [String: Double] = [:]
    private var counted: [String: (items: Int, bytes: Int)] = [:]

    package init(writer: OutputWriter, keys: BuildKeys?, previous: [String: BuildState.Unit]) {
        self.writer = writer
        self.keys = keys
        self.previous = previous
    }

    /// A unit's key: the figures, and what the unit's `inputs` name among templates, navigation
    /// (`nav`: the documentation's titles), content and publishing options.
    package func key(_ unit: OutputUnit, nav: String = "") -> String? {
        guard let keys else { return nil }
        let inputs = unit.inputs
        return ContentHash.of([unit.rawValue, keys.data, inputs.contains(.templates) ? keys.templates : "", inputs.contains(.navigation) ? nav : "",
                               inputs.contains(.content) ? keys.content : "", inputs.contains(.publishing) ? keys.publishing : ""])
    }

    /// A unit whose meta is a value: linked from the previous output when its key did not change
    /// (and its meta reads back), else made by `make` (its CPU time measured) and recorded.
    package func produce<Meta: Codable>(_ unit: OutputUnit, nav: String = "", _ make: () throws -> Meta) throws -> Meta {
        let key = key(unit, nav: nav)
        if let meta = try reuse(unit, key: key), let value = try? JSONDecoder().decode(Meta.self, from: Data(meta)) { return value }
        let value = try measure(unit.rawValue, make)
        let encoder = JSONEncoder()
        encoder.outputFormatting = .sortedKeys
        made(unit, key: key, meta: Array(try encoder.encode(value)))
        return value
    }

    /// Links a unit's files from the previous output and returns its meta when its key did not
    /// change; nil when it must be made.
    package func reuse(_ unit: OutputUnit, key: String?) throws -> [UInt8]? {
        guard let key, let old = previous[unit.rawValue], old.key == key, try writer.link(unit: unit.rawValue, files: old.files) else { return nil }
        lock.lock()
        produced[unit.rawValue] = old
        reused.append(unit)
        lock.unlock()
        return old.meta
    }

    /// Records a unit made in this build, with what pages need to know about it.
    package func made(_ unit: OutputUnit, key: String?, meta: [UInt8] = []) {
        guard let key else { return }
        let files = writer.files(of: unit.rawValue).files.sorted()
        lock.lock()
        produced[unit.rawValue] = BuildState.Unit(key: key, meta: meta, files: files)
        lock.unlock()
    }

    /// Runs `body` and adds the calling thread's CPU time to the unit's.
    package func measure<T>(_ unit: OutputUnit, _ body: () throws -> T) rethrows -> T {
        try measure(unit.rawValue, body)
    }

    /// Runs `body` and adds the calling thread's CPU time to the unit's or part's (`portrait-html`).
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

    /// Counts items of a measured part that is not a unit (the portraits' HTML, their PDFs).
    package func count(_ part: String, items: Int = 1, bytes: Int) {
        lock.lock()
        counted[part, default: (0, 0)].items += items
        counted[part]!.bytes += bytes
        lock.unlock()
    }

    /// One line per unit: made or reused, CPU time, files and bytes (for the build log and the benchmark).
    package func costLines() -> [String] {
        OutputUnit.allCases.compactMap { unit in
            let (files, bytes) = writer.files(of: unit.rawValue)
            guard !files.isEmpty || cpu[unit.rawValue] != nil else { return nil }
            let state = reused.contains(unit) ? "reused" : "made"
            return "  unit \(unit.rawValue) \(state) cpu=\(String(format: "%.1f", cpu[unit.rawValue] ?? 0)) files=\(files.count) bytes=\(bytes)"
        } + counted.keys.sorted().map { part in
            "  part \(part) cpu=\(String(format: "%.1f", cpu[part] ?? 0)) files=\(counted[part]!.items) bytes=\(counted[part]!.bytes)"
        }
    }
}
