/// Lexical path arithmetic, with no file-system access: `../site` taken from `/a/b` is `/a/site`.
public enum PathNormalizer {
    /// An absolute path with `.` and empty parts dropped and each `..` removing the part before it.
    /// A relative `path` is taken from `base` (an absolute folder).
    public static func absolute(_ path: String, from base: String) -> String {
        let full = path.hasPrefix("/") ? path : base + "/" + path
        var parts: [Substring] = []
        for p in full.split(separator: "/", omittingEmptySubsequences: true) {
            if p == "." { continue }
            if p == ".." { if !parts.isEmpty { parts.removeLast() }; continue }
            parts.append(p)
        }
        return "/" + parts.joined(separator: "/")
    }

    /// `path` (absolute, normalised) as seen from the folder `base` (absolute, normalised):
    /// `/a/dl/x.gpkg` from `/a/project` is `../dl/x.gpkg`; `path` itself when they share nothing.
    public static func relative(_ path: String, from base: String) -> String {
        let a = base.split(separator: "/"), b = path.split(separator: "/")
        var n = 0
        while n < min(a.count, b.count) && a[n] == b[n] { n += 1 }
        guard n > 0 else { return path }
        return (Array(repeating: "..", count: a.count - n) + b[n...].map(String.init)).joined(separator: "/")
    }
}
