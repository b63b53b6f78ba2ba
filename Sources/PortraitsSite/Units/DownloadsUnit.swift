import PortraitsProject
import PortraitsWeb

/// The downloads unit: the site-wide tables of every level (CSV with their CSV on the Web
/// descriptions, the workbook, the GeoPackage). Key: the figures only; the Données page that
/// lists them is part of the site unit.
package enum DownloadsUnit {
    /// Writes the files; returns what the Données page says of them (the unit's meta).
    package static func make(_ page: DownloadsPage, context: RenderContext, writer: FileSink) throws -> DownloadsPage.Files {
        try page.writeFiles(writer: writer, levels: context.levels, buildDay: context.buildDay, created: context.created)
    }
}
