import Foundation
import PortraitsResources
import XCTest
@testable import PortraitsBench
@testable import PortraitsDownloads
@testable import PortraitsModel
@testable import PortraitsPrint
@testable import PortraitsProject
@testable import PortraitsSite
@testable import PortraitsWeb

/// `portraits serve` run as a user would: the site served on loopback (folders give their
/// index, unknown paths the 404 page, no path leaves the folder), then rebuilt when a page of
/// documentation or a template changes.
final class ServeTests: XCTestCase {
    var binary: URL { portraitsBinary }

    /// The Metaleurop example with its own copy of Content/ and a Templates/ folder, in `dir`.
    func project(in dir: URL) throws -> URL {
        let example = repositoryRoot.appendingPathComponent("examples/metaleurop")
        try FileManager.default.copyItem(at: repositoryRoot.appendingPathComponent("Content"), to: dir.appendingPathComponent("Content"))
        try FileManager.default.createDirectory(at: dir.appendingPathComponent("Templates"), withIntermediateDirectories: true)
        let text = try read(example.appendingPathComponent("portraits.yaml"))
            .replacingOccurrences(of: "file: data/", with: "file: \(example.path)/data/")
            .replacingOccurrences(of: "content: ../../Content", with: "content: Content")
            .replacingOccurrences(of: "output: ../../Output-metaleurop", with: "output: Output")
        let config = dir.appendingPathComponent("portraits.yaml")
        try text.write(to: config, atomically: true, encoding: .utf8)
        return config
    }

    func get(_ url: String) -> (status: Int, body: String) {
        let p = Process()
        p.executableURL = URL(fileURLWithPath: "/usr/bin/curl")
        p.arguments = ["-s", "--path-as-is", "-o", "-", "-w", "\n%{http_code}", url]
        let out = Pipe()
        p.standardOutput = out
        p.standardError = FileHandle.nullDevice
        try? p.run()
        let data = out.fileHandleForReading.readDataToEndOfFile()
        p.waitUntilExit()
        let text = String(decoding: data, as: UTF8.self)
        guard let nl = text.lastIndex(of: "\n") else { return (0, "") }
        return (Int(text[text.index(after: nl)...]) ?? 0, String(text[..<nl]))
    }

    /// Polls `url` until `condition` holds or `seconds` pass.
    func wait(_ url: String, seconds: Double, until condition: (Int, String) -> Bool) -> (Int, String) {
        let end = Date().addingTimeInterval(seconds)
        var last = (0, "")
        while Date() < end {
            last = get(url)
            if condition(last.0, last.1) { return last }
            Thread.sleep(forTimeInterval: 0.3)
        }
        return last
    }

    func testServesTheSiteAndRebuildsWhenContentOrTemplatesChange() throws {
        XCTAssertTrue(FileManager.default.isExecutableFile(atPath: binary.path), "build the executable first: \(binary.path)")
        let dir = try temporaryFolder(self)
        let config = try project(in: dir)
        let port = 18_000 + Int(ProcessInfo.processInfo.processIdentifier % 2_000)
        let p = Process()
        p.executableURL = binary
        p.arguments = ["serve", "--config", config.path, "--port", String(port)]
        p.standardOutput = FileHandle.nullDevice
        p.standardError = FileHandle.nullDevice
        try p.run()
        defer { p.terminate(); p.waitUntilExit() }
        let base = "http://127.0.0.1:\(port)"

        let home = wait("\(base)/", seconds: 120) { s, _ in s == 200 }
        XCTAssertEqual(home.0, 200)
        XCTAssertTrue(home.1.contains("<html lang=\"fr\">"))
        XCTAssertEqual(get("\(base)/commune/").0, 200, "a folder gives its index")
        let missing = get("\(base)/commune/00000/2018.html")
        XCTAssertEqual(missing.0, 404)
        XCTAssertTrue(missing.1.contains("Page introuvable"))
        XCTAssertNotEqual(get("\(base)/../portraits.yaml").0, 200, "no path leaves the folder")
        XCTAssertEqual(get("\(base)/doc/a-propos.html").0, 200)

        // A page of documentation changes: the site is rendered again.
        let about = dir.appendingPathComponent("Content/a-propos.md")
        try (try read(about) + "\nMarque de test 4821.\n").write(to: about, atomically: true, encoding: .utf8)
        let changed = wait("\(base)/doc/a-propos.html", seconds: 60) { _, body in body.contains("Marque de test 4821") }
        XCTAssertTrue(changed.1.contains("Marque de test 4821"), "documentation change served")

        // A template of the project overrides the built-in one: every page changes.
        let footer = try read(URL(fileURLWithPath: BuiltInResources.templates).appendingPathComponent("footer.mustache"))
        try footer.replacingOccurrences(of: "</footer>", with: "<p>Pied 7719</p></footer>")
            .write(to: dir.appendingPathComponent("Templates/footer.mustache"), atomically: true, encoding: .utf8)
        let templated = wait("\(base)/index.html", seconds: 60) { _, body in body.contains("Pied 7719") }
        XCTAssertTrue(templated.1.contains("Pied 7719"), "template change served")
        XCTAssertTrue(p.isRunning, "the server survives rebuilds")
    }
}
