import Foundation
import Mustache
import PortraitsCore
import PortraitsProject
import PortraitsModel
import PortraitsDownloads
import PortraitsResources

/// The page templates (Mustache): the built-in ones, each replaced by the file of the same name in
/// the project's `Templates/` folder when there is one. Values are HTML-escaped by `{{ }}`; only
/// trusted HTML (Markdown rendered by cmark-gfm with raw HTML off, generated charts) goes through
/// `{{{ }}}`.
public struct TemplateSet: Sendable {
    package let library: MustacheLibrary
    package let folders: [String]

    public static let required = ["header", "footer", "portrait", "level-index", "home", "doc", "explorateur", "comparer",
                                  "recherche", "donnees", "nomenclature", "404", "folder-index"]

    /// `folders`: the built-in folder first, then the project's (whose files win).
    public init(folders: [String]) throws {
        self.folders = folders
        var texts: [String: (String, String)] = [:]
        let fm = FileManager.default
        for folder in folders {
            guard let names = try? fm.contentsOfDirectory(atPath: folder) else {
                throw InputError(folder, "the templates folder cannot be read")
            }
            for name in names.sorted() where name.hasSuffix(".mustache") {
                let path = (folder as NSString).appendingPathComponent(name)
                guard let data = fm.contents(atPath: path), let text = String(data: data, encoding: .utf8) else {
                    throw InputError(path, "cannot read the template")
                }
                texts[String(name.dropLast(".mustache".count))] = (text, path)
            }
        }
        var library = MustacheLibrary()
        for (name, (text, path)) in texts.sorted(by: { $0.key < $1.key }) {
            do {
                try library.register(text, named: name)
            } catch {
                throw InputError(path, "invalid Mustache template: \(error)")
            }
        }
        for r in Self.required where library.getTemplate(named: r) == nil {
            throw InputError(folders.last ?? "Templates", "template \(r).mustache is missing")
        }
        self.library = library
    }

    /// The built-in templates, overridden by the project's folder when given.
    public init(override: String?) throws {
        try self.init(folders: [BuiltInResources.templates] + (override.map { [$0] } ?? []))
    }

    func render(_ name: String, _ context: [String: Any]) throws -> String {
        guard let s = library.render(context, withTemplate: name) else {
            throw InputError(folders.last ?? "Templates", "template \(name).mustache is missing")
        }
        return s
    }
}
