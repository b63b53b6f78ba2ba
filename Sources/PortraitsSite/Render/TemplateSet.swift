import Foundation
import Mustache
import PortraitsCore

/// The page templates (Mustache) of a project's `Templates/` folder. Values are HTML-escaped by
/// `{{ }}`; only trusted HTML (Markdown rendered by cmark-gfm with raw HTML off) goes through `{{{ }}}`.
public struct TemplateSet: Sendable {
    let library: MustacheLibrary
    let folder: String

    public static let required = ["header", "footer", "portrait", "level-index", "home", "doc"]

    public init(folder: String) throws {
        self.folder = folder
        var library = MustacheLibrary()
        let fm = FileManager.default
        guard let names = try? fm.contentsOfDirectory(atPath: folder) else {
            throw InputError(folder, "the templates folder cannot be read")
        }
        for name in names.sorted() where name.hasSuffix(".mustache") {
            let path = (folder as NSString).appendingPathComponent(name)
            guard let data = fm.contents(atPath: path), let text = String(data: data, encoding: .utf8) else {
                throw InputError(path, "cannot read the template")
            }
            do {
                try library.register(text, named: String(name.dropLast(".mustache".count)))
            } catch {
                throw InputError(path, "invalid Mustache template: \(error)")
            }
        }
        for r in Self.required where library.getTemplate(named: r) == nil {
            throw InputError(folder, "template \(r).mustache is missing")
        }
        self.library = library
    }

    public func render(_ name: String, _ context: [String: Any]) throws -> String {
        guard let s = library.render(context, withTemplate: name) else {
            throw InputError(folder, "template \(name).mustache is missing")
        }
        return s
    }
}
