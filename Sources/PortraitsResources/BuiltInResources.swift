import Foundation

/// The files the tool carries with it, from the repository's top-level folders: `Templates/` (the
/// page templates and assets a project may override) and `Content/` (the nomenclatures and the
/// documentation pages a portal starts from). They are a SwiftPM resource bundle beside the
/// binary (`make install` puts it beside the installed binary too).
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

    static func folder(_ name: String) -> String {
        Bundle.module.resourceURL!.appendingPathComponent(name).path
    }
}
