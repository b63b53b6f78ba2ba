import PortraitsCore
import PortraitsGeo
import PortraitsCairo
import PortraitsProject
import PortraitsWeb
import PortraitsResources

/// `portraits --version`: the tool's version and the version of each library it runs on (the
/// ones found at run time, which may differ from the build machine's).
public enum VersionReport {
    public static var text: String {
        "portraits \(ToolVersion.number)\n\(LibraryVersions.description), \(CairoVersions.description), \(MarkdownVersion.description), \(SQLiteVersion.description), \(MemoryAllocator.description)\n"
            + (BuiltInResources.found ? "built-in templates: \(BuiltInResources.templates)\nbuilt-in nomenclatures: \(BuiltInResources.nomenclatures.joined(separator: ", "))"
                : "built-in templates and nomenclatures: not found (\(BuiltInResources.templates)): install with `make install`")
    }
}
