import Foundation
import PortraitsCore
import PortraitsGeo

/// The tabulation persisted in SQLite: per commune its facts, map pieces and outline, with the key
/// of what they were computed from (inputs, nomenclature, code version: `BuildKeys.facts`), the
/// millésimes and periods, the day they were made and the scope (every commune, or a shard).
///
/// A build keeps one in its cache folder and reuses it while the key holds; `portraits tabulate`
/// writes one per shard and `portraits build --facts` merges them. Files are written to a
/// temporary name and renamed, so a reader never sees half a store.
public enum FactsStore {
    package static let schema = "portraits-facts-2"

    public struct Header: Sendable, Equatable {
        public var key: String
        public var layout: FactsLayout
        public var day: String
        public var scope: String
        public var communes: Int
    }

    /// One commune's tabulated results.
    package struct Record {
        package var facts: AreaFacts
        package var pieces: [MapPiece]
        package var outline: [PolygonRings]

        package init(facts: AreaFacts, pieces: [MapPiece], outline: [PolygonRings]) {
            self.facts = facts
            self.pieces = pieces
            self.outline = outline
        }
    }

    /// Writes `tabulation` (for the communes `codes`, in its order) to `path`.
    package static func write(_ tabulation: Tabulation, codes: [String], key: String, scope: String, day: String, to path: String) throws {
        let tmp = path + ".tmp-\(ProcessInfo.processInfo.processIdentifier)"
        try? FileManager.default.removeItem(atPath: tmp)
        try FileSystem.createFolder((path as NSString).deletingLastPathComponent)
        do {
            let db = try SQLiteDatabase(path: tmp)
            try db.execute("PRAGMA journal_mode=OFF; PRAGMA synchronous=OFF;")
            try db.execute("""
                CREATE TABLE meta(name TEXT PRIMARY KEY, value TEXT NOT NULL);
                CREATE TABLE communes(code TEXT PRIMARY KEY, facts BLOB NOT NULL, pieces BLOB NOT NULL, outline BLOB NOT NULL);
                """)
            let encoder = JSONEncoder()
            encoder.outputFormatting = .sortedKeys // the same bytes for the same sources, run after run
            let sources = String(decoding: try encoder.encode(tabulation.sources), as: UTF8.self)
            let layout = tabulation.layout
            try db.transaction {
                let meta = try db.prepare("INSERT INTO meta VALUES (?, ?)")
                for (n, v) in [("schema", schema), ("key", key), ("day", day), ("scope", scope), ("sources", sources),
                               ("millesimes", layout.millesimes.map(String.init).joined(separator: ",")),
                               ("periods", layout.periods.map(\.description).joined(separator: ","))] {
                    try meta.run([.text(n), .text(v)])
                }
                let insert = try db.prepare("INSERT INTO communes VALUES (?, ?, ?, ?)")
                // Encoded on every core a batch at a time (the pieces are most of the 780 MB of the
                // scale profile), inserted in order.
                let batch = 256
                for first in stride(from: 0, to: codes.count, by: batch) {
                    let n = min(batch, codes.count - first)
                    let records = try parallelMap(count: n) { k -> (facts: [UInt8], pieces: [UInt8], outline: [UInt8]) in
                        let i = first + k
                        return (FactsCodec.encode(tabulation.communeFacts[i]), FactsCodec.encode(tabulation.pieces[i]),
                                FactsCodec.encode(tabulation.outlines[i]))
                    }
                    for (k, r) in records.enumerated() {
                        try insert.run([.text(codes[first + k]), .blob(r.facts), .blob(r.pieces), .blob(r.outline)])
                    }
                }
            }
        }
        try FileSystem.rename(tmp, path)
    }

    /// The header of a store (nil when the file does not exist).
    public static func header(_ path: String) throws -> Header? {
        guard FileManager.default.fileExists(atPath: path) else { return nil }
        let db = try SQLiteDatabase(path: path, readOnly: true)
        var meta: [String: String] = [:]
        do {
            for row in try db.prepare("SELECT name, value FROM meta").run() { meta[row[0].text ?? ""] = row[1].text }
        } catch {
            throw InputError(path, "not a facts store of portraits (\(error))")
        }
        guard meta["schema"] == schema, let key = meta["key"], let day = meta["day"] else {
            throw InputError(path, "not a facts store of this version of portraits (schema \(meta["schema"] ?? "none"), expected \(schema))")
        }
        let millesimes = (meta["millesimes"] ?? "").split(separator: ",").compactMap { Int($0) }
        let periods = (meta["periods"] ?? "").split(separator: ",").compactMap { p -> Period? in
            let years = p.split(separator: "-").compactMap { Int($0) }
            return years.count == 2 ? Period(years[0], years[1]) : nil
        }
        let count = try db.prepare("SELECT count(*) FROM communes").run().first?.first?.int ?? 0
        return Header(key: key, layout: FactsLayout(millesimes: millesimes, periods: periods), day: day, scope: meta["scope"] ?? "",
                      communes: Int(count))
    }

    /// Reads the records of the communes `codes` that the store holds, and its source reports.
    package static func read(_ path: String, codes: Set<String>) throws -> (records: [String: Record], sources: [LandCoverSourceReport]) {
        let db = try SQLiteDatabase(path: path, readOnly: true)
        let sourcesJSON = try db.prepare("SELECT value FROM meta WHERE name = 'sources'").run().first?.first?.text ?? "[]"
        let sources = try JSONDecoder().decode([LandCoverSourceReport].self, from: Data(sourcesJSON.utf8))
        var raw: [(String, [UInt8], [UInt8], [UInt8])] = []
        for row in try db.prepare("SELECT code, facts, pieces, outline FROM communes").run() {
            guard let code = row[0].text, codes.contains(code) else { continue }
            raw.append((code, row[1].blob ?? [], row[2].blob ?? [], row[3].blob ?? []))
        }
        let chunks = max(1, min(raw.count, defaultThreadCount() * 4))
        let decoded: [[(String, Record)]] = try parallelMap(count: chunks) { chunk in
            let lo = raw.count * chunk / chunks, hi = raw.count * (chunk + 1) / chunks
            return try raw[lo..<hi].map { code, f, p, o in
                let where_ = "\(path), commune \(code)"
                return (code, Record(facts: try FactsCodec.decodeFacts(f, source: where_), pieces: try FactsCodec.decodePieces(p, source: where_),
                                     outline: try FactsCodec.decodeOutline(o, source: where_)))
            }
        }
        return (Dictionary(decoded.flatMap { $0 }, uniquingKeysWith: { a, _ in a }), sources)
    }
}

