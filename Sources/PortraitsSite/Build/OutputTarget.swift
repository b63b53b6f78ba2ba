import Foundation
import PortraitsCore
import PortraitsProject
import PortraitsModel
import PortraitsDownloads
import PortraitsPrint
import PortraitsWeb

/// The output folder of a build, checked before any data is read: a build replaces its output
/// folder whole, so it writes only into a folder that does not exist yet, an empty one, or one a
/// previous build made (it holds the marker file `OutputWriter.marker`). It never writes over the
/// project, its inputs, its content, templates or cache. While a build runs it holds a lock, so a
/// second build of the same output stops at once with a clear message.
public final class OutputTarget {
    /// The file every site made by portraits holds at its root.

    /// Absolute path of the output folder (relative paths were taken from the current folder).
    public let path: String
    private var lockFD: Int32 = -1
    package let lockPath: String

    /// Checks `output` against the project and takes its lock. `minimumFreeBytes` (default 200 MB,
    /// or `PORTRAITS_MIN_FREE_MB`) must be free on the devices of the output and of the cache.
    public init(output: String, config: ProjectConfig, minimumFreeBytes: Int64? = nil) throws {
        let path = FileSystem.absolute(output)
        self.path = path
        let parent = (path as NSString).deletingLastPathComponent
        // Named after the folder the path resolves to, so that two spellings of it share one lock.
        let real = FileSystem.canonical(path)
        lockPath = ((real as NSString).deletingLastPathComponent as NSString).appendingPathComponent("." + (real as NSString).lastPathComponent + ".portraits-lock")
        try Self.checkPlace(path, config: config)
        try FileSystem.checkWritable(parent, role: "the output folder's parent")
        if let cache = config.cacheFolder { try FileSystem.checkWritable(cache, role: "the cache folder (cache:)") }
        let minimum = minimumFreeBytes ?? Self.defaultMinimumFree
        for (p, role) in [(parent, "the output folder")] + (config.cacheFolder.map { [($0, "the cache folder")] } ?? []) {
            if let free = FileSystem.freeBytes(p), free < minimum {
                throw InputError(p, "no space left on the device for \(role): \(free / 1_000_000) MB free, a build needs at least \(minimum / 1_000_000) MB; free some space or choose another folder")
            }
        }
        try lock()
    }

    deinit { unlock() }

    package static var defaultMinimumFree: Int64 {
        if let v = ProcessInfo.processInfo.environment["PORTRAITS_MIN_FREE_MB"], let mb = Int64(v) {
            return max(0, min(mb, Int64.max / 1_000_000)) * 1_000_000
        }
        return 200_000_000
    }

    /// What an output folder must not be, contain or lie inside.
    package static func protected(_ config: ProjectConfig) -> [(role: String, path: String, readWhole: Bool)] {
        var out: [(String, String, Bool)] = [("the project folder", config.root, false), ("the project file", config.source, false),
                                             ("the communes layer", config.communes.path, false),
                                             ("the nomenclature", config.nomenclature, false),
                                             ("the content folder", config.content, true)]
        out += config.landCover.layers.map { ("a land-cover layer", $0.path, false) }
        if let m = config.membership.file { out.append(("the membership table", m, false)) }
        out += config.nameTables.map { ("a layer of names", $0.layer.path, false) }
        if let s = config.scot { out.append(("the SCoT table", s.file, false)) }
        if let p = config.postalCodes { out.append(("the postal codes table", p.file, false)) }
        out += config.explorerLayers.map { ("an explorer layer", $0.layer.path, false) }
        // The nomenclature's folder is hashed whole for the cache key: no output inside it (unless
        // it is the project folder itself, where the default Output/ lives).
        let nomenclatureFolder = (config.nomenclature as NSString).deletingLastPathComponent
        if FileSystem.canonical(nomenclatureFolder) != FileSystem.canonical(config.root) {
            out.append(("the nomenclature's folder", nomenclatureFolder, true))
        }
        if let t = config.templates { out.append(("the templates folder", t, true)) }
        if let c = config.cacheFolder { out.append(("the cache folder", c, true)) }
        return out.map { (role: $0.0, path: FileSystem.canonical($0.1), readWhole: $0.2) }
    }

