import Foundation
import XCTest
@testable import PortraitsCore

/// The `portraits` binary run as a user would: killed in the middle of a build, and run under
/// other locales, time zones and thread counts.
final class ProcessSafetyTests: XCTestCase {
    var binary: URL { portraitsBinary }

    let config = repositoryRoot.appendingPathComponent("examples/metaleurop/portraits.yaml").path

    func launch(_ args: [String], env: [String: String] = [:]) throws -> Process {
        XCTAssertTrue(FileManager.default.isExecutableFile(atPath: binary.path), "build the executable first (swift build): \(binary.path)")
        let p = Process()
        p.executableURL = binary
        p.arguments = args
        var environment = ProcessInfo.processInfo.environment
        for (k, v) in env { environment[k] = v }
        p.environment = environment
        p.standardOutput = FileHandle.nullDevice
        p.standardError = FileHandle.nullDevice
        try p.run()
        return p
    }

    /// SIGKILL at several moments of a build (loading, rendering, writing): the previous site stays
    /// whole, and the next build cleans what the killed one left.
    func testKilledBuildLeavesThePreviousOutputIntact() throws {
        let dir = try temporaryFolder(self)
        let out = dir.appendingPathComponent("Output")
        let first = try launch(["build", "--config", config, "--output", out.path])
        first.waitUntilExit()
        XCTAssertEqual(first.terminationStatus, 0)
        let reference = try snapshot(out)
        XCTAssertGreaterThan(reference.count, 100)
        for delay in [0.05, 0.3, 0.6, 0.9, 1.2] {
            let p = try launch(["build", "--config", config, "--output", out.path])
            Thread.sleep(forTimeInterval: delay)
            kill(p.processIdentifier, SIGKILL)
            p.waitUntilExit()
            XCTAssertEqual(try snapshot(out), reference, "after SIGKILL at \(delay) s")
        }
        let last = try launch(["build", "--config", config, "--output", out.path])
        last.waitUntilExit()
        XCTAssertEqual(last.terminationStatus, 0)
        XCTAssertEqual(try FileManager.default.contentsOfDirectory(atPath: dir.path), ["Output"], "staging folders cleaned")
    }

    /// Two builds under other locales, time zones and thread counts give the same bytes.
    func testOutputDoesNotDependOnLocaleTimeZoneOrThreads() throws {
        let dir = try temporaryFolder(self)
        let a = dir.appendingPathComponent("a"), b = dir.appendingPathComponent("b")
        let p1 = try launch(["build", "--config", config, "--output", a.path], env: ["PORTRAITS_THREADS": "1", "LANG": "C", "LC_ALL": "C", "TZ": "UTC"])
        p1.waitUntilExit()
        let p2 = try launch(["build", "--config", config, "--output", b.path], env: ["PORTRAITS_THREADS": "7", "LANG": "tr_TR.UTF-8", "LC_ALL": "tr_TR.UTF-8", "TZ": "Pacific/Kiritimati"])
        p2.waitUntilExit()
        XCTAssertEqual(p1.terminationStatus, 0)
        XCTAssertEqual(p2.terminationStatus, 0)
        XCTAssertEqual(try snapshot(a), try snapshot(b))
    }

    func testVersionNamesTheToolAndItsLibraries() throws {
        let r = try runToolStatus(binary.path, ["--version"])
        XCTAssertEqual(r.status, 0, r.err)
        let lines = r.out.split(separator: "\n").map(String.init)
        XCTAssertEqual(lines.first, "portraits \(ToolVersion.number)")
        // jemalloc, as it answers at run time: the allocator linked in place of glibc's.
        for library in ["GDAL 3.", "GEOS 3.", "Cairo 1.", "qpdf 1", "cmark-gfm 0.", "SQLite 3.", "jemalloc 5."] {
            XCTAssertTrue(lines.count == 4 && lines[1].contains(library), "\(library) in \(r.out)")
        }
    }

    func testFailedBuildExitsNonZeroWithTheError() throws {
        let p = Process()
        p.executableURL = binary
        p.arguments = ["build", "--config", "/nonexistent/portraits.yaml"]
        let err = Pipe()
        p.standardError = err
        p.standardOutput = FileHandle.nullDevice
        try p.run()
        let message = String(decoding: err.fileHandleForReading.readDataToEndOfFile(), as: UTF8.self)
        p.waitUntilExit()
        XCTAssertEqual(p.terminationStatus, 1)
        XCTAssertTrue(message.contains("error: /nonexistent/portraits.yaml: cannot read the project file"), message)
    }

    /// Every file of a tree with its bytes' hash.
    func snapshot(_ root: URL) throws -> [String: Int] {
        var out: [String: Int] = [:]
        guard let e = FileManager.default.enumerator(at: root, includingPropertiesForKeys: [.isRegularFileKey]) else { return out }
        for case let url as URL in e where (try url.resourceValues(forKeys: [.isRegularFileKey])).isRegularFile == true {
            var hasher = Hasher()
            hasher.combine(try Data(contentsOf: url))
            out[String(url.path.dropFirst(root.path.count))] = hasher.finalize()
        }
        return out
    }
}
