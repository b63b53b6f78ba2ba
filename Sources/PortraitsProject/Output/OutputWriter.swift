import CSupport
import Foundation
import PortraitsCore

/// The only writer of the output folder. Files go to a staging folder beside it; `commit()` swaps
/// the staging folder in atomically (renameat2 RENAME_EXCHANGE), so a failed or killed build leaves
/// the previous site untouched. Thread-safe: render workers write concurrently.
///
/// Incremental builds: a file whose bytes equal those of the same file in the current output
/// folder is hard-linked from it instead of written (its timestamp and inode stay), and the files
/// of a unit of output that did not change are linked without being made again (`link`). Each
/// file is recorded under the unit it belongs to (`unit(_:)`), for the build state.
public final class OutputWriter: FileSink, @unchecked Sendable {
    /// The file every site holds, so that a later build knows the folder is a site it may replace.
    public static let marker = ".portraits-site"
    package static let markerText = "This folder was made by portraits. Each build replaces it whole: keep nothing else in it.\n"

    public let destination: URL
    public let staging: URL
    private let lock = NSLock()
    private var createdDirectories: Set<String> = [""]
    public private(set) var fileCount = 0
    public private(set) var byteCount = 0
    /// Files linked unchanged from the previous output (a subset of `fileCount`).
    public private(set) var unchangedCount = 0
    /// Files of each unit, and their bytes.
    private(set) var unitFiles: [String: [String]] = [:]
    private(set) var unitBytes: [String: Int] = [:]
    /// The output folder as it was before this build, when it exists.
    package let previous: URL?

    /// A writer for `destination` (relative paths are taken from the current folder, `..` kept).
    /// The caller has checked the destination (`OutputTarget`): this writer replaces it whole.
    public init(destination: String) throws {
        let dest = URL(fileURLWithPath: FileSystem.absolute(destination))
        self.destination = dest
        let parent = dest.deletingLastPathComponent()
        let fm = FileManager.default
        try FileSystem.createFolder(parent.path)
        // Remove staging folders that killed builds left behind (the output's lock is held).
        let prefix = dest.lastPathComponent + ".staging-"
        for name in (try? fm.contentsOfDirectory(atPath: parent.path)) ?? [] where name.hasPrefix(prefix) {
            try? fm.removeItem(at: parent.appendingPathComponent(name))
        }
        staging = parent.appendingPathComponent(prefix + String(ProcessInfo.processInfo.processIdentifier))
        try FileSystem.createFolder(staging.path)
        previous = FileSystem.kind(dest.path) == .folder ? dest : nil
        // The marker that says this folder is ours, so that the next build may replace it (linked
        // from the previous site when it is there, like any unchanged file).
        let marker = Array(Self.markerText.utf8), to = staging.appendingPathComponent(Self.marker).path
        fileCount = 1
        byteCount = marker.count
        if let previous, sameBytes(previous.appendingPathComponent(Self.marker).path, marker),
           link(previous.appendingPathComponent(Self.marker).path, to) {
            unchangedCount = 1
            return
        }
        try FileSystem.write(to, marker)
    }

    /// A view of this writer that records what it writes under `name`.
    public func unit(_ name: String) -> Unit { Unit(writer: self, name: name) }

    public struct Unit: FileSink {
        package let writer: OutputWriter
        public let name: String

        public func write(_ path: String, _ bytes: [UInt8]) throws { try writer.write(path, bytes, unit: name) }
    }

    /// Checks that a relative site path stays inside the output folder.
    public static func validate(_ path: String) throws {
        let parts = path.split(separator: "/", omittingEmptySubsequences: false)
        guard !path.isEmpty, !path.hasPrefix("/"), !parts.contains(where: { $0.isEmpty || $0 == "." || $0 == ".." }) else {
            throw InputError(path, "refused to write outside the output folder")
        }
    }

    public func write(_ path: String, _ bytes: [UInt8]) throws { try write(path, bytes, unit: "site") }

