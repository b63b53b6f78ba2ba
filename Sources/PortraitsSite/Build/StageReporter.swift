import Foundation
import PortraitsProject
import PortraitsModel
import PortraitsDownloads
import PortraitsPrint
import PortraitsWeb

/// Names and times the stages of a command, and prints one line per stage (`[2/7] tabulate  3.4 s`),
/// numbered from the command's list of stages (`BuildStage`).
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
    /// The command's stages, in the order they run.
    package let plan: [BuildStage]
    package let quiet: Bool
    package let log: (String) -> Void

    public init(_ plan: [BuildStage], quiet: Bool = false, log: @escaping (String) -> Void = { FileHandle.standardError.write(($0 + "\n").data(using: .utf8)!) }) {
        self.plan = plan
        self.quiet = quiet
        self.log = log
    }

    /// A progress counter for the items of a long stage (silent when quiet). The stage line
    /// printed when the stage ends follows the progress lines.
    public func progress(_ stage: BuildStage, phase: String? = nil, unit: String, total: Int) -> Progress {
        let log = self.log
        return Progress(stage: stage.rawValue + (phase.map { " (\($0))" } ?? ""), unit: unit, total: total, log: quiet ? nil : { line in
            if line.hasPrefix("\r") { FileHandle.standardError.write(line.data(using: .utf8)!) } else { log(line) }
        })
    }

    /// Runs one stage; errors are tagged with the stage name. A stage that is not the command's
    /// next one (not in its list, or before a stage already run) is refused before it runs.
    public func run<T>(_ stage: BuildStage, _ body: () throws -> (T, String)) throws -> T {
        let name = stage.rawValue
        let done = stages.last.flatMap { last in plan.firstIndex { $0.rawValue == last.name } } ?? -1
        guard let position = plan.firstIndex(of: stage), position > done else {
            throw StageError(stage: name, underlying: OutOfPlan(stage: stage, plan: plan, done: stages.map(\.name)))
        }
        let start = DispatchTime.now().uptimeNanoseconds
        let cpuStart = ResourceUsage.cpuSeconds()
        do {
            let (value, detail) = try body()
            let s = Double(DispatchTime.now().uptimeNanoseconds - start) / 1e9
            let stage = Stage(name: name, seconds: s, detail: detail, cpuSeconds: ResourceUsage.cpuSeconds() - cpuStart,
                              peakRSSMB: ResourceUsage.peakRSSMB())
            stages.append(stage)
            if !quiet {
                log("[\(position + 1)/\(plan.count)] \(name.padding(toLength: 10, withPad: " ", startingAt: 0)) \(String(format: "%6.1f", s)) s  \(detail)"
                    + "  [cpu \(String(format: "%.1f", stage.cpuSeconds)) s, peak rss \(stage.peakRSSMB) MB]")
            }
            return value
        } catch {
            throw StageError(stage: name, underlying: error)
        }
    }
}

/// A stage run where its command's list does not have it: a defect of the code, reported as an error.
struct OutOfPlan: Error, CustomStringConvertible {
    var stage: BuildStage
    var plan: [BuildStage]
    var done: [String]
    var description: String {
        "internal error: stage \(stage.rawValue) is not next in this command's stages (\(plan.map(\.rawValue).joined(separator: ", ")); done: \(done.joined(separator: ", ")))"
    }
}

/// An error raised during a named stage.
public struct StageError: Error, CustomStringConvertible {
    public var stage: String
    public var underlying: Error
    public var description: String { "stage \(stage) failed:\n\(underlying)" }
}
