import Foundation
import PortraitsCore
import PortraitsProject
import PortraitsModel
import PortraitsDownloads

/// The files of `assets/`: the built-in ones, replaced file by file by the project's
/// `Templates/assets/`. Stylesheets and scripts get a fingerprint in their name
/// (`style.3f2a9c1b.css`), so that a host may cache them forever and a new build is never served
/// an old stylesheet; pages link them through `stylesheets` and `script`.
package struct SiteAssets {
    /// Site path → bytes.
    package let files: [(path: String, bytes: [UInt8])]
    /// Site paths of the stylesheets, in link order (style.css first).
    package let stylesheets: [String]
    /// Site path of the script (nil without one).
    package let script: String?

    package init(folders: [String]) throws {
        var byName: [String: [UInt8]] = [:]
        let fm = FileManager.default
        for folder in folders {
            guard let names = try? fm.contentsOfDirectory(atPath: folder) else { continue }
            for name in names.sorted() where SafeCode.isValid(name) {
                let path = (folder as NSString).appendingPathComponent(name)
                guard let data = fm.contents(atPath: path) else { throw InputError(path, "cannot read the asset") }
                byName[name] = [UInt8](data)
            }
        }
        guard byName["style.css"] != nil else { throw InputError(folders.last ?? "assets", "the assets folder has no style.css") }
        var files: [(String, [UInt8])] = []
        var css: [String] = [], js: [String] = []
        for name in byName.keys.sorted() {
            let bytes = byName[name]!
            let ext = (name as NSString).pathExtension
            guard ext == "css" || ext == "js" else { files.append(("assets/\(name)", bytes)); continue }
            let stem = (name as NSString).deletingPathExtension
            let path = "assets/\(stem).\(Self.fingerprint(bytes)).\(ext)"
            files.append((path, bytes))
            if ext == "css" { css.append(path) } else { js.append(path) }
        }
        self.files = files
        stylesheets = css.sorted { a, b in a.hasPrefix("assets/style.") != b.hasPrefix("assets/style.") ? a.hasPrefix("assets/style.") : a < b }
        script = js.first { $0.hasPrefix("assets/portraits.") } ?? js.first
    }

    /// Eight hex digits of FNV-1a (64 bits) of the content.
    package static func fingerprint(_ bytes: [UInt8]) -> String {
        var h: UInt64 = 0xcbf2_9ce4_8422_2325
        for b in bytes { h = (h ^ UInt64(b)) &* 0x0000_0100_0000_01b3 }
        let hex = String(h, radix: 16)
        return String((String(repeating: "0", count: 16 - hex.count) + hex).prefix(8))
    }
}
