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

/// `parallelMap` where each worker first makes a state of its own (`makeState`, once per worker,
/// not once per index) that `body` then uses for every index it takes: a GEOS context with the
/// communes' prepared geometries, say. Many small indices spread uneven work over the workers
/// without paying for that state each time. Results in index order; the first error, in index
/// order, is rethrown (an error from `makeState` is rethrown as well).
public func parallelMap<State, T>(count: Int, threads: Int = defaultThreadCount(), state makeState: () throws -> State,
                                  _ body: (_ state: inout State, _ index: Int) throws -> T) throws -> [T] {
    let results = UnsafeMutableBufferPointer<Result<T, Error>?>.allocate(capacity: count)
    results.initialize(repeating: nil)
    defer { results.deinitialize(); results.deallocate() }
    let workers = max(1, min(count, threads))
    let next = IndexDispenser()
    let failures = UnsafeMutableBufferPointer<Error?>.allocate(capacity: workers)
    failures.initialize(repeating: nil)
    defer { failures.deinitialize(); failures.deallocate() }
    withoutActuallyEscaping(makeState) { makeState in
        withoutActuallyEscaping(body) { body in
            func work(_ w: Int) {
                var state: State
                do { state = try makeState() } catch {
                    failures[w] = error
                    // The others take this worker's share.
                    return
                }
                while let i = next.take(below: count) { results[i] = Result { try body(&state, i) } }
            }
            if workers == 1 { work(0) } else { DispatchQueue.concurrentPerform(iterations: workers) { work($0) } }
        }
    }
    if let e = failures.compactMap({ $0 }).first { throw e }
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
