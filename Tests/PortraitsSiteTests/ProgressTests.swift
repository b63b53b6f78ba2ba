import XCTest
@testable import PortraitsBench
@testable import PortraitsDownloads
@testable import PortraitsModel
@testable import PortraitsPrint
@testable import PortraitsProject
@testable import PortraitsSite
@testable import PortraitsWeb

final class ProgressTests: XCTestCase {
    /// Without a terminal, one plain line per tenth of the work, from any number of threads, never
    /// one that reads as a stage line.
    func testPlainLinesAtEachTenth() {
        final class Lines: @unchecked Sendable {
            let lock = NSLock()
            var all: [String] = []
            func add(_ s: String) { lock.lock(); all.append(s); lock.unlock() }
        }
        let lines = Lines()
        let p = Progress(stage: "render", unit: "territories", total: 1_000, log: { lines.add($0) }, terminal: false)
        DispatchQueue.concurrentPerform(iterations: 1_000) { _ in p.advance() }
        p.finish()
        XCTAssertEqual(lines.all.count, 10)
        XCTAssertTrue(lines.all.last!.hasPrefix("  render: 1000 / 1000 territories (100 %)"), lines.all.last!)
        XCTAssertTrue(lines.all.allSatisfy { $0.hasPrefix("  ") && $0.contains(" left") })
    }

    func testWeightedAdvanceAndDurations() {
        var lines: [String] = []
        let p = Progress(stage: "print", unit: "portraits", total: 10, log: { lines.append($0) }, terminal: false)
        p.advance(5)
        p.advance(5)
        XCTAssertEqual(lines.count, 2)
        XCTAssertTrue(lines[0].contains("5 / 10 portraits (50 %)"))
        XCTAssertEqual(Progress.duration(75), "1 min 15 s")
        XCTAssertEqual(Progress.duration(9.6), "10 s")
    }
}
