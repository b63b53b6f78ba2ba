import ArgumentParser
import Foundation
import PortraitsDemo
import PortraitsCore
import PortraitsBench
import PortraitsProject
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
        version: VersionReport.text,
        subcommands: [Build.self, Init.self, Tabulate.self, Demo.self, Check.self, Serve.self, BenchGraphics.self, BenchPrint.self, BenchFloor.self],
        defaultSubcommand: Build.self
    )
}

/// Prints an error for a user (file, layer, feature or line named by the error) and exits non-zero.
func fail(_ error: Error) -> ExitCode {
    // Our errors name the place; a file-system error from Foundation is put into plain words.
    FileHandle.standardError.write("error: \(FileSystem.describe(error))\n".data(using: .utf8)!)
    return ExitCode(1)
}

struct Init: ParsableCommand {
    static let configuration = CommandConfiguration(
        abstract: "Start a project from IGN's downloads: inspect them and write portraits.yaml, Content/ and Templates/.",
        discussion: """
        Point it at the communes (ADMIN EXPRESS's folder, or a layer with INSEE_COM, NOM and the codes of \
        EPCI, département and région) and at the land cover (OCS GE folders, files or globs: every layer \
        with a CODE_CS field is read). It prints what it found and what to check. \
        `portraits init --example DIR` writes a small fictional territory as IGN delivers it, and its project.
        """)

    @Option(help: "The communes: ADMIN EXPRESS's folder (its COMMUNE layer and, for the names, EPCI, DEPARTEMENT, REGION), or a layer.")
    var communes: String?

    @Option(name: .customLong("land-cover"), help: "A land-cover source: a file, a folder (searched for OCS GE layers) or a glob. Repeat for several.")
    var landCover: [String] = []

    @Option(name: .shortAndLong, help: "The project folder to write (default: the current folder).")
    var output = "."

    @Option(help: "Write a runnable example into this folder instead: IGN-shaped downloads and the project init makes from them.")
    var example: String?

    @Flag(help: "Replace an existing portraits.yaml (Content/ and Templates/ files already there are kept).")
    var force = false

    func run() throws {
        do {
            if let example {
                print(try ProjectInit.example(into: example, force: force))
                return
            }
            guard let communes else { throw ValidationError("give --communes (and --land-cover), or --example DIR") }
            print(try ProjectInit.run(communes: communes, landCover: landCover, into: output, force: force))
        } catch let e as ValidationError {
            throw e
        } catch {
            throw fail(error)
        }
    }
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

    @Flag(help: "Make no council report (rapport triennal), whatever the project file's `rapport:` says.")
    var noRapport = false

    @Option(help: "Public address of the site (canonical links, sitemap.xml), replacing the project's site.base_url.")
    var baseUrl: String?

    @Option(name: .customLong("facts"), help: "A facts file written by `portraits tabulate` (repeat for each shard; a shell glob works): merge them instead of tabulating.")
    var facts: [String] = []

    @Flag(help: "Keep no build state: tabulate and render everything, reuse nothing.")
    var noCache = false

    func run() throws {
        do {
            let s = try SiteBuilder.build(configPath: config, output: output, quiet: quiet, pdf: !noPdf, baseURL: baseUrl, facts: facts, cache: !noCache,
                                          report: !noRapport)
            if !quiet { print(summaryLine(s)) }
        } catch {
            throw fail(error)
        }
    }
}

func summaryLine(_ s: SiteBuilder.Summary) -> String {
    if s.upToDate { return "Up to date: \(s.files) files (\(s.bytes / 1_000_000) MB) in \(s.output), nothing written" }
    return "Built \(s.portraits) portraits, \(s.pages) pages, \(s.files) files (\(s.bytes / 1_000_000) MB, \(s.unchanged) unchanged) in \(s.output)"
}

struct Tabulate: ParsableCommand {
    static let configuration = CommandConfiguration(
        abstract: "Tabulate a shard of the communes into a facts file, for `portraits build --facts`.",
        discussion: """
        Runs the load and tabulate stages for the communes of some départements (--departement, repeatable) or \
        of a list of INSEE codes (--communes FILE, one per line), reading only the land cover around them, and \
        writes their facts (SQLite) to --output. Shards are independent jobs: run them on any batch scheduler, then \
        `portraits build --facts shard1.sqlite --facts shard2.sqlite …` merges them (each commune in exactly one shard). \
        See docs/sharding.md.
        """)

    @Option(name: .shortAndLong, help: "Project file.")
    var config = "portraits.yaml"

    @Option(help: "Tabulate the communes of this département (INSEE code; repeat for several).")
    var departement: [String] = []

    @Option(help: "Tabulate the communes listed in this file (one INSEE code per line).")
    var communes: String?

    @Option(name: .shortAndLong, help: "Facts file to write.")
    var output: String

    @Flag(name: .shortAndLong, help: "Print only errors.")
    var quiet = false

