import Foundation
#if canImport(Glibc)
import Glibc
#endif

/// Paths matching a shell-like pattern, as the project file writes land-cover sources
/// (`ocsge/*_D0*_2021-*/**/OCCUPATION_SOL.gpkg`): `*`, `?` and `[…]` within one path component
/// (fnmatch), `**` for any number of folders (none included; at the end, every file below).
/// Hidden entries match only a pattern that names them. A relative pattern is matched from `root`
/// taken as it is written (a folder named `OCS [2021]` is not a pattern). Results are absolute,
/// normalised, sorted, and files only (GDAL opens a folder of Shapefiles as a source too: name
/// such a folder without wildcards).
public enum FileGlob {
    /// Whether `pattern` has wildcards (otherwise it names one path, returned as it is).
    public static func isPattern(_ pattern: String) -> Bool {
        pattern.contains { "*?[".contains($0) }
    }

    /// The files matching `pattern`, resolved from `root` when relative.
    public static func expand(_ pattern: String, root: String) -> [String] {
        guard isPattern(pattern) else { return [PathNormalizer.absolute(pattern, from: root)] }
        let start = pattern.hasPrefix("/") ? "/" : PathNormalizer.absolute(".", from: root)
        let parts = pattern.split(separator: "/", omittingEmptySubsequences: true).map(String.init)
        var out: Set<String> = []
        walk(start, parts[...], into: &out)
        return out.map { PathNormalizer.absolute($0, from: "/") }.sorted()
    }

    private static func isDirectory(_ path: String) -> Bool {
        var d: ObjCBool = false
        return FileManager.default.fileExists(atPath: path, isDirectory: &d) && d.boolValue
    }

    /// Sub-folders of a folder, links to folders left out (so that a cycle cannot loop).
    private static func subfolders(_ folder: String) -> [String] {
        let fm = FileManager.default
        return ((try? fm.contentsOfDirectory(atPath: folder)) ?? []).filter { !$0.hasPrefix(".") }.map { join(folder, $0) }.filter {
            (try? fm.attributesOfItem(atPath: $0))?[.type] as? FileAttributeType == .typeDirectory
        }
    }

    private static func join(_ folder: String, _ name: String) -> String { folder == "/" ? "/" + name : folder + "/" + name }

    private static func walk(_ folder: String, _ rest: ArraySlice<String>, into out: inout Set<String>) {
        guard let head = rest.first else { return }
        let tail = rest.dropFirst()
        let fm = FileManager.default
        if head == "**" {
            if tail.isEmpty {
                // Every file below.
                for name in (try? fm.contentsOfDirectory(atPath: folder)) ?? [] where !name.hasPrefix(".") {
                    let path = join(folder, name)
                    if !isDirectory(path) { out.insert(path) }
                }
            } else {
                walk(folder, tail, into: &out)
            }
            for sub in subfolders(folder) { walk(sub, rest, into: &out) }
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
            let path = join(folder, name)
            if tail.isEmpty {
                if fm.fileExists(atPath: path) && !isDirectory(path) { out.insert(path) }
            } else if isDirectory(path) {
                walk(path, tail, into: &out)
            }
        }
    }
}
