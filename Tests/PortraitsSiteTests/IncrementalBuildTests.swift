import Foundation
import PortraitsResources
import XCTest
@testable import PortraitsCore
@testable import PortraitsBench
@testable import PortraitsDownloads
@testable import PortraitsModel
@testable import PortraitsPrint
@testable import PortraitsProject
@testable import PortraitsSite
@testable import PortraitsWeb

/// Incremental builds on the real Metaleurop example: facts reused from the store, a build with
/// nothing changed writes nothing, a change to the documentation or to a template makes only the
/// units that depend on it, and shards tabulated apart merge into the same site.
final class IncrementalBuildTests: XCTestCase {
    static let example = repositoryRoot.appendingPathComponent("examples/metaleurop")

    /// The example's project in `dir`, with its own copy of `Content/` (to change) and cache folder.
    func project(in dir: URL) throws -> URL {
        let content = dir.appendingPathComponent("Content")
        try FileManager.default.copyItem(at: repositoryRoot.appendingPathComponent("Content"), to: content)
        let text = try read(Self.example.appendingPathComponent("portraits.yaml"))
            .replacingOccurrences(of: "file: data/", with: "file: \(Self.example.path)/data/")
            .replacingOccurrences(of: "nomenclature: cnig", with: "nomenclature: \(content.path)/nomenclatures/cnig/nomenclature.yaml")
            .replacingOccurrences(of: "content: ../../Content", with: "content: Content")
            .replacingOccurrences(of: "output: ../../Output-metaleurop", with: "output: site")
        let config = dir.appendingPathComponent("portraits.yaml")
        try (text + "pdf: {portraits: main, atlases: []}\n").write(to: config, atomically: true, encoding: .utf8)
        return config
    }

    /// Every file of a folder with its inode and modification time.
    func stamps(_ folder: URL) -> [String: String] {
        var out: [String: String] = [:]
        for case let f as String in FileManager.default.enumerator(atPath: folder.path)! {
            var st = stat()
            guard stat(folder.appendingPathComponent(f).path, &st) == 0, (st.st_mode & S_IFMT) == S_IFREG else { continue }
            out[f] = "\(st.st_ino) \(st.st_mtim.tv_sec).\(st.st_mtim.tv_nsec)"
        }
        return out
    }

    func stage(_ s: SiteBuilder.Summary, _ name: String) -> String { s.stages.first { $0.name == name }?.detail ?? "" }

    func testNothingChangedWritesNothingAndTouchedInputsAreHashed() throws {
        let dir = try temporaryFolder(self)
        let config = try project(in: dir)
        let site = dir.appendingPathComponent("site")
        let first = try SiteBuilder.build(configPath: config.path, quiet: true)
        XCTAssertFalse(first.upToDate)
        XCTAssertTrue(stage(first, "tabulate").contains("tabulated, saved to"), stage(first, "tabulate"))
        XCTAssertTrue(FileManager.default.fileExists(atPath: dir.appendingPathComponent(".portraits/facts.sqlite").path))
        let before = stamps(site)
        XCTAssertGreaterThan(before.count, 300)

        let second = try SiteBuilder.build(configPath: config.path, quiet: true)
        XCTAssertTrue(second.upToDate)
        XCTAssertEqual(second.files, before.count)
        XCTAssertEqual(stamps(site), before, "no file written, moved or touched")

        // A touched input (same bytes, new time) is hashed again and found unchanged.
        let land = Self.example.appendingPathComponent("data/ocsge_2018_l93.gpkg").path
        let attributes = try FileManager.default.attributesOfItem(atPath: land)
        let copy = dir.appendingPathComponent("ocs.gpkg")
        try FileManager.default.copyItem(atPath: land, toPath: copy.path)
        var text = try read(config)
        text = text.replacingOccurrences(of: land, with: copy.path)
        try text.write(to: config, atomically: true, encoding: .utf8)
        XCTAssertNotNil(attributes[.size])
        let third = try SiteBuilder.build(configPath: config.path, quiet: true)
        XCTAssertFalse(third.upToDate, "the project file changed")
        XCTAssertTrue(stage(third, "tabulate").contains("reused from"), "same bytes under another name: same facts — \(stage(third, "tabulate"))")
        XCTAssertEqual(third.unchanged, third.files, "every file came out the same, so every file was kept")
        XCTAssertEqual(stamps(site), before)
        try FileManager.default.setAttributes([.modificationDate: Date(timeIntervalSinceNow: 60)], ofItemAtPath: copy.path)
        XCTAssertTrue(try SiteBuilder.build(configPath: config.path, quiet: true).upToDate, "a touched file with the same bytes changes nothing")
    }