    func run() throws {
        do {
            let r = try ShardTabulation.run(configPath: config, departements: departement, communesFile: communes, output: output, quiet: quiet)
            if !quiet { print("Tabulated \(r.communes) communes (\(r.polygons) land-cover polygons read) into \(output)") }
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

    @Option(help: "small (default: about 130 000 polygons, demo/) or scale (OCS GE density, about 70 polygons per km², 4 million per millésime, demo/scale/).")
    var profile: DemoProfile = .small

    @Option(help: "Folder of the demo project (holding portraits.yaml); default: the profile's.")
    var project: String?

    @Option(help: "Seed of the synthetic land cover.")
    var seed: UInt64 = 2026

    @Option(help: "Mean area of a synthetic polygon in hectares (smaller: more polygons); default: the profile's (45 or 1.43).")
    var cellHectares: Double?

    @Option(name: .shortAndLong, help: "Output folder (default: Output/).")
    var output: String?

    @Flag(help: "Only generate the data, do not build.")
    var generateOnly = false

    @Flag(help: "Make no PDF.")
    var noPdf = false

    @Flag(help: "Make no council report (rapport triennal).")
    var noRapport = false

    @Flag(name: .shortAndLong, help: "Print only errors.")
    var quiet = false

    func run() throws {
        do {
            let configPath = ((project ?? profile.project) as NSString).appendingPathComponent("portraits.yaml")
            let cellHectares = self.cellHectares ?? profile.cellHectares
            let config = try ProjectConfig.load(path: configPath)
            guard let land = config.landCover.sources.first, let scot = config.scot, let membership = config.membership.file else {
                throw InputError(configPath, "the demo project needs a multi-date land-cover layer, a membership table and a SCoT table")
            }
            let inputs = DemoGenerator.Inputs(communes: config.communes, membershipCSV: membership, landCoverOutput: land.layers[0].path,
                                              landCoverLayer: land.layers[0].layer ?? "ocsge", scotOutput: scot.file)
            let generated = try DemoGenerator.ensure(inputs, seed: seed, cellHectares: cellHectares, ruralExchange: profile.ruralExchange,
                                                     log: { line in if !quiet { print(line) } })
            if !quiet { print("Synthetic land cover: \(generated)") }
            if let zoning = config.explorerLayers.first(where: { $0.layer.path.hasSuffix("zonage_illustratif.gpkg") }) {
                let z = try DemoZoning.ensure(communes: config.communes, membershipCSV: membership, output: zoning.layer.path, seed: seed)
                if !quiet { print("Illustrative zoning: \(z)") }
            }
            if generateOnly { return }
            let s = try SiteBuilder.build(configPath: configPath, output: output, quiet: quiet, pdf: !noPdf, report: !noRapport)
            if !quiet { print(summaryLine(s)) }
        } catch {
            throw fail(error)
        }
    }
}

/// The two sizes of the synthetic demo.
enum DemoProfile: String, ExpressibleByArgument, CaseIterable {
    case small, scale

    var project: String { self == .small ? "demo" : "demo/scale" }
    /// OCS GE has about 70 polygons per km², i.e. 1.43 ha per polygon.
    var cellHectares: Double { self == .small ? 45 : 1.43 }
    /// Rural exchanges per period, so that 1–3 % of the area changes between millésimes (see
    /// BENCHMARKS-scale.md); the small profile keeps its land cover as it was.
    var ruralExchange: Double { self == .small ? 0 : 0.011 }
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

    @Flag(help: "Measure the maps only, not the charts.")
    var mapsOnly = false

    @Option(help: "Measure the territories of this level only (commune, epci, scot, departement, region).")
    var level: String?

    func run() throws {
        do {
            if let level, TerritoryLevel(rawValue: level) == nil {
                throw ValidationError("--level \(level): one of \(TerritoryLevel.allCases.map(\.rawValue).joined(separator: ", "))")
            }
            print(try GraphicsBenchmark.run(configPath: config, sampleEvery: max(1, sampleEvery), mapsOnly: mapsOnly, level: level))
        } catch {
            throw fail(error)
        }
    }
}

struct BenchPrint: ParsableCommand {
    static let configuration = CommandConfiguration(
        commandName: "bench-print",
        abstract: "Measure the portrait PDFs of a project, phase by phase: layout, Cairo's PDF surface, finishing (qpdf).",
        discussion: "Loads and tabulates the project, lays out each territory's map scenes (as the build does for its web maps), then draws every portrait PDF the project prints, timing each phase. Prints a Markdown table. Writes nothing else.")

    @Option(name: .shortAndLong, help: "Project file.")
    var config = "portraits.yaml"

    @Option(help: "Measure one territory in this many.")
    var sampleEvery = 1

    @Option(help: "Threads drawing (default: one per core).")
    var threads = defaultThreadCount()

    func run() throws {
        do {
            print(try PrintBenchmark.run(configPath: config, sampleEvery: max(1, sampleEvery), threads: max(1, threads)))
        } catch {
            throw fail(error)
        }
    }
}

struct BenchFloor: ParsableCommand {
    static let configuration = CommandConfiguration(
        commandName: "bench-floor",
        abstract: "Measure the tabulation's floor on a project: the least work that gets the same areas (GDAL's Arrow stream, GEOS overlay on every core).",
        discussion: "Reads every land-cover polygon and its code fields through GDAL's columnar Arrow stream, then on every core adds each polygon whole to the commune that properly contains it or intersects it with the communes it meets (STRtree, prepared geometries), accumulating areas per (commune, millésime, class) and per (commune, period, class, class): no validity check, nomenclature, thresholds, coverage or maps. The land cover must be in the communes' CRS. Prints one line of numbers.")

    @Option(name: .shortAndLong, help: "Project file.")
    var config = "portraits.yaml"

    func run() throws {
        do {
            let r = try FloorBenchmark.run(configPath: config)
            print(String(format: "floor_polygons=%d floor_read=%.2f floor_overlay=%.2f floor_total=%.2f floor_whole=%d floor_intersected=%d floor_intersections=%d floor_stock_cells=%d floor_transition_cells=%d area_ha=%.4f communes_ha=%.4f",
                         r.polygons, r.readSeconds, r.overlaySeconds, r.readSeconds + r.overlaySeconds, r.whole, r.intersected, r.intersections,
                         r.stockCells, r.transitionCells, r.area / 10_000, r.communesArea / 10_000))
        } catch {
            throw fail(error)
        }
    }
}
