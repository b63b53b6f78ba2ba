import CGDAL
import CGEOS

/// The versions of GDAL and GEOS this binary runs with: part of the facts store's key, since a
/// new GEOS may compute intersections a little differently.
public enum LibraryVersions {
    public static var description: String {
        "GDAL \(String(cString: GDALVersionInfo("RELEASE_NAME"))), GEOS \(String(cString: GEOSversion()))"
    }
}
