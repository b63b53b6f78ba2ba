import Foundation
import XCTest

/// The repository's root, found from this file's path.
let repositoryRoot = URL(fileURLWithPath: #filePath).deletingLastPathComponent().deletingLastPathComponent().deletingLastPathComponent()

/// A fresh temporary folder, removed at the end of the test.
func temporaryFolder(_ test: XCTestCase) throws -> URL {
    let url = FileManager.default.temporaryDirectory.appendingPathComponent("portraits-test-\(UUID().uuidString)")
    try FileManager.default.createDirectory(at: url, withIntermediateDirectories: true)
    // PORTRAITS_KEEP_TEST_OUTPUT=1 keeps the folder, to look at what a test built.
    if ProcessInfo.processInfo.environment["PORTRAITS_KEEP_TEST_OUTPUT"] == nil {
        test.addTeardownBlock { try? FileManager.default.removeItem(at: url) }
    }
    return url
}

/// Runs a command (in `directory`, else the current one) and returns its standard output; fails
/// the test on a non-zero exit, with its standard error.
func runTool(_ tool: String, _ args: [String], in directory: URL? = nil, file: StaticString = #filePath, line: UInt = #line) throws -> String {
    let r = try runToolStatus(tool, args, in: directory)
    XCTAssertEqual(r.status, 0, "\(tool) \(args.joined(separator: " ")): \(r.err)", file: file, line: line)
    return r.out
}

/// A tool's exit status, standard output and standard error.
func runToolStatus(_ tool: String, _ args: [String], in directory: URL? = nil) throws -> (status: Int32, out: String, err: String) {
    let p = Process()
    p.executableURL = URL(fileURLWithPath: tool)
    p.arguments = args
    if let directory { p.currentDirectoryURL = directory }
    let out = Pipe(), err = Pipe()
    p.standardOutput = out
    p.standardError = err
    try p.run()
    let data = out.fileHandleForReading.readDataToEndOfFile()
    let errData = err.fileHandleForReading.readDataToEndOfFile()
    p.waitUntilExit()
    return (p.terminationStatus, String(decoding: data, as: UTF8.self), String(decoding: errData, as: UTF8.self))
}

func read(_ url: URL) throws -> String { try String(contentsOf: url, encoding: .utf8) }

/// The `portraits` executable built beside the test bundle (`make test` builds it first).
var portraitsBinary: URL {
    let dir = URL(fileURLWithPath: CommandLine.arguments[0]).deletingLastPathComponent()
    for candidate in [dir, dir.deletingLastPathComponent(), repositoryRoot.appendingPathComponent(".build/debug")] {
        let url = candidate.appendingPathComponent("portraits")
        if FileManager.default.isExecutableFile(atPath: url.path) { return url }
    }
    return repositoryRoot.appendingPathComponent(".build/debug/portraits")
}

/// The project file of the small fixtures (`communes.gpkg`, `membership.csv`, output `site`),
/// with `landCover` (its lines) under `land_cover:`.
func fixtureProject(landCover: String) -> String {
    let root = repositoryRoot.path
    return """
    site:
      title: Test
    communes:
      file: communes.gpkg
      layer: communes
    membership:
      file: membership.csv
    land_cover:
    \(landCover.split(separator: "\n").map { "  " + $0 }.joined(separator: "\n"))
    nomenclature: \(root)/Content/nomenclatures/cnig/nomenclature.yaml
    content: \(root)/Content
    output: site
    """
}
