import CSupport
import Foundation
import PortraitsCore

/// The only writer of the output folder. Files go to a staging folder beside it; `commit()` swaps
/// the staging folder in atomically (renameat2 RENAME_EXCHANGE), so a failed or killed build leaves
/// the previous site untouched. Thread-safe: render workers write concurrently.
public final class OutputWriter: @unchecked Sendable {
    public let destination: URL
    public let staging: URL
    private let lock = NSLock()
    private var createdDirectories: Set<String> = [""]
    public private(set) var fileCount = 0
    public private(set) var byteCount = 0

    public init(destination: String) throws {
        let dest = URL(fileURLWithPath: destination).standardized
        self.destination = dest
        let parent = dest.deletingLastPathComponent()
        let fm = FileManager.default
        try fm.createDirectory(at: parent, withIntermediateDirectories: true)
        // Remove staging folders that killed builds left behind.
        let prefix = dest.lastPathComponent + ".staging-"
        for name in (try? fm.contentsOfDirectory(atPath: parent.path)) ?? [] where name.hasPrefix(prefix) {
            try? fm.removeItem(at: parent.appendingPathComponent(name))
        }
        staging = parent.appendingPathComponent(prefix + String(ProcessInfo.processInfo.processIdentifier))
        try fm.createDirectory(at: staging, withIntermediateDirectories: true)
    }

    /// Checks that a relative site path stays inside the output folder.
    public static func validate(_ path: String) throws {
        let parts = path.split(separator: "/", omittingEmptySubsequences: false)
        guard !path.isEmpty, !path.hasPrefix("/"), !parts.contains(where: { $0.isEmpty || $0 == "." || $0 == ".." }) else {
            throw InputError(path, "refused to write outside the output folder")
        }
    }

    public func write(_ path: String, _ bytes: [UInt8]) throws {
        try OutputWriter.validate(path)
        let url = staging.appendingPathComponent(path)
        let dir = (path as NSString).deletingLastPathComponent
        // The folder is made under the lock: another worker must not write into it before it exists.
        lock.lock()
        if !createdDirectories.contains(dir) {
            do {
                try FileManager.default.createDirectory(at: url.deletingLastPathComponent(), withIntermediateDirectories: true)
            } catch {
                lock.unlock()
                throw InputError(url.deletingLastPathComponent().path, "cannot create the folder: \(error.localizedDescription)")
            }
            createdDirectories.insert(dir)
        }
        lock.unlock()
        guard FileManager.default.createFile(atPath: url.path, contents: Data(bytes)) else {
            throw InputError(url.path, "cannot write the file")
        }
        lock.lock()
        fileCount += 1
        byteCount += bytes.count
        lock.unlock()
    }

    public func write(_ path: String, _ text: String) throws { try write(path, Array(text.utf8)) }

    /// Replaces the output folder with the staging folder in one atomic step.
    public func commit() throws {
        let fm = FileManager.default
        if fm.fileExists(atPath: destination.path) {
            if portraits_exchange_paths(staging.path, destination.path) != 0 {
                // File systems without RENAME_EXCHANGE: two renames, the old site kept until the new one is in place.
                let old = destination.deletingLastPathComponent().appendingPathComponent(destination.lastPathComponent + ".staging-old-\(ProcessInfo.processInfo.processIdentifier)")
                try fm.moveItem(at: destination, to: old)
                try fm.moveItem(at: staging, to: destination)
                try? fm.removeItem(at: old)
                return
            }
            try fm.removeItem(at: staging) // now holds the previous site
        } else {
            try fm.moveItem(at: staging, to: destination)
        }
    }

    /// Drops the staging folder (after an error).
    public func discard() {
        try? FileManager.default.removeItem(at: staging)
    }
}
