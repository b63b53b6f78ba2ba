import Foundation
import XCTest
@testable import PortraitsCore
@testable import PortraitsDemo
@testable import PortraitsSite

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
}

extension SplitMix64 {
    mutating func below(_ n: Int) -> Int { n <= 0 ? 0 : Int(next() % UInt64(n)) }
}
