import CSupport

/// How the PDFs' streams are compressed (pages, fonts, maps drawn as images, qpdf's object
/// streams): by libdeflate, at `level`. Cairo 1.16 and qpdf both compress through zlib at its
/// default level, 6, without a way to choose; `pdf_deflate.c` gives a thread's PDF streams to
/// libdeflate while it writes a PDF, and the renderer does.
///
/// Measured with `bench-print --sample-every 20` (801 portraits, the scale profile, same session,
/// 2026-12-07, after the maps drawn as images lost their seams):
///
/// | compression | portraits' CPU (s) | portrait, median | atlas, median |
/// |---|---|---|---|
/// | zlib, level 4 (what was kept before) | 20.5–20.7 | 81.7 KB | 1 586 KB |
/// | libdeflate, level 2 | 20.0 | 80.5 KB | 1 526 KB |
/// | libdeflate, level 4 | 19.2 | 79.2 KB | 1 499 KB |
/// | libdeflate, level 6 | 20.5 | 77.1 KB | 1 453 KB |
///
/// Before, zlib's level 4 had taken a tenth off zlib's level 6 for files 4 % larger (22.4–22.8 s,
/// 70.7 KB at level 6, when maps had their seams). libdeflate's level 4 is both faster and
/// smaller than zlib's.
enum PDFCompression {
    static let level: Int32 = 4

    /// Runs `body` with this thread's PDF streams compressed at `level`, then restores what was set.
    static func with<T>(_ body: () throws -> T) rethrows -> T {
        let before = portraits_pdf_deflate_level()
        portraits_set_pdf_deflate_level(level)
        defer { portraits_set_pdf_deflate_level(before) }
        return try body()
    }
}
