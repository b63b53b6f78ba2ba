import Foundation
import PortraitsCore
import PortraitsProject
import PortraitsModel
import PortraitsDownloads
import PortraitsPrint
import PortraitsWeb

/// The site behind `portraits serve`: built once, then rebuilt when an input changes. A change to
/// a template or to the documentation re-renders the site from the project already loaded and
/// tabulated in memory (no GDAL, no GEOS); a change to the project file or to a data file reloads
/// everything. Each rebuild goes through the output writer (staging folder swapped in), so the
/// served folder is always a complete site; a failed rebuild keeps the previous one and says why.
public final class LiveSite: @unchecked Sendable {
    public enum Change: Equatable, Sendable {
        /// Templates or `Content/`: render again.
        case presentation([String])
        /// Project file or data: load again.
        case inputs([String])
    }

    package let configPath: String
    package let pdf: Bool
    package let baseURL: String?
    package let quiet: Bool
    public private(set) var output: String = ""
    private var loaded: SiteBuilder.Loaded?
    private var presentationStamps: [String: Date] = [:]
    private var inputStamps: [String: Date] = [:]

    public init(configPath: String, pdf: Bool = false, baseURL: String? = nil, quiet: Bool = false) {
        self.configPath = configPath
        self.pdf = pdf
        self.baseURL = baseURL
        self.quiet = quiet
    }

    /// Loads and builds everything.
    @discardableResult
    public func buildAll() throws -> SiteBuilder.Summary {
        let reporter = StageReporter(BuildStage.build, quiet: quiet)
        let l = try SiteBuilder.load(configPath: configPath, pdf: pdf, baseURL: baseURL, reporter: reporter)
        loaded = l
        output = l.project.config.output
        let summary = try SiteBuilder.write(l, reporter: reporter, cacheFolder: l.project.config.cacheFolder)
        (presentationStamps, inputStamps) = (Self.stamps(presentationFiles(l.project.config)), Self.stamps(inputFiles(l.project.config)))
        return summary
    }

    /// What changed since the last build (nil: nothing).
    public func pendingChange() -> Change? {
        guard let config = loaded?.project.config else { return .inputs([configPath]) }
        let inputs = Self.changed(inputStamps, Self.stamps(inputFiles(config)))
        if !inputs.isEmpty { return .inputs(inputs) }
        let presentation = Self.changed(presentationStamps, Self.stamps(presentationFiles(config)))
        return presentation.isEmpty ? nil : .presentation(presentation)
    }

    /// Rebuilds what the change needs; returns the change handled, nil when nothing changed.
    @discardableResult
    public func rebuildIfChanged() throws -> Change? {
        guard let change = pendingChange() else { return nil }
        switch change {
        case .inputs:
            try buildAll()
        case .presentation:
            guard let l = loaded else { try buildAll(); return change }
            let reporter = StageReporter(BuildStage.rerender, quiet: quiet)
            _ = try SiteBuilder.write(l, reporter: reporter, cacheFolder: l.project.config.cacheFolder)
            presentationStamps = Self.stamps(presentationFiles(l.project.config))
        }
        return change
    }

    /// Templates (the project's folder) and documentation.
    package func presentationFiles(_ config: ProjectConfig) -> [String] {
        Self.files(under: config.templates) + Self.files(under: config.content)
    }

    /// The project file and every data file it names.
    package func inputFiles(_ config: ProjectConfig) -> [String] {
        var files = [configPath, config.communes.path, config.nomenclature]
        files += config.landCover.layers.map(\.path)
        // A new delivery that a glob of the project file matches (expanded again at each look).
        files += config.landCover.globs.flatMap { FileGlob.expand($0, root: "/") }
        if let m = config.membership.file { files.append(m) }
        files += config.nameTables.map(\.layer.path)
        if let s = config.scot { files.append(s.file) }
        if let p = config.postalCodes { files.append(p.file) }
        files += config.explorerLayers.map(\.layer.path)
        // The nomenclature's class tables and correspondences beside its manifest.
        files += Self.files(under: (config.nomenclature as NSString).deletingLastPathComponent)
        return files
    }

    package static func files(under folder: String?) -> [String] {
        guard let folder, let e = FileManager.default.enumerator(atPath: folder) else { return [] }
        return e.compactMap { $0 as? String }.filter { !$0.hasPrefix(".") }.map { (folder as NSString).appendingPathComponent($0) }.sorted()
    }

    package static func stamps(_ files: [String]) -> [String: Date] {
        var out: [String: Date] = [:]
        for f in files {
            out[f] = (try? FileManager.default.attributesOfItem(atPath: f)[.modificationDate] as? Date) ?? .distantPast
        }
        return out
    }

    package static func changed(_ old: [String: Date], _ new: [String: Date]) -> [String] {
        Set(old.keys).union(new.keys).filter { old[$0] != new[$0] }.sorted()
    }
}
