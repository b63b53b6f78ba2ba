import CGDAL
import PortraitsCore

/// Spatial references and the reprojection to Lambert-93 (EPSG:2154), where areas are computed.
final class SpatialReference {
    let handle: OGRSpatialReferenceH

    init(epsg: Int32) {
        handle = OSRNewSpatialReference(nil)
        OSRImportFromEPSG(handle, epsg)
        OSRSetAxisMappingStrategy(handle, OAMS_TRADITIONAL_GIS_ORDER)
    }

    /// Parses any definition GDAL accepts ("EPSG:4326", WKT, PROJ string).
    init(definition: String) throws {
        handle = OSRNewSpatialReference(nil)
        guard OSRSetFromUserInput(handle, definition) == OGRERR_NONE else {
            OSRDestroySpatialReference(handle)
            throw InputError("", "unknown coordinate reference system \"\(definition)\"")
        }
        OSRSetAxisMappingStrategy(handle, OAMS_TRADITIONAL_GIS_ORDER)
    }

    /// A copy of a layer's reference (the layer keeps ownership of its own).
    init(cloning h: OGRSpatialReferenceH) {
        handle = OSRClone(h)
        OSRSetAxisMappingStrategy(handle, OAMS_TRADITIONAL_GIS_ORDER)
    }

    deinit { OSRDestroySpatialReference(handle) }

    func isSame(as other: SpatialReference) -> Bool { OSRIsSame(handle, other.handle) != 0 }

    var name: String {
        if let auth = OSRGetAuthorityName(handle, nil), let code = OSRGetAuthorityCode(handle, nil) {
            return "\(String(cString: auth)):\(String(cString: code))"
        }
        if let n = OSRGetName(handle) { return String(cString: n) }
        return "unnamed CRS"
    }

    static let lambert93Code: Int32 = 2154
}

/// Reprojects geometries from a source reference to Lambert-93.
final class Reprojection {
    let transform: OGRCoordinateTransformationH

    init(from source: SpatialReference, to target: SpatialReference) throws {
        guard let t = OCTNewCoordinateTransformation(source.handle, target.handle) else {
            throw InputError("", "no transformation from \(source.name) to EPSG:2154: \(GDALSetup.lastError("unknown reason"))")
        }
        transform = t
    }

    deinit { OCTDestroyCoordinateTransformation(transform) }
}