    /// Refuses an output that is a file, that is or holds the project or one of its inputs, that
    /// lies inside a folder the build reads whole, or an existing folder portraits did not make.
    package static func checkPlace(_ path: String, config: ProjectConfig) throws {
        let how = "choose a folder of its own for the site (output: in the project file, or -o), for example \(config.root)/Output"
        switch FileSystem.kind(path) {
        case .file:
            throw InputError(path, "the output is a file, not a folder: the build would replace it; \(how)")
        case .folder, .missing:
            break
        }
        let dest = FileSystem.canonical(path)
        for p in protected(config) {
            if FileSystem.isSameOrInside(p.path, dest) {
                throw InputError(path, "the output folder \(p.path == dest ? "is" : "contains") \(p.role) (\(p.path)); a build replaces its output folder whole, so this would delete it; \(how)")
            }
            if p.readWhole && FileSystem.isSameOrInside(dest, p.path) {
                throw InputError(path, "the output folder lies inside \(p.role) (\(p.path)), which the build reads whole; \(how)")
            }
        }
        guard FileSystem.kind(path) == .folder else { return }
        // What desktops leave in any folder does not make it somebody else's.
        let entries = ((try? FileManager.default.contentsOfDirectory(atPath: path)) ?? []).filter { ![".DS_Store", "Thumbs.db", "desktop.ini"].contains($0) }
        if !entries.isEmpty && !entries.contains(OutputWriter.marker) && !recordedInBuildState(path, config: config) {
            throw InputError(path, "this folder exists and was not made by portraits (it has no \(OutputWriter.marker) file): a build replaces its output folder whole and would delete the \(entries.count) files or folders it holds; \(how), or remove this folder first (if it is a site an earlier version of portraits made, an empty \(OutputWriter.marker) file in it says so)")
        }
    }

    /// True when the project's build state records a build of this folder: a site made by a version
    /// of portraits that wrote no marker yet.
    package static func recordedInBuildState(_ path: String, config: ProjectConfig) -> Bool {
        guard let cache = config.cacheFolder,
              FileSystem.kind((cache as NSString).appendingPathComponent("state.sqlite")) == .file,
              let state = try? BuildState(folder: cache), let units = try? state.units(output: path) else { return false }
        return !units.isEmpty
    }

    /// Refuses a facts file (`portraits tabulate --output`) that would replace an input, a folder,
    /// or an existing file that is not a facts store.
    public static func checkFactsFile(_ output: String, config: ProjectConfig) throws {
        let path = FileSystem.absolute(output), real = FileSystem.canonical(path)
        // A facts file may sit in the cache folder (where the build keeps its own).
        let cache = config.cacheFolder.map(FileSystem.canonical)
        for p in protected(config) where p.path == real || (p.readWhole && p.path != cache && FileSystem.isSameOrInside(real, p.path)) {
            throw InputError(path, "the facts file would replace or lie inside \(p.role) (\(p.path)); choose another path for --output")
        }
        switch FileSystem.kind(path) {
        case .folder: throw InputError(path, "is a folder; --output names the facts file to write (for example facts/67.sqlite)")
        case .file:
            guard (try? FactsStore.header(path)) != nil else {
                throw InputError(path, "this file exists and is not a facts file of portraits: it would be replaced; choose another path for --output, or remove it first")
            }
        case .missing: break
        }
        try FileSystem.checkWritable((path as NSString).deletingLastPathComponent, role: "the facts file's folder")
    }

    /// Takes the lock file beside the output (removed again at the end, so nothing is left beside
    /// the site). Since a finishing build removes the file, the lock is taken again when the path
    /// no longer names the file that was locked.
    private func lock() throws {
        for _ in 0..<20 {
            let fd = open(lockPath, O_RDWR | O_CREAT | O_CLOEXEC, 0o644)
            guard fd >= 0 else { throw InputError(lockPath, "cannot create the build's lock file: \(FileSystem.cause(errno: errno))") }
            if flock(fd, LOCK_EX | LOCK_NB) != 0 {
                let code = errno
                close(fd)
                if code == EWOULDBLOCK {
                    throw InputError(path, "another portraits build is writing this output folder (lock \(lockPath)); wait for it to finish, or build into another folder")
                }
                throw InputError(lockPath, "cannot lock the output folder: \(FileSystem.cause(errno: code))")
            }
            var held = stat(), named = stat()
            if fstat(fd, &held) == 0, stat(lockPath, &named) == 0, held.st_ino == named.st_ino, held.st_dev == named.st_dev {
                lockFD = fd
                return
            }
            close(fd) // the file was removed by the build that held it: take the new one
        }
        throw InputError(lockPath, "cannot take the output folder's lock")
    }

    /// Releases the lock (also done when the target is freed).
    public func unlock() {
        guard lockFD >= 0 else { return }
        unlink(lockPath)
        flock(lockFD, LOCK_UN)
        close(lockFD)
        lockFD = -1
    }
}
