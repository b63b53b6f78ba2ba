import CJemalloc
import Glibc

/// The allocator the binary runs with: jemalloc, linked in place of glibc's malloc. The tabulation
/// makes and frees millions of small geometries and arrays on every core, and glibc's malloc took
/// about a quarter of its time (its arenas' locks, consolidation, pages returned to the system and
/// faulted in again); with jemalloc the tabulate stage of the scale profile takes about a fifth
/// less time. Nothing in the code asks for it: linking it is enough, since the binary's malloc and
/// free, and those of GDAL, GEOS and Cairo, resolve to the first library that defines them.
public enum MemoryAllocator {
    /// `jemalloc 5.3.0` as jemalloc itself reports it at run time (`mallctl("version")`) when the
    /// `malloc` every library calls is jemalloc's; else `system malloc (jemalloc not in use)`.
    public static var description: String {
        // RTLD_DEFAULT (a null handle): the malloc the global lookup finds, which every library uses.
        let unused = "system malloc (jemalloc not in use)"
        guard let library = dlopen("libjemalloc.so.2", RTLD_NOW | RTLD_NOLOAD) else { return unused }
        defer { dlclose(library) }
        guard let own = dlsym(library, "malloc"), dlsym(nil, "malloc") == own else { return unused }
        var version: UnsafePointer<CChar>? = nil
        var size = MemoryLayout<UnsafePointer<CChar>?>.size
        guard mallctl("version", &version, &size, nil, 0) == 0, let version else { return unused }
        let full = String(cString: version)
        return "jemalloc " + (full.split(separator: "-").first.map(String.init) ?? full)
    }
}
