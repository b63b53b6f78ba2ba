// swift-tools-version:5.9
import PackageDescription

let package = Package(
    name: "portraits",
    platforms: [.macOS(.v13)],
    products: [
        .executable(name: "portraits", targets: ["portraits"]),
    ],
    dependencies: [
        .package(url: "https://github.com/apple/swift-argument-parser", from: "1.8.2"),
        .package(url: "https://github.com/jpsim/Yams", from: "5.0.1"),
        .package(url: "https://github.com/hummingbird-project/swift-mustache", from: "2.1.1"),
        .package(url: "https://github.com/swhitty/FlyingFox", from: "0.27.1"),
        .package(url: "https://github.com/weichsel/ZIPFoundation", from: "0.9.20"),
    ],
    targets: [
        // C libraries from Debian's -dev packages.
        .systemLibrary(name: "CGDAL", pkgConfig: "gdal", providers: [.apt(["libgdal-dev"])]),
        .systemLibrary(name: "CGEOS", pkgConfig: "geos", providers: [.apt(["libgeos-dev"])]),
        .systemLibrary(name: "CCairo", pkgConfig: "cairo", providers: [.apt(["libcairo2-dev"])]),
        .systemLibrary(name: "CCmarkGFM", pkgConfig: "libcmark-gfm",
                       providers: [.apt(["libcmark-gfm-dev", "libcmark-gfm-extensions-dev"])]),
        .systemLibrary(name: "CSQLite", pkgConfig: "sqlite3", providers: [.apt(["libsqlite3-dev"])]),
        .systemLibrary(name: "CXLSXWriter", pkgConfig: "xlsxwriter", providers: [.apt(["libxlsxwriter-dev"])]),
        .systemLibrary(name: "CQPDF", pkgConfig: "libqpdf", providers: [.apt(["libqpdf-dev"])]),
        // The allocator (MemoryAllocator.swift): linked in place of glibc's malloc.
        .systemLibrary(name: "CJemalloc", pkgConfig: "jemalloc", providers: [.apt(["libjemalloc-dev"])]),
        // Small POSIX helpers Swift cannot call directly (renameat2), printf's "%f" made fast for Cairo, the PDFs' streams
        // compressed by libdeflate (pdf_deflate.c: zlib's functions for every other stream, libdeflate's for the PDFs').
        .target(name: "CSupport", linkerSettings: [.linkedLibrary("z"), .linkedLibrary("deflate")]),

        // Pure value types and indicators: no I/O, no C.
        .target(name: "PortraitsCore"),
        // The files the tool carries: the repository's top-level Templates/ and Content/.
        // (Its path is the repository's root, so that the folders stay at the top; `exclude` lists
        // everything else there that git tracks.)
        .target(name: "PortraitsResources", path: ".",
                exclude: ["README.md", "BENCHMARKS.md", "BENCHMARKS-scale.md", "Makefile", "data", "demo", "docs", "examples", "scripts", "Tests",
                          "Sources/CCairo", "Sources/CCmarkGFM", "Sources/CGDAL", "Sources/CJemalloc", "Sources/CGEOS", "Sources/CQPDF", "Sources/CSQLite",
                          "Sources/CSupport", "Sources/CXLSXWriter", "Sources/PortraitsBench", "Sources/PortraitsCairo", "Sources/PortraitsCore",
                          "Sources/PortraitsDemo", "Sources/PortraitsDownloads", "Sources/PortraitsGeo", "Sources/PortraitsGraphics",
                          "Sources/PortraitsModel", "Sources/PortraitsPrint", "Sources/PortraitsProject", "Sources/PortraitsSite",
                          "Sources/PortraitsWeb", "Sources/portraits"],
                sources: ["Sources/PortraitsResources"], resources: [.copy("Templates"), .copy("Content")]),
        // The only module that talks to GDAL and GEOS.
        .target(name: "PortraitsGeo", dependencies: ["PortraitsCore", "CGDAL", "CGEOS"]),
        // What to draw: charts and maps as scenes of marks (no backend).
        .target(name: "PortraitsGraphics", dependencies: ["PortraitsCore"]),
        // How to draw it: Cairo onto SVG, PNG and PDF surfaces.
        // CSupport: the fast "%f" that Cairo prints every coordinate with (fixed_notation.c), the
        // PDFs' streams compressed by libdeflate (pdf_deflate.c).
        .target(name: "PortraitsCairo", dependencies: ["PortraitsGraphics", "CCairo", "CQPDF", "CSupport"]),
        // The site, in layers (each module uses only those above it):
        // the project: configuration, the output writer, the facts store and build state, the loaded project.
        .target(name: "PortraitsProject", dependencies: [
            "PortraitsCore", "PortraitsGeo", "PortraitsResources", "CSupport", "CSQLite", .product(name: "Yams", package: "Yams"),
        ]),
        // What the reader sees, computed once: indicators, the portrait model, where files live, map inputs.
        .target(name: "PortraitsModel", dependencies: ["PortraitsCore", "PortraitsGeo", "PortraitsGraphics", "PortraitsProject"]),
        // The open data: CSV, XLSX and GeoPackage downloads; the council's report as OpenDocument text.
        .target(name: "PortraitsDownloads", dependencies: [
            "PortraitsCore", "PortraitsGeo", "PortraitsGraphics", "PortraitsCairo", "PortraitsProject", "PortraitsModel", "CXLSXWriter",
            .product(name: "ZIPFoundation", package: "ZIPFoundation"),
        ]),
        // The printed portrait (laid out for Cairo's PDF surface).
        .target(name: "PortraitsPrint", dependencies: [
            "PortraitsCore", "PortraitsGraphics", "PortraitsCairo", "PortraitsProject", "PortraitsModel",
        ]),
        // The web: templates and Markdown, portal data, every page.
        .target(name: "PortraitsWeb", dependencies: [
            "PortraitsCore", "PortraitsGeo", "PortraitsGraphics", "PortraitsCairo", "PortraitsProject", "PortraitsModel", "PortraitsDownloads",
            "PortraitsResources", "CCmarkGFM", .product(name: "Mustache", package: "swift-mustache"),
        ]),
        // The build: stages, keys, output checks, the live site of `serve`.
        .target(name: "PortraitsSite", dependencies: [
            "PortraitsCore", "PortraitsGeo", "PortraitsGraphics", "PortraitsCairo", "PortraitsProject", "PortraitsModel",
            "PortraitsDownloads", "PortraitsPrint", "PortraitsWeb", "PortraitsDemo", "PortraitsResources", "CSupport", "CJemalloc",
        ]),
        // Benchmarks and their floors.
        .target(name: "PortraitsBench", dependencies: [
            "PortraitsCore", "PortraitsGeo", "PortraitsGraphics", "PortraitsCairo", "PortraitsProject", "PortraitsModel", "PortraitsPrint", "PortraitsSite",
        ]),
        // The synthetic land-cover generator of the embedded demo.
        .target(name: "PortraitsDemo", dependencies: ["PortraitsCore", "PortraitsGeo"]),
        // Thin command-line interface.
        .executableTarget(name: "portraits", dependencies: [
            "PortraitsSite", "PortraitsBench", "PortraitsProject", "PortraitsDemo",
            .product(name: "ArgumentParser", package: "swift-argument-parser"),
            .product(name: "FlyingFox", package: "FlyingFox"),
            .product(name: "FlyingSocks", package: "FlyingFox"),
        ]),

        .testTarget(name: "PortraitsCoreTests", dependencies: ["PortraitsCore"]),
        .testTarget(name: "PortraitsGeoTests", dependencies: ["PortraitsGeo"]),
        .testTarget(name: "PortraitsGraphicsTests", dependencies: ["PortraitsGraphics", "PortraitsCairo", "CSupport"], exclude: ["Golden"]),
        .testTarget(name: "PortraitsSiteTests", dependencies: [
            "PortraitsProject", "PortraitsModel", "PortraitsDownloads", "PortraitsPrint", "PortraitsWeb", "PortraitsSite", "PortraitsBench", "PortraitsDemo", "PortraitsResources",
            .product(name: "ZIPFoundation", package: "ZIPFoundation"),
        ], exclude: ["Golden"]),
    ]
)
