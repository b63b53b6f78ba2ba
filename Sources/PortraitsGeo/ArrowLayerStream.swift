import CGDAL
import PortraitsCore

/// A vector layer read through GDAL's columnar interface (`OGR_L_GetArrowStream`, the Arrow C
/// stream, GDAL ≥ 3.6): batches of rows whose geometry column is WKB and whose fields are Arrow
/// columns, without building an OGR feature per row: `VectorLayer.forEach` reads a layer through it
/// when it can, and so does the tabulation's floor. Only the fields asked for are read.
public final class ArrowLayerStream {
    /// One batch: `count` rows, the WKB of each row's geometry and the asked fields as strings.
    public struct Batch {
        let array: UnsafeMutablePointer<ArrowArray>
        let geometryColumn: Int
        let fieldColumns: [Int]
        let integerFields: [Bool]
        let fidColumn: Int?
        public var count: Int { Int(array.pointee.length) }

        /// Whether field `field` is an integer column (asked with `integers`); otherwise it is text.
        public func isInteger(field: Int) -> Bool { integerFields[field] }

        /// The value of integer field `field` at `row`; nil when null.
        public func integer(field: Int, row: Int) -> Int64? {
            let c = array.pointee.children[fieldColumns[field]]!.pointee
            let i = row + Int(c.offset)
            if c.null_count != 0, let validity = c.buffers[0] {
                if validity.assumingMemoryBound(to: UInt8.self)[i >> 3] & (1 << UInt8(i & 7)) == 0 { return nil }
            }
            let values = c.buffers[1]!
            return integerIsWide[field] ? values.assumingMemoryBound(to: Int64.self)[i] : Int64(values.assumingMemoryBound(to: Int32.self)[i])
        }
        let integerIsWide: [Bool]

        /// The feature id of row `row` (asked with `includeFID`; -1 otherwise).
        public func fid(_ row: Int) -> Int64 {
            guard let fidColumn else { return -1 }
            let c = array.pointee.children[fidColumn]!.pointee
            return c.buffers[1]!.assumingMemoryBound(to: Int64.self)[row + Int(c.offset)]
        }

        /// The WKB of row `row` (nil when the row has no geometry).
        public func wkb(_ row: Int) -> UnsafeRawBufferPointer? {
            Self.binary(array.pointee.children[geometryColumn]!, row)
        }

        /// The bytes of text field `field` (its index in the fields asked for) at `row`; nil when null.
        public func bytes(field: Int, row: Int) -> UnsafeRawBufferPointer? {
            Self.binary(array.pointee.children[fieldColumns[field]]!, row)
        }

        /// A value of a binary or UTF-8 column with 32-bit offsets (Arrow's "z" and "u").
        static func binary(_ column: UnsafeMutablePointer<ArrowArray>, _ row: Int) -> UnsafeRawBufferPointer? {
            let c = column.pointee
            let i = row + Int(c.offset)
            if c.null_count != 0, let validity = c.buffers[0] {
                let bits = validity.assumingMemoryBound(to: UInt8.self)
                if bits[i >> 3] & (1 << UInt8(i & 7)) == 0 { return nil }
            }
            let offsets = c.buffers[1]!.assumingMemoryBound(to: Int32.self)
            let start = Int(offsets[i]), end = Int(offsets[i + 1])
            // Arrow allows no data buffer when every value of the batch is empty.
            guard end > start, let data = c.buffers[2] else { return UnsafeRawBufferPointer(start: nil, count: 0) }
            return UnsafeRawBufferPointer(start: data.advanced(by: start), count: end - start)
        }
    }

    /// The layer read (it keeps its dataset open while the stream lives).
    public let layer: VectorLayer
    private let stream: UnsafeMutablePointer<ArrowArrayStream>
    private let geometryColumn: Int
    private let fieldColumns: [Int]
    private let integerFields: [Bool]
    private let integerIsWide: [Bool]
    private let fidColumn: Int?

    /// Asks `layer` (opened by `VectorDataset`, which names the file and its layers in its errors)
    /// for its geometry and `fields` (by name). Coordinates come as the layer stores them: the
    /// stream does not reproject. The layer's spatial and attribute filters apply.
    public convenience init(_ layer: VectorLayer, fields: [String], includeFID: Bool = false, batchSize: Int = 65_536) throws {
        switch try Self.open(layer, fields: fields, includeFID: includeFID, integers: false, batchSize: batchSize) {
        case let .success(columns): self.init(layer, columns)
        case let .failure(unsupported): throw unsupported
        }
    }

    /// The stream, or nil when GDAL cannot give it for these fields (no Arrow stream for this
    /// driver or no schema, a field that is neither text nor, with `integers`, a 32- or 64-bit
    /// integer, no feature id column): the caller reads feature by feature.
    public static func ifSupported(_ layer: VectorLayer, fields: [String], includeFID: Bool = false, integers: Bool = false,
                                   batchSize: Int = 65_536) throws -> ArrowLayerStream? {
        guard case let .success(columns) = try open(layer, fields: fields, includeFID: includeFID, integers: integers,
                                                    batchSize: batchSize) else { return nil }
        return ArrowLayerStream(layer, columns)
    }

    private struct Columns {
        var stream: UnsafeMutablePointer<ArrowArrayStream>
        var geometry: Int
        var fields: [Int]
        var integer: [Bool]
        var wide: [Bool]
        var fid: Int?
    }

