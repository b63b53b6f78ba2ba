import ArgumentParser
import Foundation
import PortraitsDemo
import PortraitsCore
import PortraitsSite

@main
struct Portraits: ParsableCommand {
    static let configuration = CommandConfiguration(
        commandName: "portraits",
        abstract: "Builds a static site of land-cover portraits for every commune, EPCI, SCoT, département and région.",
        discussion: """
        Reads a project file (portraits.yaml): the communes layer and their membership, the land-cover \
        layers (OCS GE), the nomenclature, the periods. Writes HTML, SVG and CSV into the output folder, \
        replaced atomically at the end of a successful build.
        """,
        subcommands: [Build.self, Demo.self, Check.self, Serve.self, BenchGraphics.self],
        defaultSubcommand: Build.self
    )
}

/// Prints an error for a user (file, layer, feature or line named by the error) and exits non-zero.
func fail(_ error: Error) -> ExitCode {
    FileHandle.standardError.write("error: \(error)\n".data(using: .utf8)!)
    return ExitCode(1)
}

struct Build: ParsableCommand {
    static let configuration = CommandConfiguration(
        abstract: "Build the site described by a project file.",
        discussion: "Stages: load, tabulate, aggregate, compute, render, print (PDF), write. The output folder is replaced only when every stage succeeds.")

    @Option(name: .shortAndLong, help: "Project file.")
    var config = "portraits.yaml"

    @Option(name: .shortAndLong, help: "Output folder (default: the project's `output`, else Output/).")
    var output: String?

    @Flag(name: .shortAndLong, help: "Print only errors.")
    var quiet = false

    @Flag(help: "Make no PDF, whatever the project file's `pdf:` says.")
    var noPdf = false

    @Option(help: "Public address of the site (canonical links, sitemap.xml), replacing the project's site.base_url.")
    var baseUrl: String?

    func run() throws {
        do {
            let s = try SiteBuilder.build(configPath: config, output: output, quiet: quiet, pdf: !noPdf, baseURL: baseUrl)
            if !quiet { print("Built \(s.portraits) portraits, \(s.pages) pages, \(s.files) files (\(s.bytes / 1_000_000) MB) in \(s.output)") }
        } catch {
            throw fail(error)
        }
    }
}

struct Check: ParsableCommand {
    static let configuration = CommandConfiguration(
        abstract: "Validate the project file and the data, and print a summary, without building.",
        discussion: "Reports the communes and territories, the land-cover layers (CRS, polygons, repaired geometries, area outside the communes), the classes found with their areas, coverage and overlaps.")

    @Option(name: .shortAndLong, help: "Project file.")
    var config = "portraits.yaml"

    func run() throws {
        do {
            print(try ProjectCheck.run(configPath: config))
        } catch {
            throw fail(error)
        }
    }
}

struct Demo: ParsableCommand {
    static let configuration = CommandConfiguration(
        abstract: "Generate the synthetic demo land cover (if needed) and build the demo site.",
        discussion: """
        The demo uses the real Grand Est communes shipped in data/grand-est and a deterministic synthetic \
        multi-date land cover (2010, 2019, 2021; CNIG CS and US codes) generated from a seed into \
        demo/generated/. Every page says the land cover is synthetic and the SCoT grouping illustrative.
        """)

    @Option(help: "Folder of the demo project (holding portraits.yaml).")
    var project = "demo"

    @Option(help: "Seed of the synthetic land cover.")
    var seed: UInt64 = 2026

    @Option(help: "Mean area of a synthetic polygon in hectares (smaller: more polygons).")
    var cellHectares: Double = 45

    @Option(name: .shortAndLong, help: "Output folder (default: Output/).")
    var output: String?

    @Flag(help: "Only generate the data, do not build.")
    var generateOnly = false

    @Flag(help: "Make no PDF.")
    var noPdf = false

    @Flag(name: .shortAndLong, help: "Print only errors.")
    var quiet = false

    func run() throws {
        do {
            let configPath = (project as NSString).appendingPathComponent("portraits.yaml")
            let config = try ProjectConfig.load(path: configPath)
            guard let land = config.landCover.sources.first, let scot = config.scot, let membership = config.membership.file else {
                throw InputError(configPath, "the demo project needs a multi-date land-cover layer, a membership table and a SCoT table")
            }
            let inputs = DemoGenerator.Inputs(communes: config.communes, membershipCSV: membership, landCoverOutput: land.layer.path,
                                              landCoverLayer: land.layer.layer ?? "ocsge", scotOutput: scot.file)
            let generated = try DemoGenerator.ensure(inputs, seed: seed, cellHectares: cellHectares, log: { line in if !quiet { print(line) } })
            if !quiet { print("Synthetic land cover: \(generated)") }
            if let zoning = config.explorerLayers.first(where: { $0.layer.path.hasSuffix("zonage_illustratif.gpkg") }) {
                let z = try DemoZoning.ensure(communes: config.communes, membershipCSV: membership, output: zoning.layer.path, seed: seed)
                if !quiet { print("Illustrative zoning: \(z)") }
            }
            if generateOnly { return }
            let s = try SiteBuilder.build(configPath: configPath, output: output, quiet: quiet, pdf: !noPdf)
            if !quiet { print("Built \(s.portraits) portraits, \(s.pages) pages, \(s.files) files (\(s.bytes / 1_000_000) MB) in \(s.output)") }
        } catch {
            throw fail(error)
        }
    }
}

struct BenchGraphics: ParsableCommand {
    static let configuration = CommandConfiguration(
        commandName: "bench-graphics",
        abstract: "Measure every chart and map of a project, kind by kind, beside a byte-buffer floor.",
        discussion: "Loads and tabulates the project, then draws every chart and map the build draws (scene, Cairo SVG) and the floor (the same paths with integer coordinates in a byte buffer); PNG and PDF on a sample. Prints a Markdown table. Writes nothing else.")

    @Option(name: .shortAndLong, help: "Project file.")
    var config = "portraits.yaml"

    @Option(help: "Measure PNG and PDF of every kind on one territory in this many.")
    var sampleEvery = 20

    func run() throws {
        do {
            print(try GraphicsBenchmark.run(configPath: config, sampleEvery: max(1, sampleEvery)))
        } catch {
            throw fail(error)
        }
    }
}
