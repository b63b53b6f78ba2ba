import Foundation
import PortraitsProject
import PortraitsModel
import PortraitsDownloads
import PortraitsPrint
import PortraitsWeb

/// Progress of a long stage, shared by its workers: done / total, rate and time left. On a terminal
/// one line is rewritten in place; otherwise (CI logs) a plain line at each tenth of the work.
/// Lines start with two spaces, so that they never read as a stage line (`[5/7] render …`).
public final class Progress: @unchecked Sendable {
    package let stage: String
    package let unit: String
    package let total: Int
    package let log: ((String) -> Void)?
    package let terminal: Bool
    package let start = DispatchTime.now().uptimeNanoseconds
    private let lock = NSLock()
    private var done = 0
    private var lastTenth = 0
    private var lastPrint: UInt64 = 0

    /// `log` nil: silent (quiet builds).
    package init(stage: String, unit: String, total: Int, log: ((String) -> Void)?, terminal: Bool = isatty(STDERR_FILENO) == 1) {
        self.stage = stage
        self.unit = unit
        self.total = max(total, 1)
        self.log = log
        self.terminal = terminal
    }

    /// Counts `n` more items done, and reports when it is time to.
    package func advance(_ n: Int = 1) {
        lock.lock()
        done += n
        let now = DispatchTime.now().uptimeNanoseconds
        var line: String?
        if terminal {
            if now - lastPrint > 250_000_000 || done == total { line = "\r" + text(now); lastPrint = now }
        } else {
            let tenth = done * 10 / total
            if tenth > lastTenth { lastTenth = tenth; line = text(now) }
        }
        // Written before the lock is released: lines from several threads come out in order (a
        // thread reporting 10 % must not print after another's 100 %).
        if let line, let log { log(line) }
        lock.unlock()
    }

    /// Ends the in-place line on a terminal.
    package func finish() {
        if terminal, let log { log("\r" + String(repeating: " ", count: 79) + "\r") }
    }

    package func text(_ now: UInt64) -> String {
        let seconds = Double(now - start) / 1e9
        let rate = seconds > 0 ? Double(done) / seconds : 0
        let left = rate > 0 ? Double(total - done) / rate : 0
        return "  \(stage): \(done) / \(total) \(unit) (\(done * 100 / total) %), \(String(format: "%.0f", rate)) per s, \(Self.duration(left)) left"
    }

    package static func duration(_ s: Double) -> String {
        let t = Int(s.rounded())
        return t >= 60 ? "\(t / 60) min \(String(format: "%02d", t % 60)) s" : "\(t) s"
    }
}
