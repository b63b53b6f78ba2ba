import Foundation

/// The files the tool carries with it, from the repository's top-level folders: `Templates/` (the
/// page templates and assets a project may override) and `Content/` (the nomenclatures and the
/// documentation pages a portal starts from). They are a SwiftPM resource bundle beside the
/// binary (`make install` puts it beside the installed binary too); a binary run from the build
/// tree without its bundle falls back on the repository it was built from. Found nowhere, the
/// folders' paths do not exist and whatever reads them says so (no crash, unlike SwiftPM's
/// `Bundle.module`, so that a command that needs none of them runs from a lone binary).
public enum BuiltInResources {
    /// The built-in templates and assets.
    public static var templates: String { folder("Templates") }
    /// The built-in content: documentation pages and `nomenclatures/`.
    public static var content: String { folder("Content") }
    /// The folder of a built-in nomenclature (`cnig`, `modele-regional`), or nil.
    public static func nomenclature(_ name: String) -> String? {
        let path = (content as NSString).appendingPathComponent("nomenclatures/\(name)/nomenclature.yaml")
        return FileManager.default.fileExists(atPath: path) ? path : nil
    }
    /// The names of the built-in nomenclatures.
    public static var nomenclatures: [String] {
        ((try? FileManager.default.contentsOfDirectory(atPath: (content as NSString).appendingPathComponent("nomenclatures"))) ?? []).sorted()
    }
    /// Whether the built-in files were found.
    public static var found: Bool { FileManager.default.fileExists(atPath: templates) }

    static let bundleName = "portraits_PortraitsResources.resources"

    /// The folder holding `Templates/` and `Content/`.
    static let root: String = {
        let fm = FileManager.default
        // The running executable, links resolved (an installed binary is reached through PREFIX/bin).
        let exe = (try? fm.destinationOfSymbolicLink(atPath: "/proc/self/exe")) ?? CommandLine.arguments[0]
        var candidates = [((exe as NSString).deletingLastPathComponent as NSString).appendingPathComponent(bundleName),
                          Bundle.main.bundleURL.appendingPathComponent(bundleName).path]
        // The repository this binary was built from.
        candidates.append(URL(fileURLWithPath: #filePath).deletingLastPathComponent().deletingLastPathComponent().deletingLastPathComponent().path)
        return candidates.first { fm.fileExists(atPath: ($0 as NSString).appendingPathComponent("Templates")) } ?? candidates[0]
    }()

    static func folder(_ name: String) -> String {
        (root as NSString).appendingPathComponent(name)
    }
}
