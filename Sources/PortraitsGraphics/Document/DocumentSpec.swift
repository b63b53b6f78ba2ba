/// A printed document: A4 pages as scenes (units: PostScript points) and an outline (PDF
/// bookmarks). Backends draw it page by page; the spec knows nothing of PDF.
public struct DocumentSpec: Sendable {
    public struct OutlineEntry: Sendable, Equatable {
        public var title: String
        /// 0-based page index.
        public var page: Int
        /// 0: top level; 1: under the previous entry of level 0.
        public var level: Int

        public init(title: String, page: Int, level: Int = 0) {
            self.title = title
            self.page = page
            self.level = level
        }
    }

    public var title: String
    public var subject: String
    public var author: String
    /// "YYYY-MM-DD": the date printed in the footers and recorded as the creation date.
    public var date: String
    public var pages: [Scene]
    public var outline: [OutlineEntry]

    public init(title: String, subject: String, author: String, date: String, pages: [Scene], outline: [OutlineEntry]) {
        self.title = title
        self.subject = subject
        self.author = author
        self.date = date
        self.pages = pages
        self.outline = outline
    }

    /// A4 portrait in points.
    public static let a4Width = 595.276
    public static let a4Height = 841.89
}
