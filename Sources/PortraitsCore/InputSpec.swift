/// Where a layer is: a file GDAL opens, a layer name (optional when the file has one), and a CRS to
/// assume when the layer declares none.
public struct LayerRef: Sendable, Equatable {
    public var path: String
    public var layer: String?
    public var crs: String?

    public init(path: String, layer: String? = nil, crs: String? = nil) {
        self.path = path
        self.layer = layer
        self.crs = crs
    }
}

/// The land-cover input: one layer per millésime, or one multi-date layer with code fields per millésime.
public struct LandCoverSpec: Sendable, Equatable {
    /// One source layer and, for each millésime it describes, the code field of each nomenclature
    /// dimension (dimension id → field name).
    public struct Source: Sendable, Equatable {
        public var layer: LayerRef
        public var fields: [Int: [String: String]]

        public init(layer: LayerRef, fields: [Int: [String: String]]) {
            self.layer = layer
            self.fields = fields
        }
    }

    public var sources: [Source]
    /// Codes the nomenclature does not know: an error listing them (default), or counted in the
    /// nomenclature's "non classé" class and reported.
    public var unknownCodesAsUnclassified: Bool
    /// Invalid geometries: repaired with GEOS MakeValid and reported (default), or rejected.
    public var rejectInvalidGeometries: Bool

    public init(sources: [Source], unknownCodesAsUnclassified: Bool = false, rejectInvalidGeometries: Bool = false) {
        self.sources = sources
        self.unknownCodesAsUnclassified = unknownCodesAsUnclassified
        self.rejectInvalidGeometries = rejectInvalidGeometries
    }

    /// Every millésime, sorted.
    public var millesimes: [Int] { Array(Set(sources.flatMap { $0.fields.keys })).sorted() }
}
