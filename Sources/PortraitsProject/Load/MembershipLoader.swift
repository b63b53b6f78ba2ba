import Foundation
import PortraitsCore
import PortraitsGeo

/// Joins the communes layer with the membership (layer fields or a CSV table) and the optional SCoT
/// table into commune records, in the order of the shapes. Communes missing on either side are errors.
package enum MembershipLoader {
    package static func extraFields(_ config: ProjectConfig) -> [String] {
        guard config.membership.file == nil else { return [] }
        let m = config.membership
        return [m.epci, m.departement, m.region].flatMap { $0.names == nil ? [$0.code, $0.name] : [$0.code] }
    }

    /// The names of a joined layer by code; a code found twice with two names is an error.
    package static func names(_ table: ProjectConfig.NameTable) throws -> [String: String] {
        let layer = try VectorDataset(table.layer).layer(table.layer.layer, crs: table.layer.crs)
        var out: [String: String] = [:]
        var errors: [InputError] = []
        try layer.forEach(fields: [table.code, table.name], geometry: false) { f in
            let code = f.values[0]?.trimmingWhitespace() ?? "", name = f.values[1]?.trimmingWhitespace() ?? ""
            guard !code.isEmpty else { return }
            if let other = out[code], other != name {
                errors.append(InputError("\(layer.location), feature \(f.fid)", "code \(code) is named \"\(name)\" here and \"\(other)\" before"))
            }
            out[code] = name
        }
        if !errors.isEmpty { throw InputErrors(Array(errors.prefix(50))) }
        return out
    }

    package static func records(shapes: [CommuneShape], config: ProjectConfig) throws -> [CommuneRecord] {
        let m = config.membership
        var table: [String: [String: String]] = [:]
        var errors: [InputError] = []
        var joined: [String: (table: ProjectConfig.NameTable, names: [String: String])] = [:]
        for f in [m.epci, m.departement, m.region] { if let t = f.names { joined[f.code] = (t, try names(t)) } }
        if let file = m.file {
            let csv = try readCSV(file)
            let cols = [m.commune] + [m.epci, m.departement, m.region].flatMap { $0.names == nil ? [$0.code, $0.name] : [$0.code] }
            let idx = try cols.map { try csv.column($0) }
            for row in csv.rows {
                let code = row.fields[idx[0]].trimmingWhitespace()
                guard TerritoryCodes.isCommune(code) else {
                    errors.append(InputError("\(file), line \(row.line)", "\"\(code)\" is not an INSEE commune code (5 characters)\(TerritoryCodes.lostZeros(code, length: 5))"))
                    continue
                }
                if table[code] != nil {
                    errors.append(InputError("\(file), line \(row.line)", "commune \(code) is listed twice"))
                    continue
                }
                var values: [String: String] = [:]
                for (c, i) in zip(cols, idx) { values[c] = row.fields[i].trimmingWhitespace() }
                table[code] = values
            }
            let layerCodes = Set(shapes.map(\.code))
            // (With communes.where, the table may list communes the project leaves out.)
            for code in table.keys.sorted() where !layerCodes.contains(code) && config.communeFilter == nil {
                errors.append(InputError(file, "commune \(code) is in the membership table but not in the communes layer"))
            }
        }
        var scots: [String: CodeName] = [:]
        if let s = config.scot {
            let csv = try readCSV(s.file)
            let ic = try csv.column(s.commune), icode = try csv.column(s.code), iname = try csv.column(s.name)
            for row in csv.rows {
                let commune = row.fields[ic].trimmingWhitespace(), code = row.fields[icode].trimmingWhitespace()
                if code.isEmpty { continue }
                if let other = scots[commune], other.code != code {
                    errors.append(InputError("\(s.file), line \(row.line)", "commune \(commune) is in two SCoT (\(other.code) and \(code))"))
                }
                scots[commune] = CodeName(code, row.fields[iname].trimmingWhitespace())
            }
        }
        var out: [CommuneRecord] = []
        for shape in shapes {
            let values: [String: String]
            if m.file != nil {
                guard let v = table[shape.code] else {
                    errors.append(InputError(m.file!, "commune \(shape.code) (\(shape.name)) of the communes layer is not in the membership table"))
                    continue
                }
                values = v
            } else {
                values = shape.attributes
            }
            let source = m.file ?? config.communes.path
            func cn(_ f: ProjectConfig.CodeNameFields) -> CodeName {
                let code = values[f.code] ?? ""
                guard let (table, names) = joined[f.code] else { return CodeName(code, values[f.name] ?? "") }
                if let name = names[code] { return CodeName(code, name) }
                // No EPCI (NC): no name to find.
                if f.code == m.epci.code && (TerritoryCodes.meansNoEPCI(code) || code.contains("/")) {
                    if let slash = code.firstIndex(of: "/"), let name = names[String(code[..<slash])] { return CodeName(code, name) }
                    return CodeName(code, "")
                }
                if !code.isEmpty {
                    errors.append(InputError(source, "commune \(shape.code): code \(code) (field \(f.code)) is not in \(table.layer.path)\(table.layer.layer.map { ", layer \($0)" } ?? ""), field \(table.code), which gives the names"))
                }
                return CodeName(code, "")
            }
            // A commune may belong to no EPCI (NC, ZZZZZZZZZ, empty): it is then in its département and région only.
            var epci = cn(m.epci)
            // ADMIN EXPRESS gives the communes of the Métropole du Grand Paris two SIREN, "MGP/EPT":
            // the first is the EPCI.
            if let slash = epci.code.firstIndex(of: "/"), TerritoryCodes.isEPCI(String(epci.code[..<slash])) {
                epci.code = String(epci.code[..<slash])
            }
            let record = CommuneRecord(code: shape.code, name: shape.name, epci: TerritoryCodes.meansNoEPCI(epci.code) ? nil : epci,
                                       departement: cn(m.departement), region: cn(m.region), scot: scots[shape.code])
            for (label, v) in [("département", record.departement), ("région", record.region)] where v.code.isEmpty {
                errors.append(InputError(source, "commune \(shape.code): no \(label) code"))
            }
            let checks: [(String, String, Int, (String) -> Bool)] = [
                ("EPCI", record.epci?.code ?? "", 9, TerritoryCodes.isEPCI), ("département", record.departement.code, 2, TerritoryCodes.isDepartement),
                ("région", record.region.code, 2, TerritoryCodes.isRegion)]
            for (label, code, length, valid) in checks where !code.isEmpty && !valid(code) {
                let form = label == "EPCI" ? "a SIREN of 9 digits, or NC for none" : label == "région" ? "2 digits" : "2 characters (01…95, 2A, 2B) or 3 for overseas (971…978)"
                errors.append(InputError(source, "commune \(shape.code): \(label) code \"\(code)\" is not a valid code (\(form))\(TerritoryCodes.lostZeros(code, length: length))"))
            }
            out.append(record)
            if errors.count > 200 { break }
        }
        if !errors.isEmpty { throw InputErrors(errors) }
        return out
    }

    package static func readCSV(_ path: String) throws -> CSVTable {
        guard let data = FileManager.default.contents(atPath: path) else { throw InputError(path, "cannot read the file") }
        guard let text = String(data: data, encoding: .utf8) else { throw InputError(path, "the file is not UTF-8 text") }
        return try CSVTable(text: text, source: path)
    }
}
