import Foundation
import PortraitsProject
import PortraitsModel
import PortraitsDownloads
import PortraitsPrint
import PortraitsWeb

/// Names and times the stages of a build, and prints one line per stage (`[2/6] tabulate  3.4 s`).
public final class StageReporter: @unchecked Sendable {
    public struct Stage: Sendable {
        public var name: String
        public var seconds: Double
        public var detail: String
        /// CPU time of the process during the stage (user + system, every thread).
        public var cpuSeconds: Double = 0
        /// Peak resident memory of the process so far, in MB.
        public var peakRSSMB: Int = 0
    }

    public private(set) var stages: [Stage] = []
    package let total: Int
    package let quiet: Bool
    package let log: (String) -> Void

    public init(total: Int, quiet: Bool = false, log: @escaping (String) -> Void = { FileHandle.standardError.write(($0 + "\n").data(using: .utf8)!) }) {
        self.total = total
        self.quiet = quiet
        self.log = log
    }

    /// A progress counter for the items of a long stage (silent when quiet). The stage line
    /// printed when the stage ends follows the progress lines.
    public func progress(_ stage: String, unit: String, total: Int) -> Progress {
        let log = self.log
        return Progress(stage: stage, unit: unit, total: total, log: quiet ? nil : { line in
            if line.hasPrefix("\r") { FileHandle.standardError.write(line.data(using: .utf8)!) } else { log(line) }
        })
    }

    /// Runs one stage; errors are tagged with the stage name.
    public func run<T>(_ name: String, _ body: () throws -> (T, String)) throws -> T {
        let start = DispatchTime.now().uptimeNanoseconds
        let cpuStart = ResourceUsage.cpuSeconds()
        do {
            let (value, detail) = try body()
            let s = Double(DispatchTime.now().uptimeNanoseconds - start) / 1e9
            let stage = Stage(name: name, seconds: s, detail: detail, cpuSeconds: ResourceUsage.cpuSeconds() - cpuStart,
                              peakRSSMB: ResourceUsage.peakRSSMB())
            stages.append(stage)
            if !quiet {
                log("[\(stages.count)/\(total)] \(name.padding(toLength: 10, withPad: " ", startingAt: 0)) \(String(format: "%6.1f", s)) s  \(detail)"
                    + "  [cpu \(String(format: "%.1f", stage.cpuSeconds)) s, peak rss \(stage.peakRSSMB) MB]")
            }
            return value
        } catch {
            throw StageError(stage: name, underlying: error)
        }
    }
}

/// An error raised during a named stage.
public struct StageError: Error, CustomStringConvertible {
    public var stage: String
    public var underlying: Error
    public var description: String { "stage \(stage) failed:\n\(underlying)" }
}
