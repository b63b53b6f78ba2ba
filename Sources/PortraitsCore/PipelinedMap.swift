import Foundation

/// Work handed out while it is produced: one thread (a GDAL reader, say) submits batches, which up
/// to `threads` workers process at a time while it goes on reading; `finish` returns the results in
/// the order of submission and rethrows the first error in that order. At most `threads + 1`
/// batches are submitted and not finished at a time: a producer faster than the workers waits
/// rather than holding its whole input. With one thread, each batch is processed as it is submitted.
public final class PipelinedMap<Input, Output>: @unchecked Sendable {
    private let body: (Input) throws -> Output
    private let threads: Int
    private let queue = DispatchQueue(label: "portraits.pipelined-map", attributes: .concurrent)
    private let group = DispatchGroup()
    private let slots: DispatchSemaphore
    private let running: DispatchSemaphore
    private let lock = NSLock()
    private var results: [Int: Result<Output, Error>] = [:]
    private var submitted = 0

    public init(threads: Int = defaultThreadCount(), _ body: @escaping (Input) throws -> Output) {
        self.body = body
        self.threads = max(1, threads)
        slots = DispatchSemaphore(value: self.threads + 1)
        running = DispatchSemaphore(value: self.threads)
    }

    /// Hands `input` to a worker (or, with one thread, processes it now).
    public func submit(_ input: Input) {
        let index = submitted
        submitted += 1
        if threads == 1 {
            results[index] = Result { try body(input) }
            return
        }
        slots.wait()
        group.enter()
        queue.async { [self] in
            running.wait()
            let result = Result { try body(input) }
            running.signal()
            lock.lock()
            results[index] = result
            lock.unlock()
            slots.signal()
            group.leave()
        }
    }

    /// Waits for every batch submitted and returns their results in submission order.
    public func finish() throws -> [Output] {
        wait()
        return try (0..<submitted).map { try results[$0]!.get() }
    }

    /// Waits for every batch submitted (after an error of the producer: no work left running).
    public func wait() {
        group.wait()
    }
}
