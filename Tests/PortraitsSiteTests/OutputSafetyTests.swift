import Foundation
import XCTest
@testable import PortraitsCore
@testable import PortraitsBench
@testable import PortraitsDownloads
@testable import PortraitsModel
@testable import PortraitsPrint
@testable import PortraitsProject
@testable import PortraitsSite
@testable import PortraitsWeb

/// A build writes only into a folder that is its own: never over the project, its inputs or a
/// folder it did not make; relative paths keep their `..`; a second build of the same output
/// waits its turn; file-system failures are told in plain words (docs/bad-input.md, 30–37).
final class OutputSafetyTests: XCTestCase {
    /// Every file of the project folder with its bytes, to show that a refused build touched nothing.
    func files(_ dir: URL) throws -> [String: Data] {
        var out: [String: Data] = [:]
        for f in BuildState.files(under: dir.path) { out[f] = try Data(contentsOf: dir.appendingPathComponent(f)) }
        return out
    }

    func assertBuildFails(_ f: BadInputFixture, output: URL? = nil, _ fragments: String..., file: StaticString = #filePath, line: UInt = #line) {
        XCTAssertThrowsError(try f.build(output: output), file: file, line: line) { e in
            let text = "\(e)"
            for fr in fragments { XCTAssertTrue(text.contains(fr), "missing «\(fr)» in: \(text)", file: file, line: line) }
        }
    }

    func testOutputThatIsTheProjectFolderOrHoldsTheDataIsRefusedBeforeAnyRead() throws {
        let f = try BadInputFixture(self)
        try "mes notes".write(to: f.dir.appendingPathComponent("notes.txt"), atomically: true, encoding: .utf8)
        let before = try files(f.dir)
        try f.writeConfig(replace: [("output: site", "output: .")])
        let text = try files(f.dir)
        assertBuildFails(f, "the output folder is the project folder", "would delete it", "Output")
        XCTAssertEqual(try files(f.dir), text, "nothing deleted or written")

        // The data in a sub-folder named as the output.
        let data = f.dir.appendingPathComponent("data")
        try FileManager.default.createDirectory(at: data, withIntermediateDirectories: true)
        try FileManager.default.moveItem(at: f.landCover, to: data.appendingPathComponent("ocs.gpkg"))
        try f.writeConfig(replace: [("output: site", "output: data"), ("file: ocs.gpkg", "file: data/ocs.gpkg")])
        assertBuildFails(f, "the output folder contains a land-cover layer", "data/ocs.gpkg")
        XCTAssertTrue(FileManager.default.fileExists(atPath: data.appendingPathComponent("ocs.gpkg").path))
        _ = before
    }

    func testOutputThatIsAFileOrAFolderWeDidNotMakeIsRefused() throws {
        let f = try BadInputFixture(self)
        let notes = f.dir.appendingPathComponent("notes.txt")
        try "mes notes".write(to: notes, atomically: true, encoding: .utf8)
        assertBuildFails(f, output: notes, "the output is a file, not a folder")
        XCTAssertEqual(try read(notes), "mes notes")

        let foreign = f.dir.appendingPathComponent("photos")
        try FileManager.default.createDirectory(at: foreign, withIntermediateDirectories: true)
        try Data([1, 2, 3]).write(to: foreign.appendingPathComponent("vacances.jpg"))
        assertBuildFails(f, output: foreign, "was not made by portraits", ".portraits-site", "remove this folder first")
        XCTAssertTrue(FileManager.default.fileExists(atPath: foreign.appendingPathComponent("vacances.jpg").path))

        // An empty folder is fine, and a site made by a build can be rebuilt.
        let empty = f.dir.appendingPathComponent("vide")
        try FileManager.default.createDirectory(at: empty, withIntermediateDirectories: true)
        XCTAssertFalse(try f.build(output: empty).upToDate)
        XCTAssertTrue(FileManager.default.fileExists(atPath: empty.appendingPathComponent(OutputWriter.marker).path))
        try Data("x".utf8).write(to: empty.appendingPathComponent("index.html"))
        XCTAssertNoThrow(try SiteBuilder.build(configPath: f.config.path, output: empty.path, quiet: true, pdf: false, cache: false))
        XCTAssertEqual(try FileManager.default.contentsOfDirectory(atPath: f.dir.path).filter { $0.contains("lock") || $0.contains("staging") }, [],
                       "no lock or staging folder left beside the sites")
    }

