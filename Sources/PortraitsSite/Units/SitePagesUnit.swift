import PortraitsCore
import PortraitsModel
import PortraitsProject
import PortraitsWeb

/// The site unit: the site's own pages (home, one page per level, documentation, nomenclature,
/// search and its index, comparison, Données), then publishing: the 404 page, the sitemap,
/// robots.txt and the assets. Key: the figures, the templates, the documentation's text and the
/// publishing options.
package enum SitePagesUnit {
    package static func write(context: RenderContext, index: IndexPages, levelMaps: [TerritoryLevel: LevelMapFile],
                              downloads: DownloadsPage, files: DownloadsPage.Files, output: OutputWriter) throws {
        let project = context.project, config = project.config
        let (common, templates, docs, main) = (context.common, context.templates, context.docs, context.main)
        let out = output.unit(OutputUnit.site.rawValue)
        try out.write("index.html", try index.home(templates: templates, levelMaps: levelMaps))
        for level in context.levels {
            for (path, html) in try index.levelPages(level, templates: templates, map: levelMaps[level]) { try out.write(path, html) }
        }
        for doc in docs.docs {
            try out.write(SitePaths.doc(doc.slug), try docs.render(doc, common: common, templates: templates))
        }
        let nomenclature = NomenclaturePage(nomenclature: project.nomenclature, traits: project.traits)
        try out.write(NomenclaturePage.path, try nomenclature.html(common: common, templates: templates))

        try out.write(SearchIndex.path, SearchIndex.script(project, main: main))
        try out.write("recherche.html", try SitePages.search(common: common, templates: templates))
        try out.write("comparer.html", try SitePages.compare(common: common, templates: templates, project: project, main: main))
        try out.write(DownloadsPage.path, try downloads.render(files: files, common: common, templates: templates))

        // Publishing: 404 (not in the sitemap), sitemap, robots, assets.
        try out.write("404.html", try SitePages.notFound(common: common, templates: templates, assets: context.assets, folders: context.levels.map(\.pathSegment)))
        if let sitemap = Publishing.sitemap(pages: pages(output), baseURL: config.site.baseURL, lastModified: context.buildDay) {
            try out.write("sitemap.xml", sitemap)
        }
        try out.write("robots.txt", Publishing.robots(baseURL: config.site.baseURL))
        for (path, bytes) in context.assets.files { try out.write(path, bytes) }
    }

    /// The site's pages, for the sitemap: every HTML file of the territory pages and of the site's
    /// own pages written (or linked unchanged) so far, but the 404 page and the territory folders'
    /// index pages (they send the browser to the portrait, which is listed).
    package static func pages(_ writer: OutputWriter) -> [String] {
        (writer.files(of: OutputUnit.territoryPages.rawValue).files + writer.files(of: OutputUnit.site.rawValue).files)
            .filter { $0.hasSuffix(".html") && $0 != "404.html" && !SitePaths.isFolderIndex($0) }
    }
}