    func testContentChangeRendersOnlyTheSitePages() throws {
        let dir = try temporaryFolder(self)
        let config = try project(in: dir)
        let site = dir.appendingPathComponent("site")
        _ = try SiteBuilder.build(configPath: config.path, quiet: true)
        let before = stamps(site)
        let guide = dir.appendingPathComponent("Content/guide.md")
        try (try read(guide) + "\nUne phrase ajoutée pour le test.\n").write(to: guide, atomically: true, encoding: .utf8)

        let s = try SiteBuilder.build(configPath: config.path, quiet: true)
        XCTAssertTrue(stage(s, "tabulate").contains("reused from"))
        XCTAssertTrue(stage(s, "render").contains("reused: maps, territory-pages, level-maps, downloads"), stage(s, "render"))
        XCTAssertTrue(stage(s, "print").contains("reused"), stage(s, "print"))
        let after = stamps(site)
        let changed = after.keys.filter { after[$0] != before[$0] }.sorted()
        XCTAssertEqual(changed, ["doc/guide.html"])
        XCTAssertTrue(try read(site.appendingPathComponent("doc/guide.html")).contains("Une phrase ajoutée pour le test."))
    }

    func testTemplateChangeRendersPagesNotMaps() throws {
        let dir = try temporaryFolder(self)
        let config = try project(in: dir)
        let site = dir.appendingPathComponent("site")
        _ = try SiteBuilder.build(configPath: config.path, quiet: true)
        let before = stamps(site)
        let templates = dir.appendingPathComponent("Templates")
        try FileManager.default.createDirectory(at: templates, withIntermediateDirectories: true)
        let portrait = try read(URL(fileURLWithPath: BuiltInResources.templates).appendingPathComponent("portrait.mustache"))
        try portrait.replacingOccurrences(of: "{{> footer}}", with: "<p>Marque du gabarit de test</p>\n{{> footer}}")
            .write(to: templates.appendingPathComponent("portrait.mustache"), atomically: true, encoding: .utf8)

        let s = try SiteBuilder.build(configPath: config.path, quiet: true)
        XCTAssertTrue(stage(s, "render").contains("reused: maps, level-maps, downloads"), stage(s, "render"))
        let after = stamps(site)
        let changed = Set(after.keys.filter { after[$0] != before[$0] })
        let portraits = after.keys.filter { $0.hasSuffix("/2018.html") }
        XCTAssertEqual(portraits.count, 35)
        for p in portraits {
            XCTAssertTrue(changed.contains(p), p)
            XCTAssertTrue(try read(site.appendingPathComponent(p)).contains("Marque du gabarit de test"), p)
        }
        for f in after.keys where f.hasSuffix(".svg") || f.hasSuffix(".png") || f.hasSuffix(".csv") || f.hasSuffix(".pdf") || f.hasSuffix("explorateur.html") {
            XCTAssertFalse(changed.contains(f), "\(f) does not depend on the portrait template")
        }
    }