    /// A site made by a version that wrote no marker is still known by the project's build state.
    func testASiteRecordedInTheBuildStateIsOursEvenWithoutItsMarker() throws {
        let f = try BadInputFixture(self)
        let site = f.dir.appendingPathComponent("site")
        _ = try f.build()
        try FileManager.default.removeItem(at: site.appendingPathComponent(OutputWriter.marker))
        try "x".write(to: f.dir.appendingPathComponent("notes.txt"), atomically: true, encoding: .utf8)
        try f.writeConfig(replace: [("title: Test", "title: Autre")])
        XCTAssertNoThrow(try f.build(), "recorded by the build state of this project")
        XCTAssertTrue(FileManager.default.fileExists(atPath: site.appendingPathComponent(OutputWriter.marker).path), "and marked again")
        // Without the build state it is a folder like any other.
        try FileManager.default.removeItem(at: site.appendingPathComponent(OutputWriter.marker))
        try FileManager.default.removeItem(at: f.dir.appendingPathComponent(".portraits"))
        assertBuildFails(f, "was not made by portraits")
    }

    func testOutputInsideAFolderTheBuildReadsWholeIsRefused() throws {
        let f = try BadInputFixture(self)
        try f.writeConfig(replace: [("output: site", "output: .portraits/site")])
        assertBuildFails(f, "lies inside the cache folder")
    }

    func testRelativeOutputKeepsItsParentFolder() throws {
        XCTAssertEqual(FileSystem.absolute("../site", from: "/a/b"), "/a/site")
        XCTAssertEqual(FileSystem.absolute("./x/../y//z/", from: "/a"), "/a/y/z")
        XCTAssertEqual(FileSystem.absolute("/abs/./p", from: "/ignored"), "/abs/p")
        // Through the binary, run from a sub-folder of the project.
        let f = try BadInputFixture(self)
        let sub = f.dir.appendingPathComponent("travail")
        try FileManager.default.createDirectory(at: sub, withIntermediateDirectories: true)
        let p = Process()
        p.executableURL = portraitsBinary
        p.arguments = ["build", "--config", "../portraits.yaml", "-o", "../site-relatif", "--no-pdf", "--quiet"]
        p.currentDirectoryURL = sub
        let err = Pipe()
        p.standardError = err
        try p.run()
        let message = String(decoding: err.fileHandleForReading.readDataToEndOfFile(), as: UTF8.self)
        p.waitUntilExit()
        XCTAssertEqual(p.terminationStatus, 0, message)
        XCTAssertTrue(FileManager.default.fileExists(atPath: f.dir.appendingPathComponent("site-relatif/index.html").path))
        XCTAssertFalse(FileManager.default.fileExists(atPath: sub.appendingPathComponent("site-relatif").path))
    }

    func testASecondBuildOfTheSameOutputStopsAtOnce() throws {
        let f = try BadInputFixture(self)
        let config = try ProjectConfig.load(path: f.config.path)
        let held = try OutputTarget(output: config.output, config: config)
        assertBuildFails(f, "another portraits build is writing this output folder")
        held.unlock()
        XCTAssertNoThrow(try f.build())
    }

    func testUnwritablePlacesAndFullDisksAreToldBeforeTheLongStages() throws {
        let f = try BadInputFixture(self)
        assertBuildFails(f, output: f.config.appendingPathComponent("site"), "cannot be made", "portraits.yaml is a file")
        try f.writeConfig(extra: "cache: portraits.yaml/cache")
        assertBuildFails(f, "the cache folder (cache:) cannot be made")
        try f.writeConfig()
        let config = try ProjectConfig.load(path: f.config.path)
        XCTAssertThrowsError(try OutputTarget(output: config.output, config: config, minimumFreeBytes: Int64.max)) { e in
            XCTAssertTrue("\(e)".contains("no space left on the device for the output folder"), "\(e)")
        }
        XCTAssertFalse(FileManager.default.fileExists(atPath: f.dir.appendingPathComponent(".portraits/facts.sqlite").path), "nothing tabulated")
    }

