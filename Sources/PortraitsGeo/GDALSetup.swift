import CGDAL

/// GDAL is registered once per process, with its error messages kept for our own reports
/// instead of printed to standard error.
enum GDALSetup {
    static let once: Void = {
        GDALAllRegister()
        CPLPushErrorHandler(CPLQuietErrorHandler)
        CPLSetConfigOption("OGR_GPKG_FOREIGN_KEY_CHECK", "NO")
    }()

    /// The last message GDAL reported, or `fallback`.
    static func lastError(_ fallback: String) -> String {
        guard let c = CPLGetLastErrorMsg(), c.pointee != 0 else { return fallback }
        return String(cString: c)
    }
}
