import ArgumentParser
import Dispatch
import FlyingFox
import FlyingSocks
import Foundation
import PortraitsBench
import PortraitsProject
import PortraitsSite

struct Serve: ParsableCommand {
    static let configuration = CommandConfiguration(
        abstract: "Build the site, serve it on this machine and rebuild it when an input changes.",
        discussion: """
        Serves the output folder on 127.0.0.1 (loopback only). Every second it looks at the project's \
        templates, its Content/ folder, the project file and the data files: a template or a page of \
        documentation that changes re-renders the site from the data already in memory; the project \
        file or a data file reloads everything. PDFs are skipped unless --pdf is given.
        """)

    @Option(name: .shortAndLong, help: "Project file.")
    var config = "portraits.yaml"

    @Option(name: .shortAndLong, help: "Port on 127.0.0.1.")
    var port: UInt16 = 8000

    @Flag(help: "Make the PDFs too (slower rebuilds).")
    var pdf = false

    func run() throws {
        let site = LiveSite(configPath: config, pdf: pdf)
        do {
            let s = try site.buildAll()
            print("Built \(s.portraits) portraits, \(s.pages) pages in \(s.output)")
        } catch {
            throw fail(error)
        }
        let root = URL(fileURLWithPath: site.output)
        let port = self.port
        Task {
            do {
                let server = HTTPServer(address: try sockaddr_in.inet(ip4: "127.0.0.1", port: port), handler: StaticSiteHandler(root: root))
                try await server.run()
            } catch {
                FileHandle.standardError.write("error: cannot serve on 127.0.0.1:\(port): \(error)\n".data(using: .utf8)!)
                Foundation.exit(1)
            }
        }
        print("Serving http://127.0.0.1:\(port)/ — Ctrl-C to stop.")
        let timer = DispatchSource.makeTimerSource(queue: DispatchQueue(label: "portraits.watch"))
        timer.schedule(deadline: .now() + 1, repeating: 1)
        timer.setEventHandler {
            do {
                if let change = try site.rebuildIfChanged() {
                    switch change {
                    case .presentation(let files): print("Re-rendered after a change to \(files.map { ($0 as NSString).lastPathComponent }.joined(separator: ", "))")
                    case .inputs(let files): print("Rebuilt after a change to \(files.map { ($0 as NSString).lastPathComponent }.joined(separator: ", "))")
                    }
                }
            } catch {
                FileHandle.standardError.write("error: \(error) — the previous site is still served\n".data(using: .utf8)!)
            }
        }
        timer.resume()
        dispatchMain()
    }
}

/// Serves the files of a folder: `/` and folders give their `index.html`, unknown paths the site's
/// `404.html` with status 404; paths never leave the folder.
struct StaticSiteHandler: HTTPHandler {
    let root: URL

    static let types: [String: String] = [
        "html": "text/html; charset=utf-8", "css": "text/css; charset=utf-8", "js": "text/javascript; charset=utf-8",
        "svg": "image/svg+xml", "png": "image/png", "pdf": "application/pdf", "csv": "text/csv; charset=utf-8",
        "xlsx": "application/vnd.openxmlformats-officedocument.spreadsheetml.sheet", "gpkg": "application/geopackage+sqlite3",
        "xml": "application/xml; charset=utf-8", "txt": "text/plain; charset=utf-8", "json": "application/json",
    ]

    func handleRequest(_ request: HTTPRequest) async throws -> HTTPResponse {
        let parts = request.path.split(separator: "/").map(String.init)
        guard !parts.contains(where: { $0 == ".." || $0 == "." || $0.hasPrefix(".") }) else {
            return HTTPResponse(statusCode: .forbidden)
        }
        var url = parts.reduce(root) { $0.appendingPathComponent($1) }
        var isDir: ObjCBool = false
        if FileManager.default.fileExists(atPath: url.path, isDirectory: &isDir), isDir.boolValue {
            url = url.appendingPathComponent("index.html")
        }
        if let data = FileManager.default.contents(atPath: url.path) {
            let type = Self.types[url.pathExtension.lowercased()] ?? "application/octet-stream"
            return HTTPResponse(statusCode: .ok, headers: [.contentType: type, HTTPHeader("Cache-Control"): "no-cache"], body: data)
        }
        let notFound = FileManager.default.contents(atPath: root.appendingPathComponent("404.html").path) ?? Data("Not found".utf8)
        return HTTPResponse(statusCode: .notFound, headers: [.contentType: "text/html; charset=utf-8"], body: notFound)
    }
}
