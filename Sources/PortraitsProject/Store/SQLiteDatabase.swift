import CSQLite
import Foundation
import PortraitsCore

/// A thin wrapper of the SQLite C API: open, execute, prepared statements with bound values.
/// Errors name the database file. Not shared between threads.
package final class SQLiteDatabase {
    package let path: String
    private var db: OpaquePointer?

    package init(path: String, readOnly: Bool = false) throws {
        self.path = path
        let flags = readOnly ? SQLITE_OPEN_READONLY : (SQLITE_OPEN_READWRITE | SQLITE_OPEN_CREATE)
        if sqlite3_open_v2(path, &db, flags | SQLITE_OPEN_NOMUTEX, nil) != SQLITE_OK {
            let message = db.map { String(cString: sqlite3_errmsg($0)) } ?? "cannot open"
            sqlite3_close(db)
            db = nil
            throw InputError(path, "cannot open the SQLite database: \(message)")
        }
        sqlite3_busy_timeout(db, 10_000)
    }

    deinit { sqlite3_close(db) }

    package func error(_ what: String) -> InputError {
        InputError(path, "SQLite: \(what): \(String(cString: sqlite3_errmsg(db)))")
    }

    package func execute(_ sql: String) throws {
        var message: UnsafeMutablePointer<CChar>?
        if sqlite3_exec(db, sql, nil, nil, &message) != SQLITE_OK {
            let text = message.map { String(cString: $0) } ?? "error"
            sqlite3_free(message)
            throw InputError(path, "SQLite: \(text) (in: \(sql.prefix(80)))")
        }
    }

    /// Runs `body` in one transaction, rolled back when it throws.
    package func transaction<T>(_ body: () throws -> T) throws -> T {
        try execute("BEGIN IMMEDIATE")
        do {
            let value = try body()
            try execute("COMMIT")
            return value
        } catch {
            try? execute("ROLLBACK")
            throw error
        }
    }

    package func prepare(_ sql: String) throws -> Statement {
        var stmt: OpaquePointer?
        guard sqlite3_prepare_v2(db, sql, -1, &stmt, nil) == SQLITE_OK, let stmt else { throw error("prepare \(sql.prefix(60))") }
        return Statement(stmt, database: self)
    }

    /// A value bound to or read from a statement.
    package enum Value {
        case int(Int64), double(Double), text(String), blob([UInt8]), null
    }

    package final class Statement {
        let stmt: OpaquePointer
        package unowned let database: SQLiteDatabase

        init(_ stmt: OpaquePointer, database: SQLiteDatabase) {
            self.stmt = stmt
            self.database = database
        }

        deinit { sqlite3_finalize(stmt) }

        /// Binds the values (1-based in order), runs, and returns every row.
        @discardableResult
        package func run(_ values: [Value] = []) throws -> [[Value]] {
            sqlite3_reset(stmt)
            sqlite3_clear_bindings(stmt)
            let transient = unsafeBitCast(-1, to: sqlite3_destructor_type.self)
            for (i, v) in values.enumerated() {
                let n = Int32(i + 1)
                switch v {
                case let .int(x): sqlite3_bind_int64(stmt, n, x)
                case let .double(x): sqlite3_bind_double(stmt, n, x)
                case let .text(s): sqlite3_bind_text(stmt, n, s, -1, transient)
                case let .blob(b): _ = b.withUnsafeBytes { sqlite3_bind_blob64(stmt, n, $0.baseAddress, sqlite3_uint64($0.count), transient) }
                case .null: sqlite3_bind_null(stmt, n)
                }
            }
            var rows: [[Value]] = []
            while true {
                let rc = sqlite3_step(stmt)
                if rc == SQLITE_DONE { break }
                guard rc == SQLITE_ROW else { throw database.error("step") }
                var row: [Value] = []
                for c in 0..<sqlite3_column_count(stmt) {
                    switch sqlite3_column_type(stmt, c) {
                    case SQLITE_INTEGER: row.append(.int(sqlite3_column_int64(stmt, c)))
                    case SQLITE_FLOAT: row.append(.double(sqlite3_column_double(stmt, c)))
                    case SQLITE_TEXT: row.append(.text(String(cString: sqlite3_column_text(stmt, c))))
                    case SQLITE_BLOB:
                        let n = Int(sqlite3_column_bytes(stmt, c))
                        if n == 0 { row.append(.blob([])) } else {
                            let p = sqlite3_column_blob(stmt, c)!
                            row.append(.blob(Array(UnsafeRawBufferPointer(start: p, count: n))))
                        }
                    default: row.append(.null)
                    }
                }
                rows.append(row)
            }
            return rows
        }
    }
}

extension SQLiteDatabase.Value {
    package var text: String? { if case let .text(s) = self { return s }; return nil }
    package var int: Int64? { if case let .int(x) = self { return x }; return nil }
    package var blob: [UInt8]? { if case let .blob(b) = self { return b }; return nil }
}

/// The version of SQLite (the build state and facts store) this binary runs with.
public enum SQLiteVersion {
    public static var description: String { "SQLite \(String(cString: sqlite3_libversion()))" }
}
