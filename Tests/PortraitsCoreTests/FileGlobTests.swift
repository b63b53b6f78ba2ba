import Foundation
import XCTest
@testable import PortraitsCore

final class FileGlobTests: XCTestCase {
    func testPatternsMatchFilesAtAnyDepthFromALiteralRoot() throws {
        // A project folder whose name holds pattern characters is taken as written.
        let root = FileManager.default.temporaryDirectory.appendingPathComponent("glob [2021] \(UUID().uuidString)")
        defer { try? FileManager.default.removeItem(at: root) }
        let files = ["a/D067_2021/x/OCC.gpkg", "a/D068_2021/OCC.gpkg", "a/D068_2019/OCC.gpkg", "a/.hidden/OCC.gpkg", "b/other.txt"]
        for f in files {
            let url = root.appendingPathComponent(f)
            try FileManager.default.createDirectory(at: url.deletingLastPathComponent(), withIntermediateDirectories: true)
            try Data().write(to: url)
        }
        func names(_ pattern: String) -> [String] { FileGlob.expand(pattern, root: root.path).map { String($0.dropFirst(root.path.count + 1)) } }
        XCTAssertEqual(names("a/**/OCC.gpkg"), ["a/D067_2021/x/OCC.gpkg", "a/D068_2019/OCC.gpkg", "a/D068_2021/OCC.gpkg"], "hidden folders skipped")
        XCTAssertEqual(names("a/*_2021/**/OCC.gpkg"), ["a/D067_2021/x/OCC.gpkg", "a/D068_2021/OCC.gpkg"])
        XCTAssertEqual(names("a/D06[7]_*/*/*.gpkg"), ["a/D067_2021/x/OCC.gpkg"])
        XCTAssertEqual(names("b/**"), ["b/other.txt"], "a trailing ** is every file below")
        XCTAssertEqual(names("a/D068_2021/../D068_2019/*.gpkg"), ["a/D068_2019/OCC.gpkg"], "results are normalised")
        XCTAssertEqual(names("c/**/*.gpkg"), [])
        XCTAssertFalse(FileGlob.isPattern("a/b.gpkg"))
        XCTAssertEqual(FileGlob.expand("a/b.gpkg", root: "/r"), ["/r/a/b.gpkg"], "a path without wildcards is returned as written")
    }

    func testRelativePaths() {
        XCTAssertEqual(PathNormalizer.relative("/a/dl/x.gpkg", from: "/a/project"), "../dl/x.gpkg")
        XCTAssertEqual(PathNormalizer.relative("/a/project/dl/x.gpkg", from: "/a/project"), "dl/x.gpkg")
        XCTAssertEqual(PathNormalizer.relative("/b/x.gpkg", from: "/a/project"), "/b/x.gpkg", "nothing shared: the path as it is")
    }
}
