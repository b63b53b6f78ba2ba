import CGDAL
import PortraitsCore

/// An OGR data source opened read-only (GeoPackage, Shapefile, GeoJSON, FlatGeobuf, ...).
public final class VectorDataset {
    let handle: GDALDatasetH
    public let path: String

    /// `encoding`: the text encoding of a Shapefile that does not declare it (the driver's
    /// `ENCODING` open option; other formats say theirs).
    public init(path: String, encoding: String? = nil) throws {
        _ = GDALSetup.once
        self.path = path
        CPLErrorReset()
        var options: UnsafeMutablePointer<UnsafeMutablePointer<CChar>?>? = nil
        if let encoding { options = CSLAddString(options, "ENCODING=\(encoding)") }
        defer { CSLDestroy(options) }
        let opened = options?.withMemoryRebound(to: UnsafePointer<CChar>?.self, capacity: 2) {
            GDALOpenEx(path, UInt32(GDAL_OF_VECTOR | GDAL_OF_READONLY), nil, $0, nil)
        } ?? GDALOpenEx(path, UInt32(GDAL_OF_VECTOR | GDAL_OF_READONLY), nil, nil, nil)
        guard let h = opened else {
            throw InputError(path, "cannot open as vector data: \(GDALSetup.lastError("not found or not a format GDAL reads"))")
        }
        handle = h
    }

    /// The source a project file names, with its encoding.
    public convenience init(_ ref: LayerRef) throws {
        try self.init(path: ref.path, encoding: ref.encoding)
    }

    deinit { GDALClose(handle) }

    public var layerNames: [String] {
        (0..<GDALDatasetGetLayerCount(handle)).compactMap { i in
            GDALDatasetGetLayer(handle, i).flatMap { OGR_L_GetName($0) }.map { String(cString: $0) }
        }
    }

    /// A layer by name (`crs` is assumed when the layer declares none); with no name, the only layer of the source (an error when there are several).
    public func layer(_ name: String?, crs: String? = nil) throws -> VectorLayer {
        if let name {
            guard let l = GDALDatasetGetLayerByName(handle, name) else {
                throw InputError(path, "no layer \"\(name)\" (layers: \(layerNames.joined(separator: ", ")))")
            }
            return try VectorLayer(l, dataset: self, assumedCRS: crs)
        }
        let names = layerNames
        guard names.count == 1, let l = GDALDatasetGetLayer(handle, 0) else {
            throw InputError(path, "name the layer to read (layers: \(names.joined(separator: ", ")))")
        }
        return try VectorLayer(l, dataset: self, assumedCRS: crs)
    }
}
