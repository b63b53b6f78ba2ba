import Foundation
import XCTest
@testable import PortraitsCore

/// `parallelMap` keeps index order, rethrows the first error, and never runs more workers than
/// asked (`PORTRAITS_THREADS` caps the threads really used, as docs/sharding.md promises).
final class ParallelTests: XCTestCase {
    /// The most bodies that ran at the same time.
    func peakConcurrency(count: Int, threads: Int?) throws -> (peak: Int, results: [Int]) {
        let lock = NSLock()
        var active = 0, peak = 0
        let body = { (i: Int) -> Int in
            lock.lock(); active += 1; peak = max(peak, active); lock.unlock()
            Thread.sleep(forTimeInterval: 0.004)
            lock.lock(); active -= 1; lock.unlock()
            return i * i
        }
        let results = try threads.map { try parallelMap(count: count, threads: $0, body) } ?? parallelMap(count: count, body)
        return (peak, results)
    }

    func testResultsInIndexOrderAndThreadsCapped() throws {
        for threads in [1, 2, 3] {
            let (peak, results) = try peakConcurrency(count: 40, threads: threads)
            XCTAssertEqual(results, (0..<40).map { $0 * $0 })
            XCTAssertLessThanOrEqual(peak, threads, "at most \(threads) workers")
        }
        XCTAssertEqual(try parallelMap(count: 0) { $0 }, [])
    }

    func testTheEnvironmentVariableCapsTheThreads() throws {
        setenv("PORTRAITS_THREADS", "1", 1)
        defer { unsetenv("PORTRAITS_THREADS") }
        XCTAssertEqual(defaultThreadCount(), 1)
        XCTAssertEqual(try peakConcurrency(count: 24, threads: nil).peak, 1)
    }

    func testTheFirstErrorInIndexOrderIsRethrown() {
        struct Failure: Error, Equatable { var index: Int }
        XCTAssertThrowsError(try parallelMap(count: 50, threads: 4) { i -> Int in
            if i % 7 == 3 { throw Failure(index: i) }
            return i
        }) { e in XCTAssertEqual(e as? Failure, Failure(index: 3)) }
    }
}
