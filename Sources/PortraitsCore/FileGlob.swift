import Foundation
#if canImport(Glibc)
import Glibc
#endif

/// Paths matching a shell-like pattern, as the project file writes land-cover sources
/// (`ocsge/*_D0*_2021-*/**/OCCUPATION_SOL.gpkg`): `*`, `?` and `[…]` within one path component
/// (fnmatch), `**` for any number of folders (none included). Hidden entries match only a pattern
/// that names them. Results are absolute, sorted, and contain files only (GDAL opens a folder of
/// Shapefiles as a source too: name such a folder without wildcards).
public enum FileGlob {
    /// Whether `pattern` has wildcards (otherwise it names one path, returned as it is).
    public static func isPattern(_ pattern: String) -> Bool {
        pattern.contains { "*?[".contains($0) }
    }

    /// The files matching `pattern`, resolved from `root` when relative.
    public static func expand(_ pattern: String, root: String) -> [String] {
        let absolute = PathNormalizer.absolute(pattern, from: root)
        guard isPattern(absolute) else { return [absolute] }
        let parts = absolute.split(separator: "/", omittingEmptySubsequences: true).map(String.init)
        var out: Set<String> = []
        walk("/", parts[...], into: &out)
        return out.sorted()
    }

    private static func walk(_ folder: String, _ rest: ArraySlice<String>, into out: inout Set<String>) {
        guard let head = rest.first else { return }
        let tail = rest.dropFirst()
        let fm = FileManager.default
        func join(_ name: String) -> String { folder == "/" ? "/" + name : folder + "/" + name }
        func isDirectory(_ path: String) -> Bool {
            var d: ObjCBool = false
            return fm.fileExists(atPath: path, isDirectory: &d) && d.boolValue
        }
        if head == "**" {
            // Zero folders, then each sub-folder in turn (links to folders are not followed, so a
            // cycle cannot loop).
            walk(folder, tail, into: &out)
            for name in (try? fm.contentsOfDirectory(atPath: folder)) ?? [] where !name.hasPrefix(".") {
                let path = join(name)
                let attributes = try? fm.attributesOfItem(atPath: path)
                guard attributes?[.type] as? FileAttributeType == .typeDirectory else { continue }
                walk(path, rest, into: &out)
            }
            return
        }
        let names: [String]
        if isPattern(head) {
            names = ((try? fm.contentsOfDirectory(atPath: folder)) ?? []).filter { name in
                (!name.hasPrefix(".") || head.hasPrefix(".")) && fnmatch(head, name, 0) == 0
            }
        } else {
            names = [head]
        }
        for name in names {
            let path = join(name)
            if tail.isEmpty {
                if fm.fileExists(atPath: path) && !isDirectory(path) { out.insert(path) }
            } else if isDirectory(path) {
                walk(path, tail, into: &out)
            }
        }
    }
}
