import PortraitsCore

/// The communes layer as read: for each commune its code, name, outline (Lambert-93 WKB) and the
/// values of the extra fields asked for (membership read from the layer).
public struct CommuneShape: Sendable {
    public var code: String
    public var name: String
    public var wkb: [UInt8]
    public var attributes: [String: String]
    public var fid: Int64
}

public enum CommuneShapes {
    /// Reads the communes layer. Errors name the file, layer and feature: missing field, empty code,
    /// missing geometry, duplicate code.
    /// `filter`: an OGR SQL condition on the layer's fields (the communes of some départements).
    public static func read(_ ref: LayerRef, codeField: String, nameField: String, extraFields: [String], filter: String? = nil) throws -> [CommuneShape] {
        let ds = try VectorDataset(ref)
        let layer = try ds.layer(ref.layer, crs: ref.crs)
        try layer.setAttributeFilter(filter)
        var out: [CommuneShape] = []
        var errors: [InputError] = []
        var seen: [String: Int64] = [:]
        let fields = [codeField, nameField] + extraFields
        try layer.forEach(fields: fields) { f in
            let at = "\(layer.location), feature \(f.fid)"
            guard let code = f.values[0]?.trimmingWhitespace(), !code.isEmpty else {
                errors.append(InputError(at, "field \(codeField) is empty"))
                return
            }
            guard TerritoryCodes.isCommune(code) else {
                errors.append(InputError(at, "field \(codeField): \"\(code)\" is not an INSEE commune code (5 characters: digits, or 2A/2B then 3 digits)\(TerritoryCodes.lostZeros(code, length: 5))"))
                return
            }
            guard let wkb = f.wkb else {
                errors.append(InputError(at, "commune \(code) has no geometry"))
                return
            }
            if let other = seen[code] {
                errors.append(InputError(at, "commune \(code) already read from feature \(other)"))
                return
            }
            seen[code] = f.fid
            var attrs: [String: String] = [:]
            for (i, name) in extraFields.enumerated() { attrs[name] = f.values[2 + i]?.trimmingWhitespace() ?? "" }
            out.append(CommuneShape(code: code, name: f.values[1]?.trimmingWhitespace() ?? "", wkb: wkb, attributes: attrs, fid: f.fid))
            if errors.count > 200 { throw InputErrors(errors) }
        }
        if !errors.isEmpty { throw InputErrors(errors) }
        if out.isEmpty { throw InputError(layer.location, filter.map { "no commune where \($0) (communes.where)" } ?? "the layer has no commune") }
        return out
    }
}
