import CSupport

/// The zlib level of the PDFs' streams (pages, fonts, maps drawn as images, qpdf's object
/// streams). Cairo 1.16 and qpdf both compress at zlib's default, 6, without a way to choose;
/// `deflate_level.c` lets a thread choose while it writes a PDF, and the renderer does.
///
/// Measured with `bench-print --sample-every 20` (801 portraits, the scale profile, same session):
///
/// | level | CPU (s) | portrait, median | atlas, median |
/// |---|---|---|---|
/// | 6 (zlib's default) | 22.4–22.8 | 70.7 KB | 1 340 KB |
/// | 5 | 21.3 | 71.2 KB | 1 355 KB |
/// | 4 | 20.3 | 73.7 KB | 1 413 KB |
/// | 3 (zlib's greedy levels) | 19.9 | 75.3 KB | 1 437 KB |
///
/// Level 4 takes a tenth off the PDFs' time for files 4 % larger, far under the 2 MB a portrait
/// may weigh; below it zlib stops looking for better matches and files grow faster than time falls.
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