    /// A full disk, for real: a 300 kB tmpfs (tests run as root, as CI does).
    func smallDisk() throws -> URL {
        let dir = try temporaryFolder(self).appendingPathComponent("disque")
        try FileManager.default.createDirectory(at: dir, withIntermediateDirectories: true)
        let p = Process()
        p.executableURL = URL(fileURLWithPath: "/bin/mount")
        p.arguments = ["-t", "tmpfs", "-o", "size=300k", "tmpfs", dir.path]
        p.standardError = FileHandle.nullDevice
        try p.run()
        p.waitUntilExit()
        guard p.terminationStatus == 0 else { throw XCTSkip("mounting a small tmpfs needs root (CI runs as root)") }
        addTeardownBlock { _ = try? runTool("/bin/umount", ["-l", dir.path]) }
        return dir
    }

    func testAFullDiskIsToldInPlainWordsAndLeavesNoHalfWrittenSite() throws {
        let disk = try smallDisk()
        XCTAssertThrowsError(try FileSystem.write(disk.appendingPathComponent("gros").path, Array(repeating: 1, count: 3_000_000))) { e in
            XCTAssertEqual("\(e)", disk.appendingPathComponent("gros").path + ": cannot write the file: no space left on the device")
        }
        XCTAssertFalse(FileManager.default.fileExists(atPath: disk.appendingPathComponent("gros").path), "the partial file is removed")
        let f = try BadInputFixture(self)
        func build(_ env: [String: String]) throws -> (Int32, String) {
            let p = Process()
            p.executableURL = portraitsBinary
            p.arguments = ["build", "--config", f.config.path, "-o", disk.appendingPathComponent("site").path, "--no-pdf", "--quiet"]
            p.environment = ProcessInfo.processInfo.environment.merging(env) { $1 }
            let err = Pipe()
            p.standardError = err
            try p.run()
            let message = String(decoding: err.fileHandleForReading.readDataToEndOfFile(), as: UTF8.self)
            p.waitUntilExit()
            return (p.terminationStatus, message)
        }
        // Before any data is read: not enough room.
        let (early, message) = try build([:])
        XCTAssertEqual(early, 1)
        XCTAssertTrue(message.contains("no space left on the device for the output folder: 0 MB free, a build needs at least 200 MB"), message)
        // Without that margin, the disk fills while pages are written: the same words, and nothing left.
        let (late, full) = try build(["PORTRAITS_MIN_FREE_MB": "0"])
        XCTAssertEqual(late, 1)
        XCTAssertTrue(full.contains("cannot write the file: no space left on the device"), full)
        XCTAssertFalse(full.contains("NSCocoaErrorDomain"), full)
        XCTAssertEqual(try FileManager.default.contentsOfDirectory(atPath: disk.path), [], "no half-written site, no staging folder")
    }

    func testFileSystemErrorsArePlainWords() throws {
        let cocoa = NSError(domain: NSCocoaErrorDomain, code: NSFileWriteOutOfSpaceError, userInfo: [NSFilePathErrorKey: "/site/a.html"])
        XCTAssertEqual(FileSystem.describe(cocoa), "/site/a.html: no space left on the device")
        let posix = NSError(domain: NSCocoaErrorDomain, code: 513, userInfo: [NSFilePathErrorKey: "/x",
                            NSUnderlyingErrorKey: NSError(domain: NSPOSIXErrorDomain, code: Int(EROFS))])
        XCTAssertEqual(FileSystem.describe(posix), "/x: read-only file system")
        XCTAssertFalse(FileSystem.describe(NSError(domain: NSCocoaErrorDomain, code: 4)).contains("NSCocoaErrorDomain"))
    }

    func testFactsFileOfATabulationNeverReplacesAnInput() throws {
        let f = try BadInputFixture(self)
        for target in [f.landCover.path, f.membership.path] {
            XCTAssertThrowsError(try ShardTabulation.run(configPath: f.config.path, departements: ["99"], communesFile: nil, output: target, quiet: true)) { e in
                XCTAssertTrue("\(e)".contains("would replace or lie inside"), "\(e)")
            }
        }
        let notes = f.dir.appendingPathComponent("notes.sqlite")
        try "mes notes".write(to: notes, atomically: true, encoding: .utf8)
        XCTAssertThrowsError(try ShardTabulation.run(configPath: f.config.path, departements: ["99"], communesFile: nil, output: notes.path, quiet: true)) { e in
            XCTAssertTrue("\(e)".contains("is not a facts file of portraits"), "\(e)")
        }
        XCTAssertEqual(try read(notes), "mes notes")
        XCTAssertEqual(try Data(contentsOf: f.landCover).isEmpty, false)
    }
}
