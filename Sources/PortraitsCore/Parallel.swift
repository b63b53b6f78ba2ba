import Foundation

/// Runs `body` for `0..<count` concurrently (Dispatch uses one thread per active core) and returns
/// the results in index order; the first error thrown, in index order, is rethrown.
public func parallelMap<T>(count: Int, _ body: (_ index: Int) throws -> T) throws -> [T] {
    let results = UnsafeMutableBufferPointer<Result<T, Error>?>.allocate(capacity: count)
    results.initialize(repeating: nil)
    defer { results.deinitialize(); results.deallocate() }
    withoutActuallyEscaping(body) { body in
        DispatchQueue.concurrentPerform(iterations: count) { i in
            results[i] = Result { try body(i) }
        }
    }
    return try results.map { try $0!.get() }
}

/// The number of worker threads to use: the `PORTRAITS_THREADS` variable, else the active cores.
public func defaultThreadCount() -> Int {
    if let s = ProcessInfo.processInfo.environment["PORTRAITS_THREADS"], let n = Int(s), n > 0 { return n }
    return max(1, ProcessInfo.processInfo.activeProcessorCount)
}
