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
}