    func testShardsMergeIntoTheSameSite() throws {
        let dir = try temporaryFolder(self)
        let config = try project(in: dir)
        let whole = dir.appendingPathComponent("whole"), merged = dir.appendingPathComponent("merged")
        _ = try SiteBuilder.build(configPath: config.path, output: whole.path, quiet: true, cache: false)
        let a = dir.appendingPathComponent("59.sqlite").path, b = dir.appendingPathComponent("62.sqlite").path
        let ra = try ShardTabulation.run(configPath: config.path, departements: ["59"], communesFile: nil, output: a, quiet: true)
        let rb = try ShardTabulation.run(configPath: config.path, departements: ["62"], communesFile: nil, output: b, quiet: true)
        XCTAssertEqual(ra.communes + rb.communes, 28)
        XCTAssertGreaterThan(ra.communes, 0)
        XCTAssertGreaterThan(rb.communes, 0)
        XCTAssertEqual(try FactsStore.header(a)?.scope, "département 59")
        _ = try SiteBuilder.build(configPath: config.path, output: merged.path, quiet: true, facts: [a, b], cache: false)
        let diff = Process()
        diff.executableURL = URL(fileURLWithPath: "/usr/bin/diff")
        diff.arguments = ["-r", "-q", whole.path, merged.path]
        let pipe = Pipe()
        diff.standardOutput = pipe
        try diff.run(); diff.waitUntilExit()
        XCTAssertEqual(diff.terminationStatus, 0, "merged shards differ from one build: \(String(decoding: pipe.fileHandleForReading.readDataToEndOfFile(), as: UTF8.self).prefix(2000))")

        // A commune in no shard, a commune in two, facts from other inputs: errors naming them.
        XCTAssertThrowsError(try SiteBuilder.build(configPath: config.path, output: merged.path, quiet: true, facts: [a], cache: false)) { e in
            XCTAssertTrue("\(e)".contains("communes are in no facts file: 62"), "\(e)")
        }
        XCTAssertThrowsError(try SiteBuilder.build(configPath: config.path, output: merged.path, quiet: true, facts: [a, b, a], cache: false)) { e in
            XCTAssertTrue("\(e)".contains("is also in \(a)"), "\(e)")
        }
        let list = dir.appendingPathComponent("list.txt")
        try "62001\nnot-a-code\n".write(to: list, atomically: true, encoding: .utf8)
        XCTAssertThrowsError(try ShardTabulation.run(configPath: config.path, departements: [], communesFile: list.path, output: a, quiet: true)) { e in
            XCTAssertTrue("\(e)".contains("list.txt, line 2"), "\(e)")
        }
        // The same project with another land-cover setting: its facts have another key.
        let other = try read(config).replacingOccurrences(of: "land_cover:\n", with: "land_cover:\n  unknown_codes: non-classe\n")
        let otherConfig = dir.appendingPathComponent("other.yaml")
        try other.write(to: otherConfig, atomically: true, encoding: .utf8)
        let c = dir.appendingPathComponent("other.sqlite").path
        _ = try ShardTabulation.run(configPath: otherConfig.path, departements: ["62"], communesFile: nil, output: c, quiet: true)
        XCTAssertThrowsError(try SiteBuilder.build(configPath: config.path, output: merged.path, quiet: true, facts: [a, c], cache: false)) { e in
            XCTAssertTrue("\(e)".contains(c) && "\(e)".contains("other inputs"), "\(e)")
        }
    }

    /// Each unit's key hashes the figures and exactly the inputs its entry in `OutputUnit` names.
    func testEachUnitsKeyHashesWhatItsEntryNames() throws {
        let writer = try OutputWriter(destination: try temporaryFolder(self).appendingPathComponent("site").path)
        defer { writer.discard() }
        let base = BuildKeys(facts: "f", data: "d", templates: "t", content: "c", publishing: "p")
        func keys(_ k: BuildKeys, nav: String) -> [OutputUnit: String] {
            let cache = UnitCache(writer: writer, keys: k, previous: [:])
            return Dictionary(uniqueKeysWithValues: OutputUnit.allCases.map { ($0, cache.key($0, nav: nav)!) })
        }
        func changed(_ k: BuildKeys, nav: String = "menu") -> Set<OutputUnit> {
            let before = keys(base, nav: "menu"), after = keys(k, nav: nav)
            return Set(OutputUnit.allCases.filter { before[$0] != after[$0] })
        }
        var k = base
        k.data = "d2"
        XCTAssertEqual(changed(k), Set(OutputUnit.allCases), "the figures and the code: every unit")
        k = base
        k.templates = "t2"
        XCTAssertEqual(changed(k), [.territoryPages, .site])
        k = base
        k.content = "c2"
        XCTAssertEqual(changed(k), [.site])
        k = base
        k.publishing = "p2"
        XCTAssertEqual(changed(k), [.territoryPages, .site, .pdf])
        XCTAssertEqual(changed(base, nav: "another menu"), [.territoryPages])
        XCTAssertEqual(Set(keys(base, nav: "menu").values).count, OutputUnit.allCases.count, "no two units share a key")
        XCTAssertEqual(OutputUnit.allCases.map(\.rawValue), ["maps", "territory-pages", "level-maps", "downloads", "site", "pdf"])
    }
}
