import XCTest
@testable import PortraitsBench
@testable import PortraitsDownloads
@testable import PortraitsModel
@testable import PortraitsPrint
@testable import PortraitsProject
@testable import PortraitsSite
@testable import PortraitsWeb

final class MarkdownTests: XCTestCase {
    func testTablesRender() {
        let html = Markdown.html("| a | b |\n|---|---|\n| 1 | 2 |\n")
        XCTAssertTrue(html.contains("<table>"), html)
        XCTAssertTrue(html.contains("<td>1</td>"), html)
        // Inside the scroll container, so a wide table does not widen the page on a phone.
        XCTAssertTrue(html.contains("<div class=\"table-wrap\" role=\"region\" tabindex=\"0\" aria-label=\"Tableau (défilement horizontal possible)\"><table>"), html)
        XCTAssertTrue(html.contains("</table></div>"), html)
    }

    func testRawHTMLAndScriptsAreNotPassedThrough() {
        let html = Markdown.html("Bonjour <script>alert(1)</script>\n\n<div onclick=\"x()\">bloc</div>\n")
        XCTAssertFalse(html.contains("<script>"), html)
        XCTAssertFalse(html.contains("onclick"), html)
        XCTAssertTrue(html.contains("raw HTML omitted"), html)
    }

    func testJavascriptLinksAreDropped() {
        let html = Markdown.html("[x](javascript:alert(1))")
        XCTAssertFalse(html.contains("javascript:"), html)
    }

    func testFrontMatterGivesTitleAndOrder() {
        let d = MarkdownDocument(text: "---\ntitle: \"Méthode\"\norder: 2\n---\n# Autre\ntexte\n", fallbackTitle: "x")
        XCTAssertEqual(d.title, "Méthode")
        XCTAssertEqual(d.order, 2)
        XCTAssertEqual(d.body, "# Autre\ntexte\n")
        XCTAssertEqual(MarkdownDocument(text: "# Titre\n", fallbackTitle: "x").title, "Titre")
    }
}
