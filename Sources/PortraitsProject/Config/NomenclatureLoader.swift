import Foundation
import PortraitsCore

/// Loads a nomenclature manifest (YAML) and the class tables it names (CSV, next to it).
///
/// ```yaml
/// name: Nomenclature nationale OCS GE (CNIG)
/// dimensions:
///   - id: couverture
///     name: Couverture du sol
///     levels: [Niveau 1, Niveau 2, Niveau 3, Niveau 4]
///     classes: couverture.csv
/// ```
public enum NomenclatureLoader {
    public static func load(path: String) throws -> Nomenclature {
        guard let data = FileManager.default.contents(atPath: path), let text = String(data: data, encoding: .utf8) else {
            throw InputError(path, "cannot read the nomenclature file")
        }
        let dir = URL(fileURLWithPath: path).deletingLastPathComponent()
        let doc = try YAMLMap(try YAMLMap.load(text: text, source: path), path: "", source: path, allowed: ["name", "description", "dimensions", "correspondences"])
        var dims: [NomenclatureDimension] = []
        for (i, node) in try doc.list("dimensions").enumerated() {
            let d = try YAMLMap(node, path: "dimensions[\(i)]", source: path, allowed: ["id", "name", "levels", "classes"])
            let file = dir.appendingPathComponent(try d.requiredString("classes")).path
            guard let csvData = FileManager.default.contents(atPath: file), let csv = String(data: csvData, encoding: .utf8) else {
                throw InputError(file, "cannot read the class table named by \(path)")
            }
            let classes = try NomenclatureCSV.classes(from: try CSVTable(text: csv, source: file))
            let levels = try d.stringList("levels")
            dims.append(try NomenclatureDimension(id: try d.requiredString("id"), name: try d.requiredString("name"),
                                                  levelNames: levels.isEmpty ? ["Niveau 1"] : levels, classes: classes, source: file))
        }
        guard (1...2).contains(dims.count) else { throw InputError(path, "a nomenclature has one or two dimensions (found \(dims.count))") }
        if dims.count == 2, dims[0].id == dims[1].id { throw InputError(path, "two dimensions share the id \(dims[0].id)") }
        var nomenclature = Nomenclature(name: try doc.requiredString("name"), dimensions: dims)
        if let file = try doc.string("correspondences") {
            let path = dir.appendingPathComponent(file).path
            guard let data = FileManager.default.contents(atPath: path), let text = String(data: data, encoding: .utf8) else {
                throw InputError(path, "cannot read the correspondence table named by \(path)")
            }
            nomenclature.rules = try CorrespondenceRules.parse(try CSVTable(text: text, source: path), nomenclature: nomenclature)
        }
        return nomenclature
    }
}
