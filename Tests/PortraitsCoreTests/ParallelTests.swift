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

    /// With a state per worker: made once per worker (not per index), each index sees the state of
    /// the worker that took it, results stay in index order, and an error while making it is rethrown.
    func testAStatePerWorkerIsMadeOncePerWorker() throws {
        final class Counter: @unchecked Sendable { var made = 0, taken = 0 }
        for threads in [1, 2, 3] {
            let lock = NSLock()
            var states: [Counter] = []
            let results = try parallelMap(count: 300, threads: threads, state: { () -> Counter in
                let c = Counter()
                lock.lock(); states.append(c); lock.unlock()
                return c
            }) { (c: inout Counter, i: Int) -> Int in
                c.taken += 1
                if i % 50 == 0 { Thread.sleep(forTimeInterval: 0.002) }
                return i * 3
            }
            XCTAssertEqual(results, (0..<300).map { $0 * 3 })
            XCTAssertLessThanOrEqual(states.count, threads, "one state per worker at most")
            XCTAssertEqual(states.reduce(0) { $0 + $1.taken }, 300, "every index taken once, with its worker's state")
        }
        struct Failure: Error, Equatable {}
        XCTAssertThrowsError(try parallelMap(count: 10, threads: 2, state: { () -> Int in throw Failure() }) { (_: inout Int, i: Int) in i }) {
            XCTAssertEqual($0 as? Failure, Failure())
        }
        XCTAssertThrowsError(try parallelMap(count: 20, threads: 2, state: { 0 }) { (_: inout Int, i: Int) -> Int in
            if i >= 5 { throw Failure() }
            return i
        })
    }
}
