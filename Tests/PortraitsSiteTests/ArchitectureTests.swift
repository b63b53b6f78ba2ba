import Foundation
import XCTest

/// The site's folders are layers: each may use the folders below it and none above, so that a
/// figure is computed in one place (`Portrait/`), laid out by renderers (`Pages/`, `Print/`,
/// `Downloads/`, `Portal/`), and written by the build: its stages (`Build/`), its units of output (`Units/`) and the commands that run them (`Commands/`). The modules that hold them
/// (`PortraitsProject` … `PortraitsBench`) make the compiler refuse a use of a module above; this
/// test also orders the folders inside a module. A use is a reference to a type declared at the
/// top level of another folder's file.
final class ArchitectureTests: XCTestCase {
    /// Bottom first.
    static let layers = ["Config", "Output", "Store", "Load", "Portrait", "Paths", "Maps", "Report", "Render", "Downloads", "Print", "Portal",
                         "Pages", "Build", "Units", "Commands", "Bench"]

    /// The site's modules, bottom first.
    static let modules = ["PortraitsProject", "PortraitsModel", "PortraitsDownloads", "PortraitsPrint", "PortraitsWeb", "PortraitsSite", "PortraitsBench"]

    func testFoldersOfTheSiteDependOnlyOnTheLayersBelow() throws {
        let sources = try Self.modules.flatMap { try Self.sources(repositoryRoot.appendingPathComponent("Sources/\($0)")) }
        XCTAssertGreaterThan(sources.count, 60, "the site's sources are found")
        let folders = Set(sources.map(\.folder))
        XCTAssertEqual(folders.subtracting(Self.layers), [], "every folder has its place in ArchitectureTests.layers")
        let violations = Self.upwardUses(sources, layers: Self.layers)
        XCTAssertEqual(violations, [], "a folder uses a folder above it")
    }

    /// `PortraitsResources` sits at the repository's root (to carry the top-level `Templates/` and
    /// `Content/`): everything else there must be in its `exclude`, or SwiftPM would take it for
    /// unhandled files of that target (and a new module's sources would be warned about, not built).
    func testTheResourceTargetExcludesEverythingElseAtTheRoot() throws {
        let manifest = try String(contentsOf: repositoryRoot.appendingPathComponent("Package.swift"), encoding: .utf8)
        let target = String(try XCTUnwrap(manifest.range(of: #"\.target\(name: "PortraitsResources"[\s\S]*?resources:"#, options: .regularExpression).map { manifest[$0] }))
        let listed = Set(try NSRegularExpression(pattern: #""([^"]+)""#).matches(in: target, range: NSRange(target.startIndex..., in: target))
            .map { String(target[Range($0.range(at: 1), in: target)!]) })
        let fm = FileManager.default
        let kept: Set<String> = ["Templates", "Content", "Sources", "Package.swift", "Package.resolved", "Sources/PortraitsResources"]
        var entries = try fm.contentsOfDirectory(atPath: repositoryRoot.path).filter { !$0.hasPrefix(".") && !$0.hasPrefix("Output") }
        entries += try fm.contentsOfDirectory(atPath: repositoryRoot.appendingPathComponent("Sources").path).filter { !$0.hasPrefix(".") }.map { "Sources/\($0)" }
        XCTAssertEqual(Set(entries).subtracting(kept).subtracting(listed).sorted(), [], "add these to PortraitsResources' exclude in Package.swift")
    }

    /// The check itself finds an upward use.
    func testAnUpwardUseIsFound() {
        let sources: [Source] = [
            Source(folder: "Portrait", file: "Portrait.swift", text: "struct Portrait {}\nstruct PortraitBuilder { let p: PortraitPage }"),
            Source(folder: "Pages", file: "PortraitPage.swift", text: "struct PortraitPage { let p: Portrait }\n    struct Row {}"),
        ]
        XCTAssertEqual(Self.upwardUses(sources, layers: ["Portrait", "Pages"]), ["Portrait/Portrait.swift uses PortraitPage (Pages)"])
        XCTAssertEqual(Self.upwardUses(sources, layers: ["Pages", "Portrait"]), ["Pages/PortraitPage.swift uses Portrait (Portrait)"])
    }

    struct Source {
        let folder: String, file: String, text: String
    }

    static func sources(_ root: URL) throws -> [Source] {
        var out: [Source] = []
        let enumerator = FileManager.default.enumerator(at: root, includingPropertiesForKeys: nil)!
        for case let url as URL in enumerator where url.pathExtension == "swift" {
            let relative = url.path.dropFirst(root.path.count + 1)
            guard let folder = relative.split(separator: "/").first, relative.contains("/") else { continue }
            out.append(Source(folder: String(folder), file: url.lastPathComponent, text: try String(contentsOf: url, encoding: .utf8)))
        }
        return out.sorted { ($0.folder, $0.file) < ($1.folder, $1.file) }
    }

    /// "Folder/File.swift uses Type (OtherFolder)" for every use of a type of a higher layer.
    static func upwardUses(_ sources: [Source], layers: [String]) -> [String] {
        let declaration = try! NSRegularExpression(pattern: #"^(?:(?:public|package|internal|private|fileprivate|final|indirect) )*(?:struct|enum|class|protocol|typealias|actor) ([A-Z]\w*)"#,
                                                   options: .anchorsMatchLines)
        let identifier = try! NSRegularExpression(pattern: #"\b[A-Z]\w*\b"#)
        func matches(_ re: NSRegularExpression, _ s: String, group: Int) -> [String] {
            re.matches(in: s, range: NSRange(s.startIndex..., in: s)).map { String(s[Range($0.range(at: group), in: s)!]) }
        }
        var owner: [String: String] = [:]
        for s in sources { for name in matches(declaration, s.text, group: 1) { owner[name] = owner[name] ?? s.folder } }
        var found: [String] = []
        for s in sources {
            guard let rank = layers.firstIndex(of: s.folder) else { continue }
            let code = s.text.split(separator: "\n").map { $0.components(separatedBy: "//").first! }.joined(separator: "\n")
            for name in Set(matches(identifier, code, group: 0)).sorted() {
                guard let other = owner[name], other != s.folder, let otherRank = layers.firstIndex(of: other), otherRank > rank else { continue }
                found.append("\(s.folder)/\(s.file) uses \(name) (\(other))")
            }
        }
        return found
    }
}