    package func write(_ path: String, _ bytes: [UInt8], unit: String) throws {
        try OutputWriter.validate(path)
        let url = staging.appendingPathComponent(path)
        try makeFolder(of: path)
        if let previous, sameBytes(previous.appendingPathComponent(path).path, bytes), link(previous.appendingPathComponent(path).path, url.path) {
            count(path, bytes.count, unit: unit, unchanged: true)
            return
        }
        try FileSystem.write(url.path, bytes)
        count(path, bytes.count, unit: unit, unchanged: false)
    }

    /// Links the files of a unit that did not change from the previous output; false (nothing
    /// linked) when one of them is missing there.
    package func link(unit: String, files: [String]) throws -> Bool {
        guard let previous else { return false }
        var sizes: [Int] = []
        for f in files {
            var st = stat()
            guard (try? OutputWriter.validate(f)) != nil, stat(previous.appendingPathComponent(f).path, &st) == 0 else { return false }
            sizes.append(Int(st.st_size))
        }
        for (f, size) in zip(files, sizes) {
            try makeFolder(of: f)
            guard link(previous.appendingPathComponent(f).path, staging.appendingPathComponent(f).path) else {
                throw InputError(staging.appendingPathComponent(f).path, "cannot link the unchanged file from \(previous.path)")
            }
            count(f, size, unit: unit, unchanged: true)
        }
        return true
    }

    private func sameBytes(_ path: String, _ bytes: [UInt8]) -> Bool {
        var st = stat()
        guard stat(path, &st) == 0, Int(st.st_size) == bytes.count, let old = FileManager.default.contents(atPath: path) else { return false }
        return old.withUnsafeBytes { a in bytes.withUnsafeBytes { b in a.count == b.count && (a.count == 0 || memcmp(a.baseAddress!, b.baseAddress!, a.count) == 0) } }
    }

    private func link(_ from: String, _ to: String) -> Bool { Foundation.link(from, to) == 0 }

    private func count(_ path: String, _ size: Int, unit: String, unchanged: Bool) {
        lock.lock()
        fileCount += 1
        byteCount += size
        if unchanged { unchangedCount += 1 }
        unitFiles[unit, default: []].append(path)
        unitBytes[unit, default: 0] += size
        lock.unlock()
    }

    private func makeFolder(of path: String) throws {
        let url = staging.appendingPathComponent(path)
        let dir = (path as NSString).deletingLastPathComponent
        // The folder is made under the lock: another worker must not write into it before it exists.
        lock.lock()
        if !createdDirectories.contains(dir) {
            do {
                try FileSystem.createFolder(url.deletingLastPathComponent().path)
            } catch {
                lock.unlock()
                throw error
            }
            createdDirectories.insert(dir)
        }
        lock.unlock()
    }

    /// The files written under a unit so far, and their bytes.
    package func files(of unit: String) -> (files: [String], bytes: Int) {
        lock.lock()
        defer { lock.unlock() }
        return (unitFiles[unit] ?? [], unitBytes[unit] ?? 0)
    }

    /// Replaces the output folder with the staging folder in one atomic step.
    public func commit() throws {
        if FileSystem.kind(destination.path) != .missing {
            if portraits_exchange_paths(staging.path, destination.path) != 0 {
                // File systems without RENAME_EXCHANGE: two renames, the old site kept until the new one is in place.
                let old = destination.deletingLastPathComponent().appendingPathComponent(destination.lastPathComponent + ".staging-old-\(ProcessInfo.processInfo.processIdentifier)")
                try FileSystem.rename(destination.path, old.path)
                try FileSystem.rename(staging.path, destination.path)
                try? FileSystem.remove(old.path)
                return
            }
            try FileSystem.remove(staging.path) // now holds the previous site
        } else {
            try FileSystem.rename(staging.path, destination.path)
        }
    }

    /// Drops the staging folder (after an error).
    public func discard() {
        try? FileManager.default.removeItem(at: staging)
    }
}