    private init(_ layer: VectorLayer, _ columns: Columns) {
        self.layer = layer
        stream = columns.stream
        geometryColumn = columns.geometry
        fieldColumns = columns.fields
        integerFields = columns.integer
        integerIsWide = columns.wide
        fidColumn = columns.fid
    }

    /// The stream and where each column is in its batches; a failure is what GDAL cannot give
    /// (thrown errors are errors of the file).
    private static func open(_ layer: VectorLayer, fields: [String], includeFID: Bool, integers: Bool,
                             batchSize: Int) throws -> Result<Columns, InputError> {
        let lyr = layer.handle
        // Only the fields asked for (and the geometry), under the layer's own spelling of their names
        // (OGR finds a field whatever its case).
        let defn = OGR_L_GetLayerDefn(lyr)
        let fields = try fields.map { String(cString: OGR_Fld_GetNameRef(OGR_FD_GetFieldDefn(defn, try layer.fieldIndex($0)))) }
        let ignored = layer.fieldNames.filter { !fields.contains($0) } + ["OGR_STYLE"]
        let cIgnored: [UnsafeMutablePointer<CChar>?] = ignored.map { strdup($0) } + [nil]
        defer { for p in cIgnored { free(p) } }
        var constIgnored: [UnsafePointer<CChar>?] = cIgnored.map { $0.map { UnsafePointer($0) } }
        _ = constIgnored.withUnsafeMutableBufferPointer { OGR_L_SetIgnoredFields(lyr, $0.baseAddress) }
        var list: UnsafeMutablePointer<UnsafeMutablePointer<CChar>?>? = nil
        list = CSLSetNameValue(list, "INCLUDE_FID", includeFID ? "YES" : "NO")
        list = CSLSetNameValue(list, "MAX_FEATURES_IN_BATCH", "\(batchSize)")
        defer { CSLDestroy(list) }
        let stream = UnsafeMutablePointer<ArrowArrayStream>.allocate(capacity: 1)
        stream.initialize(to: ArrowArrayStream())
        func fail(_ message: String) -> InputError {
            if stream.pointee.release != nil { stream.pointee.release(stream) }
            stream.deallocate()
            OGR_L_SetIgnoredFields(lyr, nil)
            return InputError(layer.location, message)
        }
        guard OGR_L_GetArrowStream(lyr, stream, list) else {
            return .failure(fail("GDAL's Arrow stream is not available (\(GDALSetup.lastError("unknown error")))"))
        }
        // Where each column is in a batch.
        var schema = ArrowSchema()
        guard stream.pointee.get_schema(stream, &schema) == 0 else {
            let message = stream.pointee.get_last_error.flatMap { $0(stream) }.map { String(cString: $0) } ?? "no schema"
            return .failure(fail(message))
        }
        defer { schema.release(&schema) }
        var byName: [String: (Int, String)] = [:]
        var firstBinary: (Int, String)?
        for i in 0..<Int(schema.n_children) {
            let child = schema.children[i]!.pointee
            let format = String(cString: child.format)
            byName[String(cString: child.name)] = (i, format)
            if format == "z" && firstBinary == nil { firstBinary = (i, format) }
        }
        let geomName = String(cString: OGR_L_GetGeometryColumn(lyr))
        guard let g = byName[geomName.isEmpty ? "wkb_geometry" : geomName] ?? firstBinary, g.1 == "z" else {
            return .failure(fail("no WKB geometry column in GDAL's Arrow stream"))
        }
        var columns: [Int] = [], integer: [Bool] = [], wide: [Bool] = []
        for name in fields {
            guard let (i, format) = byName[name], format == "u" || (integers && (format == "i" || format == "l")) else {
                return .failure(fail("field \(name) is not a text field"))
            }
            columns.append(i)
            integer.append(format != "u")
            wide.append(format == "l")
        }
        var fid: Int? = nil
        if includeFID {
            let fidName = String(cString: OGR_L_GetFIDColumn(lyr))
            guard let (i, format) = byName[fidName.isEmpty ? "OGC_FID" : fidName], format == "l" else {
                return .failure(fail("no feature id column in GDAL's Arrow stream"))
            }
            fid = i
        }
        return .success(Columns(stream: stream, geometry: g.0, fields: columns, integer: integer, wide: wide, fid: fid))
    }

    deinit {
        if stream.pointee.release != nil { stream.pointee.release(stream) }
        stream.deallocate()
        OGR_L_SetIgnoredFields(layer.handle, nil)
    }

    /// Calls `body` with each batch in turn (the batch is released after it returns).
    public func forEachBatch(_ body: (Batch) throws -> Void) throws {
        let array = UnsafeMutablePointer<ArrowArray>.allocate(capacity: 1)
        defer { array.deallocate() }
        while true {
            array.initialize(to: ArrowArray())
            guard stream.pointee.get_next(stream, array) == 0 else {
                let message = stream.pointee.get_last_error.flatMap { $0(stream) }.map { String(cString: $0) } ?? "read error"
                throw InputError(layer.location, "reading stopped: \(message)")
            }
            guard let release = array.pointee.release else { return }
            defer { release(array) }
            try body(Batch(array: array, geometryColumn: geometryColumn, fieldColumns: fieldColumns, integerFields: integerFields,
                           fidColumn: fidColumn, integerIsWide: integerIsWide))
        }
    }
}
