/// Where a layer is: a file GDAL opens, a layer name (optional when the file has one), and a CRS to
/// assume when the layer declares none.
public struct LayerRef: Sendable, Equatable {
    public var path: String
    public var layer: String?
    public var crs: String?
    /// The text encoding of a Shapefile that does not declare it (no `.cpg`): `ISO-8859-1`,
    /// `CP1252`, `UTF-8`… (GDAL's `ENCODING` open option).
    public var encoding: String?

    public init(path: String, layer: String? = nil, crs: String? = nil, encoding: String? = nil) {
        self.path = path
        self.layer = layer
        self.crs = crs
        self.encoding = encoding
    }
}

/// The land-cover input: one layer per millésime, or one multi-date layer with code fields per millésime.
public struct LandCoverSpec: Sendable, Equatable {
    /// The layers of one delivery read as one layer (IGN's files of one millésime, one per
    /// département) and, for each millésime they describe, the code field of each nomenclature
    /// dimension (dimension id → field name).
    public struct Source: Sendable, Equatable {
        public var layers: [LayerRef]
        public var fields: [Int: [String: String]]

        public init(layers: [LayerRef], fields: [Int: [String: String]]) {
            self.layers = layers
            self.fields = fields
        }

        public init(layer: LayerRef, fields: [Int: [String: String]]) {
            self.init(layers: [layer], fields: fields)
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

    /// The globs the project file gives (absolute), so that `serve` sees a new file that matches one.
    public var globs: [String] = []

    /// Every layer of every source, in order (the index of a layer's report).
    public var layers: [LayerRef] { sources.flatMap(\.layers) }

    /// Every millésime, sorted.
    public var millesimes: [Int] { Array(Set(sources.flatMap { $0.fields.keys })).sorted() }
}
