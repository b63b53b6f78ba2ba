import Foundation
import XCTest
@testable import PortraitsCore
@testable import PortraitsDemo
@testable import PortraitsGeo
@testable import PortraitsBench
@testable import PortraitsDownloads
@testable import PortraitsModel
@testable import PortraitsPrint
@testable import PortraitsProject
@testable import PortraitsSite
@testable import PortraitsWeb

/// Bounded fuzzing of the text readers (project file, nomenclature tables and manifest, correspondence
/// rules, CSV): mutated real inputs must give a result or an error, never a crash or a hang.
/// Deterministic (fixed seed); `PORTRAITS_FUZZ_ITERATIONS` runs longer.
final class FuzzTests: XCTestCase {
    typealias RNG = SplitMix64

    static let tokens = [":", "\"", "'", "-", "[", "]", "{", "}", "\n", ",", ";", "\t", "  ", "#", "*", "&a", "*a", "!!int", "null", "~",
                         "1e999", "-0", "CS1.1", "..", "/", "é", "\u{FEFF}", "\r\n", "|", ">", "%", "\\", "\0", "9999999999999999999999"]

    var iterations: Int { Int(ProcessInfo.processInfo.environment["PORTRAITS_FUZZ_ITERATIONS"] ?? "") ?? 1500 }

    func mutate(_ input: String, _ rng: inout RNG) -> String {
        var bytes = Array(input.utf8)
        for _ in 0...rng.below(4) {
            switch rng.below(7) {
            case 0 where !bytes.isEmpty: bytes[rng.below(bytes.count)] = UInt8(truncatingIfNeeded: rng.next())
            case 1: bytes.insert(contentsOf: Array(Self.tokens[rng.below(Self.tokens.count)].utf8), at: rng.below(bytes.count + 1))
            case 2 where !bytes.isEmpty:
                let a = rng.below(bytes.count), b = min(bytes.count, a + rng.below(40))
                bytes.removeSubrange(a..<b)
            case 3: bytes = Array(bytes.prefix(rng.below(bytes.count + 1)))
            case 4:
                var lines = String(decoding: bytes, as: UTF8.self).split(separator: "\n", omittingEmptySubsequences: false).map(String.init)
                if lines.count > 1 { lines.swapAt(rng.below(lines.count), rng.below(lines.count)) }
                bytes = Array(lines.joined(separator: "\n").utf8)
            case 5:
                var lines = String(decoding: bytes, as: UTF8.self).split(separator: "\n", omittingEmptySubsequences: false).map(String.init)
                if !lines.isEmpty { lines.insert(lines[rng.below(lines.count)], at: rng.below(lines.count)) }
                bytes = Array(lines.joined(separator: "\n").utf8)
            default:
                bytes.insert(UInt8(truncatingIfNeeded: rng.next()), at: rng.below(bytes.count + 1))
            }
        }
        return String(decoding: bytes, as: UTF8.self)
    }

    func fuzz(_ name: String, seed: UInt64, input: String, _ body: (String) throws -> Void) {
        var rng = RNG(seed: seed)
        let deadline = Date().addingTimeInterval(20)
        var accepted = 0, rejected = 0
        for _ in 0..<iterations {
            let text = mutate(input, &rng)
            do { try body(text); accepted += 1 } catch { rejected += 1 }
            if Date() > deadline { break }
        }
        XCTAssertGreaterThan(accepted + rejected, 100, name)
        print("fuzz \(name): \(accepted) accepted, \(rejected) rejected with an error")
    }

    func testProjectFileReader() throws {
        let input = try read(repositoryRoot.appendingPathComponent("demo/portraits.yaml"))
        fuzz("project file", seed: 1, input: input) { text in _ = try ProjectConfig.parse(text: text, source: "fuzz.yaml", root: "/tmp") }
    }

