/// Text put into XML (SVG titles, the sitemap, the OpenDocument report) as element content or a
/// double-quoted attribute: `& < > "` as entities, and the control characters XML 1.0 does not
/// allow dropped (a name read from a file could hold one).
public enum XMLText {
    public static func escape(_ s: String) -> String {
        var out = ""
        out.reserveCapacity(s.utf8.count)
        for u in s.unicodeScalars {
            switch u {
            case "&": out += "&amp;"
            case "<": out += "&lt;"
            case ">": out += "&gt;"
            case "\"": out += "&quot;"
            default: if u.value >= 0x20 || u == "\t" || u == "\n" || u == "\r" { out.unicodeScalars.append(u) }
            }
        }
        return out
    }
}
