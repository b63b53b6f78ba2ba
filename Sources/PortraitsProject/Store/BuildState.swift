import Foundation
import PortraitsCore
import PortraitsGeo

/// What the last builds of a project left in its cache folder (`state.sqlite`):
/// - the content hash of each input file with the stat (size, modification time, inode) it was
///   computed at, so that an unchanged file is not read again (as git's index does);
/// - per output folder, the key of its last build and, per unit of output (maps, territory pages,
///   site pages, downloads, PDFs), the key it was made from, what the pages need to know about it
///   (`meta`: map sizes, file lists) and the files it wrote.
package final class BuildState {
    package let db: SQLiteDatabase

    package init(folder: String) throws {
        try FileSystem.createFolder(folder)
        db = try SQLiteDatabase(path: (folder as NSString).appendingPathComponent("state.sqlite"))
        try db.execute("""
            PRAGMA journal_mode=WAL;
            CREATE TABLE IF NOT EXISTS files(path TEXT PRIMARY KEY, size INTEGER, mtime INTEGER, inode INTEGER, hash TEXT);
            CREATE TABLE IF NOT EXISTS builds(output TEXT PRIMARY KEY, key TEXT);
            CREATE TABLE IF NOT EXISTS units(output TEXT, unit TEXT, key TEXT, meta BLOB, files BLOB, PRIMARY KEY(output, unit));
            """)
    }

    /// Content hash of a file, read again only when its stat changed. Missing file: "missing".
    package func hash(_ path: String) throws -> String {
        var st = stat()
        guard stat(path, &st) == 0 else { return "missing:\(path)" }
        let size = Int64(st.st_size), mtime = Int64(st.st_mtim.tv_sec) * 1_000_000_000 + Int64(st.st_mtim.tv_nsec), inode = Int64(st.st_ino)
        let rows = try db.prepare("SELECT size, mtime, inode, hash FROM files WHERE path = ?").run([.text(path)])
        if let r = rows.first, r[0].int == size, r[1].int == mtime, r[2].int == inode, let h = r[3].text { return h }
        let h = try ContentHash.file(path)
        try db.prepare("INSERT OR REPLACE INTO files VALUES (?, ?, ?, ?, ?)").run([.text(path), .int(size), .int(mtime), .int(inode), .text(h)])
        return h
    }

    /// Hash of every file GDAL reads for a vector source (the file, its sidecars, the sources of a
    /// VRT: `SourceFiles`), by content only, so that a renamed copy keeps its key.
    package func hash(source path: String) throws -> String {
        ContentHash.of(try SourceFiles.list(path).map { try hash($0) })
    }

    /// Hash of every file under a folder (names and contents), hidden files excepted.
    package func hash(folder: String?) throws -> String {
        guard let folder else { return "none" }
        var parts: [String] = []
        for f in Self.files(under: folder) { parts += [f, try hash((folder as NSString).appendingPathComponent(f))] }
        return ContentHash.of(parts)
    }

    package static func files(under folder: String) -> [String] {
        guard let e = FileManager.default.enumerator(atPath: folder) else { return [] }
        var out: [String] = []
        for case let f as String in e where !(f as NSString).lastPathComponent.hasPrefix(".") {
            var isDir: ObjCBool = false
            if FileManager.default.fileExists(atPath: (folder as NSString).appendingPathComponent(f), isDirectory: &isDir), !isDir.boolValue { out.append(f) }
        }
        return out.sorted()
    }

    package struct Unit {
        package var key: String
        package var meta: [UInt8]
        package var files: [String]

        package init(key: String, meta: [UInt8], files: [String]) {
            self.key = key
            self.meta = meta
            self.files = files
        }
    }

    package func lastBuild(output: String) throws -> String? {
        try db.prepare("SELECT key FROM builds WHERE output = ?").run([.text(output)]).first?.first?.text
    }

    package func units(output: String) throws -> [String: Unit] {
        var out: [String: Unit] = [:]
        for r in try db.prepare("SELECT unit, key, meta, files FROM units WHERE output = ?").run([.text(output)]) {
            let files = String(decoding: r[3].blob ?? [], as: UTF8.self).split(separator: "\n").map(String.init)
            out[r[0].text ?? ""] = Unit(key: r[1].text ?? "", meta: r[2].blob ?? [], files: files)
        }
        return out
    }

    /// Records a successful build of `output` (after its commit).
    package func record(output: String, key: String, units: [String: Unit]) throws {
        try db.transaction {
            try db.prepare("DELETE FROM units WHERE output = ?").run([.text(output)])
            let insert = try db.prepare("INSERT INTO units VALUES (?, ?, ?, ?, ?)")
            for (name, u) in units {
                try insert.run([.text(output), .text(name), .text(u.key), .blob(u.meta), .blob(Array(u.files.joined(separator: "\n").utf8))])
            }
            try db.prepare("INSERT OR REPLACE INTO builds VALUES (?, ?)").run([.text(output), .text(key)])
        }
    }

    /// Forgets the last build of `output` (before a build that may change it).
    package func forget(output: String) throws {
        try db.prepare("DELETE FROM builds WHERE output = ?").run([.text(output)])
    }
}
