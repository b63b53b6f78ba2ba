/// Reads a dimension's classes from CSV: columns `code, level, parent, label, label_short, color`.
public enum NomenclatureCSV {
    public static func classes(from table: CSVTable) throws -> [NomenclatureClass] {
        let code = try table.column("code"), level = try table.column("level"), parent = try table.column("parent")
        let label = try table.column("label"), short = try table.column("label_short"), color = try table.column("color")
        var out: [NomenclatureClass] = []
        var errors: [InputError] = []
        for row in table.rows {
            let f = row.fields.map { $0.trimmingWhitespace() }
            let at = "\(table.source), line \(row.line)"
            guard !f[code].isEmpty else { errors.append(InputError(at, "empty code")); continue }
            guard let lv = Int(f[level]) else { errors.append(InputError(at, "class \(f[code]): level \"\(f[level])\" is not a number")); continue }
            guard let c = RGBColor(hex: f[color]) else {
                errors.append(InputError(at, "class \(f[code]): colour \"\(f[color])\" is missing or not #rrggbb"))
                continue
            }
            out.append(NomenclatureClass(code: f[code], parent: f[parent].isEmpty ? nil : f[parent], level: lv,
                                         label: f[label], shortLabel: f[short].isEmpty ? f[label] : f[short], color: c))
        }
        if !errors.isEmpty { throw InputErrors(errors) }
        return out
    }
}
