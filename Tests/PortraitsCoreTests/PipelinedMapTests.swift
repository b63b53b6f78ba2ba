import Foundation
import XCTest
@testable import PortraitsCore

/// `PipelinedMap` returns results in submission order, rethrows the first error in that order, runs
/// at most `threads` bodies at a time, and keeps at most `threads + 1` batches in flight.
final class PipelinedMapTests: XCTestCase {
    struct Odd: Error, Equatable { var value: Int }

    func testOrderConcurrencyAndInFlightBatches() throws {
        for threads in [1, 2, 3] {
            let lock = NSLock()
            var active = 0, peak = 0, finished = 0, submitted = 0, peakInFlight = 0
            let map = PipelinedMap<Int, Int>(threads: threads) { i in
                lock.lock(); active += 1; peak = max(peak, active); lock.unlock()
                Thread.sleep(forTimeInterval: 0.003 * Double(i % 3))
                lock.lock(); active -= 1; finished += 1; lock.unlock()
                return i * i
            }
            for i in 0..<30 {
                map.submit(i)
                lock.lock(); submitted += 1; peakInFlight = max(peakInFlight, submitted - finished); lock.unlock()
            }
            XCTAssertEqual(try map.finish(), (0..<30).map { $0 * $0 })
            XCTAssertLessThanOrEqual(peak, threads, "at most \(threads) bodies at a time")
            XCTAssertLessThanOrEqual(peakInFlight, threads + 1, "at most \(threads + 1) batches in flight")
            if threads > 1 { XCTAssertGreaterThan(peak, 1, "the batches ran side by side") }
        }
    }

    func testFirstErrorInSubmissionOrder() {
        let map = PipelinedMap<Int, Int>(threads: 2) { i in
            // The later error comes first in time.
            Thread.sleep(forTimeInterval: i == 3 ? 0.02 : 0)
            if i == 3 || i == 5 { throw Odd(value: i) }
            return i
        }
        for i in 0..<8 { map.submit(i) }
        XCTAssertThrowsError(try map.finish()) { XCTAssertEqual($0 as? Odd, Odd(value: 3)) }
        XCTAssertEqual(try PipelinedMap<Int, Int> { $0 }.finish(), [])
    }
}
