import XCTest
@testable import PortraitsBench
@testable import PortraitsDownloads
@testable import PortraitsModel
@testable import PortraitsPrint
@testable import PortraitsProject
@testable import PortraitsSite
@testable import PortraitsWeb

final class OutputWriterTests: XCTestCase {
    func testPathsOutsideTheOutputAreRefused() {
        for bad in ["../x.html", "/etc/passwd", "a/../../b", "a//b", "./a", ""] {
            XCTAssertThrowsError(try OutputWriter.validate(bad), bad)
        }
        XCTAssertNoThrow(try OutputWriter.validate("commune/67482/2019-2021.html"))
    }

    func testCommitSwapsTheSiteInAndDiscardKeepsThePrevious() throws {
        let dir = try temporaryFolder(self)
        let out = dir.appendingPathComponent("Output").path
        let first = try OutputWriter(destination: out)
        try first.write("index.html", "v1")
        try first.write("a/b/c.txt", "deep")
        try first.commit()
        XCTAssertEqual(try read(URL(fileURLWithPath: out + "/index.html")), "v1")

        // A failed build: files were written to staging, then discarded.
        let failed = try OutputWriter(destination: out)
        try failed.write("index.html", "broken")
        failed.discard()
        XCTAssertEqual(try read(URL(fileURLWithPath: out + "/index.html")), "v1")

        let second = try OutputWriter(destination: out)
        try second.write("index.html", "v2")
        try second.commit()
        XCTAssertEqual(try read(URL(fileURLWithPath: out + "/index.html")), "v2")
        XCTAssertFalse(FileManager.default.fileExists(atPath: out + "/a/b/c.txt"), "files of the previous site do not survive")
        let leftovers = try FileManager.default.contentsOfDirectory(atPath: dir.path)
        XCTAssertEqual(leftovers, ["Output"])
    }

    /// A file linked unchanged from the live site and then written again in the same build gets a
    /// file of its own: the live site is never written through the link.
    func testWritingAgainALinkedFileLeavesTheLiveSiteAlone() throws {
        let dir = try temporaryFolder(self)
        let out = dir.appendingPathComponent("Output").path
        let first = try OutputWriter(destination: out)
        try first.write("index.html", "v1")
        try first.commit()
        let second = try OutputWriter(destination: out)
        try second.write("index.html", "v1") // same bytes: hard-linked from the live site
        try second.write("index.html", "v2 plus long")
        XCTAssertEqual(try read(URL(fileURLWithPath: out + "/index.html")), "v1", "the live site is untouched until the commit")
        second.discard()
        XCTAssertEqual(try read(URL(fileURLWithPath: out + "/index.html")), "v1", "and after a failed build")
    }

    func testStagingLeftByAKilledBuildIsCleanedUp() throws {
        let dir = try temporaryFolder(self)
        try FileManager.default.createDirectory(at: dir.appendingPathComponent("Output.staging-99999"), withIntermediateDirectories: true)
        let w = try OutputWriter(destination: dir.appendingPathComponent("Output").path)
        try w.commit()
        XCTAssertEqual(try FileManager.default.contentsOfDirectory(atPath: dir.path), ["Output"])
    }
}