    func testNomenclatureReaders() throws {
        let folder = repositoryRoot.appendingPathComponent("Content/nomenclatures/cnig")
        let classes = try read(folder.appendingPathComponent("couverture.csv"))
        fuzz("class table", seed: 2, input: classes) { text in
            let table = try CSVTable(text: text, source: "fuzz.csv")
            _ = try NomenclatureDimension(id: "couverture", name: "C", levelNames: ["1", "2", "3", "4"], classes: try NomenclatureCSV.classes(from: table), source: "fuzz.csv")
        }
        let nomenclature = try NomenclatureLoader.load(path: folder.appendingPathComponent("nomenclature.yaml").path)
        let rules = try read(folder.appendingPathComponent("correspondances.csv"))
        fuzz("correspondence table", seed: 3, input: rules) { text in
            let r = try CorrespondenceRules.parse(try CSVTable(text: text, source: "fuzz.csv"), nomenclature: nomenclature)
            for k in [ClassKey(0, 0), ClassKey(12, -1), ClassKey(3, 19)] { _ = r.traits(of: k, in: nomenclature) }
        }
        let manifest = try read(folder.appendingPathComponent("nomenclature.yaml"))
        let dir = try temporaryFolder(self)
        for f in ["couverture.csv", "usage.csv", "correspondances.csv"] {
            try FileManager.default.copyItem(at: folder.appendingPathComponent(f), to: dir.appendingPathComponent(f))
        }
        fuzz("nomenclature manifest", seed: 4, input: manifest) { text in
            let path = dir.appendingPathComponent("nomenclature.yaml")
            try text.write(to: path, atomically: true, encoding: .utf8)
            _ = try NomenclatureLoader.load(path: path.path)
        }
    }

    func testMembershipCSVReader() throws {
        let lines = try read(repositoryRoot.appendingPathComponent("data/grand-est/communes_appartenance.csv")).split(whereSeparator: { $0 == "\n" || $0 == "\r\n" }).prefix(12)
        // The table has CRLF line ends: "\r\n" is one Character, so splitting on "\n" alone kept the
        // whole 5 115-line file, and the 20 s bound, not the iteration count, ended the run.
        let input = lines.joined(separator: "\n") + "\n"
        fuzz("membership table", seed: 5, input: input) { text in
            let table = try CSVTable(text: text, source: "fuzz.csv")
            let cols = try ["insee_com", "siren_epci", "nom_epci", "insee_dep", "nom_dep", "insee_reg", "nom_reg"].map { try table.column($0) }
            let records = table.rows.map { r in
                CommuneRecord(code: r.fields[cols[0]], name: "x", epci: CodeName(r.fields[cols[1]], r.fields[cols[2]]),
                              departement: CodeName(r.fields[cols[3]], r.fields[cols[4]]), region: CodeName(r.fields[cols[5]], r.fields[cols[6]]))
            }
            _ = try TerritoryCatalog(communes: records, source: "fuzz.csv")
        }
    }

    /// YAML nested at random depths (flow brackets, block indentation, compact sequences, aliases)
    /// is parsed or refused, never a crash of the parser.
    func testYAMLNesting() throws {
        var rng = RNG(seed: 7)
        let deadline = Date().addingTimeInterval(20)
        var n = 0, refused = 0
        for _ in 0..<max(200, iterations / 5) where Date() < deadline {
            let depth = [1, 5, 30, 39, 41, 200, 5_000, 20_000][rng.below(8)]
            var text = "site:\n  title: x\n  notices: "
            switch rng.below(4) {
            case 0: text += String(repeating: "[", count: depth) + String(repeating: "]", count: rng.below(2) == 0 ? depth : rng.below(depth + 1))
            case 1: text += "\n" + (1...min(depth, 600)).map { String(repeating: " ", count: 3 + $0) + "k:" }.joined(separator: "\n")
            case 2: text += "\n    " + String(repeating: "- ", count: depth) + "x"
            default: text += "&a [x]\n  attribution: [" + Array(repeating: "*a", count: depth).joined(separator: ", ") + "]"
            }
            do { _ = try YAMLMap.load(text: mutate(text, &rng), source: "fuzz.yaml") } catch { refused += 1 }
            n += 1
        }
        XCTAssertGreaterThan(n, 100)
        XCTAssertGreaterThan(n - refused, 10, "shallow texts are parsed")
        XCTAssertGreaterThan(refused, 10, "deep texts are refused")
        print("fuzz YAML nesting: \(n) texts, \(refused) refused with an error")
    }

