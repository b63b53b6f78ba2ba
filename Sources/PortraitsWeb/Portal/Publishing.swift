import PortraitsCore
import PortraitsProject
import PortraitsModel
import PortraitsDownloads

/// What a static host needs beside the pages: `sitemap.xml` (with the base URL, absolute
/// addresses), `robots.txt` (pointing at the sitemap) and the `404.html` page.
package enum Publishing {
    /// The sitemap of every HTML page; nil without a base URL (a sitemap needs absolute addresses).
    package static func sitemap(pages: [String], baseURL: String?, lastModified: String) -> String? {
        guard let base = baseURL.map({ $0.hasSuffix("/") ? $0 : $0 + "/" }) else { return nil }
        var out = "<?xml version=\"1.0\" encoding=\"UTF-8\"?>\n<urlset xmlns=\"http://www.sitemaps.org/schemas/sitemap/0.9\">\n"
        for p in pages.sorted() {
            out += "<url><loc>\(xmlEscape(base + p))</loc><lastmod>\(lastModified)</lastmod></url>\n"
        }
        return out + "</urlset>\n"
    }

    package static func robots(baseURL: String?) -> String {
        var out = "User-agent: *\nAllow: /\n"
        if let base = baseURL.map({ $0.hasSuffix("/") ? $0 : $0 + "/" }) { out += "Sitemap: \(base)sitemap.xml\n" }
        return out
    }

    package static func xmlEscape(_ s: String) -> String { XMLText.escape(s) }
}
