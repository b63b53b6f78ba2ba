import CJemalloc
import CSupport
import Glibc

/// The allocator the binary runs with: jemalloc, linked in place of glibc's malloc. The tabulation
/// makes and frees millions of small geometries and arrays on every core, and glibc's malloc took
/// about a quarter of its time (its arenas' locks, consolidation, pages returned to the system and
/// faulted in again); with jemalloc the tabulate stage of the scale profile takes about a fifth
/// less time. Nothing in the code asks for it: linking it is enough, since the binary's malloc and
/// free, and those of GDAL, GEOS and Cairo, resolve to the first library that defines them.
public enum MemoryAllocator {
    /// Whether the `malloc` every library calls is jemalloc's: the one the global lookup finds
    /// (RTLD_DEFAULT, a null handle) is the one jemalloc's library defines.
    public static let isJemalloc: Bool = {
        guard let library = dlopen("libjemalloc.so.2", RTLD_NOW | RTLD_NOLOAD) else { return false }
        defer { dlclose(library) }
        guard let own = dlsym(library, "malloc") else { return false }
        return dlsym(nil, "malloc") == own
    }()

    /// `jemalloc 5.3.0` as jemalloc itself reports it at run time (`mallctl("version")`) when it is
    /// the allocator in use; else `system malloc (jemalloc not in use)`.
    public static var description: String {
        let unused = "system malloc (jemalloc not in use)"
        guard isJemalloc else { return unused }
        var version: UnsafePointer<CChar>? = nil
        var size = MemoryLayout<UnsafePointer<CChar>?>.size
        guard mallctl("version", &version, &size, nil, 0) == 0, let version else { return unused }
        let full = String(cString: version)
        return "jemalloc " + (full.split(separator: "-").first.map(String.init) ?? full)
    }

    /// Gives the memory freed so far back to the system (after the tabulation, so that the render
    /// stage does not start from its peak): jemalloc's arenas purged of their unused pages, or
    /// glibc's `malloc_trim` when glibc's malloc is the one in use.
    public static func releaseFreeMemory() {
        if isJemalloc {
            _ = mallctl("arena.\(MALLCTL_ARENAS_ALL).purge", nil, nil, nil, 0)
        } else {
            portraits_release_free_memory()
        }
    }
}
