import Foundation
import PortraitsCore
import PortraitsProject
import PortraitsModel
import PortraitsDownloads

/// Documentation pages: every `*.md` of the content folder (front matter `title`, `order`).
package struct DocPages {
    package struct Doc {
        package var slug: String
        package var document: MarkdownDocument
    }

    package let docs: [Doc]

    package init(folder: String) throws {
        let fm = FileManager.default
        var docs: [Doc] = []
        let names = (try? fm.contentsOfDirectory(atPath: folder)) ?? []
        for name in names.sorted() where name.hasSuffix(".md") {
            let slug = String(name.dropLast(3))
            guard SafeCode.isValid(slug) else { throw InputError((folder as NSString).appendingPathComponent(name), "a documentation file name must use letters, digits, - _ only") }
            let path = (folder as NSString).appendingPathComponent(name)
            guard let data = fm.contents(atPath: path), let text = String(data: data, encoding: .utf8) else {
                throw InputError(path, "cannot read the file as UTF-8 text")
            }
            docs.append(Doc(slug: slug, document: MarkdownDocument(text: text, fallbackTitle: slug)))
        }
        self.docs = docs.sorted { ($0.document.order, $0.slug) < ($1.document.order, $1.slug) }
    }

    package func render(_ doc: Doc, common: CommonContext, templates: TemplateSet) throws -> String {
        var c = common.context(path: SitePaths.doc(doc.slug), title: doc.document.title)
        let (body, toc) = HeadingAnchors.apply(Markdown.html(doc.document.body))
        // The contents list goes after the page's title.
        if let end = body.range(of: "</h1>") {
            c["bodyTitle"] = String(body[..<end.upperBound])
            c["body"] = String(body[end.upperBound...])
        } else {
            c["body"] = body
        }
        // A contents list when the page has at least three sections.
        let sections = toc.filter { $0.level == 2 }
        if sections.count >= 3 {
            c["toc"] = sections.map { ["id": $0.id, "text": $0.text] }
            c["hasToc"] = true
        }
        return try templates.render("doc", c)
    }
}