    /// Land-cover features with random geometries (huge, negative, repeated or missing coordinates,
    /// rings of one to three points, unclosed rings, lines, points, collections, empty geometries)
    /// are read, repaired or refused with an error naming the feature, never a crash.
    func testLandCoverGeometries() throws {
        let dir = try temporaryFolder(self)
        let nomenclature = try NomenclatureLoader.load(path: repositoryRoot.appendingPathComponent("Content/nomenclatures/cnig/nomenclature.yaml").path)
        let ctx = GEOSContext()
        let commune = try ctx.polygon(PolygonRings(rings: [[Point(900_000, 6_800_000), Point(902_000, 6_800_000), Point(902_000, 6_802_000), Point(900_000, 6_802_000), Point(900_000, 6_800_000)]])).wkb
        let shapes = [CommuneShape(code: "99001", name: "x", wkb: commune, attributes: [:], fid: 1)]
        let values = ["900000", "901000.5", "902500", "899999.999", "1e13", "-1e300", "1e308", "0", "-0", "6800000", "6801000", "6802500", "1e-300", "NaN", "Infinity"]
        var rng = RNG(seed: 11)
        func point() -> String {
            let x = rng.below(5) == 0 ? values[rng.below(values.count)] : String(900_000 + rng.below(3_000))
            let y = rng.below(5) == 0 ? values[rng.below(values.count)] : String(6_800_000 + rng.below(3_000))
            return "[\(x), \(y)]"
        }
        func ring() -> String {
            let pts = (0..<[1, 2, 3, 4, 5, 8][rng.below(6)]).map { _ in point() }
            return "[" + (rng.below(3) == 0 ? pts : pts + [pts[0]]).joined(separator: ", ") + "]"
        }
        func geometry() -> String {
            switch rng.below(8) {
            case 0: return "{\"type\": \"Point\", \"coordinates\": \(point())}"
            case 1: return "{\"type\": \"LineString\", \"coordinates\": [\(point()), \(point())]}"
            case 2: return "{\"type\": \"MultiPolygon\", \"coordinates\": [[\(ring())], [\(ring()), \(ring())]]}"
            case 3: return "{\"type\": \"GeometryCollection\", \"geometries\": [{\"type\": \"Polygon\", \"coordinates\": [\(ring())]}]}"
            case 4: return "{\"type\": \"Polygon\", \"coordinates\": []}"
            case 5: return "null"
            default: return "{\"type\": \"Polygon\", \"coordinates\": [\(ring())\(rng.below(2) == 0 ? ", " + ring() : "")]}"
            }
        }
        let deadline = Date().addingTimeInterval(20)
        var n = 0, refused = 0
        for i in 0..<max(100, iterations / 10) where Date() < deadline {
            let features = (0..<(1 + rng.below(4))).map { _ in
                "{\"type\": \"Feature\", \"properties\": {\"CS\": \"CS2.2.1\", \"US\": \"US1.1\"}, \"geometry\": \(geometry())}"
            }
            let file = dir.appendingPathComponent("f\(i).geojson")
            try ("{\"type\": \"FeatureCollection\", \"crs\": {\"type\": \"name\", \"properties\": {\"name\": \"urn:ogc:def:crs:EPSG::2154\"}}, \"features\": ["
                 + features.joined(separator: ", ") + "]}").write(to: file, atomically: true, encoding: .utf8)
            let spec = LandCoverSpec(sources: [.init(layer: LayerRef(path: file.path), fields: [2019: ["couverture": "CS", "usage": "US"]])])
            do { _ = try Tabulator.run(communes: shapes, landCover: spec, nomenclature: nomenclature, periods: []) } catch { refused += 1 }
            n += 1
        }
        XCTAssertGreaterThan(n, 50)
        print("fuzz land-cover geometries: \(n) layers, \(refused) refused with an error")
    }
}

extension SplitMix64 {
    mutating func below(_ n: Int) -> Int { n <= 0 ? 0 : Int(next() % UInt64(n)) }
}
