import CCairo
import CQPDF

/// The versions of Cairo (charts, maps, PDFs) and qpdf (PDF structure) this binary runs with.
public enum CairoVersions {
    public static var description: String {
        "Cairo \(String(cString: cairo_version_string())), qpdf \(String(cString: qpdf_get_qpdf_version()))"
    }
}
