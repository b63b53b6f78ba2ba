import Foundation
import PortraitsProject
import PortraitsModel

/// The description of the CSV files of a folder, written beside them as W3C "CSV on the Web"
/// metadata (`csv-metadata.json`, the name CSVW tools look for in a CSV's folder): for each file,
/// its title and the name, title, unit and type of each column (codes as strings, numbers with a
/// decimal comma); for all of them the sources, millésimes and licence. The CSV files themselves
/// hold the table and nothing else.
package enum CSVMetadata {
    package static func schemaPath(_ name: String) -> String { "donnees/schemas/\(name).json" }
    package static let licence = "https://www.etalab.gouv.fr/licence-ouverte-open-licence/"

    /// `schemaRoot`: the path from the metadata file's folder to the site's root ("../../"), for
    /// the tables whose columns are a shared schema.
    package static func bytes(_ tables: [CSVDescription], title: String, sources: [String], schemaRoot: String = "") throws -> [UInt8] {
        let doc: [String: Any] = [
            "@context": ["http://www.w3.org/ns/csvw", ["@language": "fr"]],
            "dc:title": title,
            "dc:source": sources,
            "dc:license": ["@id": licence],
            "dialect": ["delimiter": ";", "encoding": "utf-8", "header": true, "doubleQuote": true, "lineTerminators": ["\r\n"]],
            "tables": tables.map { table($0, schemaRoot: schemaRoot) },
        ]
        let data = try JSONSerialization.data(withJSONObject: doc, options: [.prettyPrinted, .sortedKeys, .withoutEscapingSlashes])
        return [UInt8](data) + [0x0A]
    }

    static func table(_ t: CSVDescription, schemaRoot: String) -> [String: Any] {
        ["url": t.file, "dc:title": t.title,
         "tableSchema": t.schema.map { schemaRoot + schemaPath($0) as Any } ?? ["columns": t.columns.map(column)]]
    }

    /// A shared schema file: the columns of the tables that name it.
    package static func schemaBytes(_ t: CSVDescription) throws -> [UInt8] {
        let doc: [String: Any] = ["@context": "http://www.w3.org/ns/csvw", "columns": t.columns.map(column)]
        return [UInt8](try JSONSerialization.data(withJSONObject: doc, options: [.prettyPrinted, .sortedKeys, .withoutEscapingSlashes])) + [0x0A]
    }

    static func column(_ c: DownloadColumn) -> [String: Any] {
        var out: [String: Any] = ["name": c.name, "titles": c.titleWithUnit]
        switch c.kind {
        case .text: out["datatype"] = "string"
        case .integer: out["datatype"] = "integer"
        case .number: out["datatype"] = ["base": "decimal", "format": ["decimalChar": ","]]
        }
        if let unit = c.unit { out["dc:description"] = "Unité : \(unit)" }
        return out
    }
}
