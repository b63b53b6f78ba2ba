import Foundation

/// A lock, so that Core's caches can be shared by render workers.
final class NSLockLike: @unchecked Sendable {
    private let inner = NSLock()
    func lock() { inner.lock() }
    func unlock() { inner.unlock() }
}
