import Foundation

/// Runs `body` for `0..<count` on at most `threads` worker threads (default: `defaultThreadCount()`,
/// so `PORTRAITS_THREADS` caps the threads really used) and returns the results in index order; the
/// first error thrown, in index order, is rethrown. Each worker takes the next index as it finishes
/// one, so uneven items spread over the workers.
public func parallelMap<T>(count: Int, threads: Int = defaultThreadCount(), _ body: (_ index: Int) throws -> T) throws -> [T] {
    let results = UnsafeMutableBufferPointer<Result<T, Error>?>.allocate(capacity: count)
    results.initialize(repeating: nil)
    defer { results.deinitialize(); results.deallocate() }
    let workers = max(1, min(count, threads))
    let next = IndexDispenser()
    withoutActuallyEscaping(body) { body in
        if workers == 1 {
            for i in 0..<count { results[i] = Result { try body(i) } }
            return
        }
        DispatchQueue.concurrentPerform(iterations: workers) { _ in
            while let i = next.take(below: count) { results[i] = Result { try body(i) } }
        }
    }
    return try results.map { try $0!.get() }
}

/// Hands out 0, 1, 2… to the workers of `parallelMap`, once each.
public final class IndexDispenser: @unchecked Sendable {
    public init() {}
    private var next = 0
    private let lock = NSLock()

    public func take(below count: Int) -> Int? {
        lock.lock()
        defer { lock.unlock() }
        guard next < count else { return nil }
        next += 1
        return next - 1
    }
}

/// The number of worker threads to use: the `PORTRAITS_THREADS` variable, else the active cores.
public func defaultThreadCount() -> Int {
    if let s = ProcessInfo.processInfo.environment["PORTRAITS_THREADS"], let n = Int(s), n > 0 { return n }
    return max(1, ProcessInfo.processInfo.activeProcessorCount)
}
