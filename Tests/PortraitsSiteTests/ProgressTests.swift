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

    /// Stage lines are numbered from the command's list; a stage the list does not hold, or one
    /// run after a later one, is refused before its body runs.
    func testStagesNumberedFromTheCommandsList() throws {
        var lines: [String] = []
        let reporter = StageReporter(BuildStage.shard, log: { lines.append($0) })
        try reporter.run(.load) { ((), "read") }
        try reporter.run(.tabulate) { ((), "overlay") }
        var ran = false
        XCTAssertThrowsError(try reporter.run(.render) { ran = true; return ((), "") }) { error in
            XCTAssertTrue("\(error)".contains("stage render is not next in this command's stages (load, tabulate, write; done: load, tabulate)"), "\(error)")
        }
        XCTAssertThrowsError(try reporter.run(.load) { ran = true; return ((), "") }, "load again after tabulate")
        XCTAssertFalse(ran)
        try reporter.run(.write) { ((), "facts.sqlite") }
        XCTAssertEqual(lines.map { String($0.prefix(14)) }, ["[1/3] load    ", "[2/3] tabulate", "[3/3] write   "])
        XCTAssertEqual(reporter.stages.map(\.name), ["load", "tabulate", "write"])
        // The build's list is every stage, in the order the build runs them.
        XCTAssertEqual(BuildStage.build.map(\.rawValue), ["load", "tabulate", "aggregate", "compute", "render", "print", "write"])
        XCTAssertEqual(BuildStage.rerender, Array(BuildStage.build.suffix(3)))
    }
}
