import Foundation
import PortraitsCore
import PortraitsProject
import PortraitsModel
import PortraitsDownloads

/// Heading anchors and a table of contents for the HTML cmark-gfm renders: each `<h2>` and
/// `<h3>` gets an `id` made from its text ("Trajectoire ZAN" → `trajectoire-zan`, numbered when
/// repeated), so that sections can be linked; the headings are returned for the contents list.
package enum HeadingAnchors {
    package struct Entry {
        package var level: Int
        package var id: String
        package var text: String
    }

    package static func apply(_ html: String) -> (html: String, toc: [Entry]) {
        var out = ""
        var toc: [Entry] = []
        var used: Set<String> = ["contenu", "sommaire"]
        var rest = Substring(html)
        while let open = rest.range(of: "<h") {
            let after = rest[open.upperBound...]
            guard let digit = after.first, digit == "2" || digit == "3",
                  after.dropFirst().first == ">",
                  let close = after.range(of: "</h\(digit)>") else {
                out += rest[..<open.upperBound]
                rest = after
                continue
            }
            let inner = after[after.index(after.startIndex, offsetBy: 2)..<close.lowerBound]
            let text = plainText(String(inner))
            var id = slug(text)
            if id.isEmpty { id = "section" }
            var candidate = id
            var k = 2
            while used.contains(candidate) { candidate = "\(id)-\(k)"; k += 1 }
            used.insert(candidate)
            toc.append(Entry(level: Int(String(digit))!, id: candidate, text: text))
            out += rest[..<open.lowerBound]
            out += "<h\(digit) id=\"\(candidate)\">\(inner)</h\(digit)>"
            rest = after[close.upperBound...]
        }
        out += rest
        return (out, toc)
    }

    /// The text of an HTML fragment: tags dropped, the entities cmark writes decoded.
    package static func plainText(_ html: String) -> String {
        var s = ""
        var inTag = false
        for ch in html {
            if ch == "<" { inTag = true } else if ch == ">" { inTag = false } else if !inTag { s.append(ch) }
        }
        for (e, v) in [("&lt;", "<"), ("&gt;", ">"), ("&quot;", "\""), ("&#39;", "'"), ("&amp;", "&")] {
            s = s.replacingOccurrences(of: e, with: v)
        }
        return s.trimmingCharacters(in: .whitespaces)
    }

    /// Lower-case ASCII letters and digits joined by hyphens; accents folded.
    package static func slug(_ text: String) -> String {
        Slug.of(text)
    }
}
