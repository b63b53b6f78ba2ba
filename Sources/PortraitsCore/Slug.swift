import Foundation

/// File names anyone can type.
public enum Slug {
    /// "Saint-Étienne-lès-Remiremont" → "saint-etienne-les-remiremont" (at most 60 characters).
    public static func of(_ name: String) -> String {
        let folded = name.folding(options: [.diacriticInsensitive, .caseInsensitive], locale: Locale(identifier: "fr_FR")).lowercased()
        var out = ""
        for u in folded.unicodeScalars {
            if (u >= "a" && u <= "z") || (u >= "0" && u <= "9") { out.unicodeScalars.append(u) }
            else if u == "œ" { out += "oe" } else if u == "æ" { out += "ae" }
            else if !out.hasSuffix("-") && !out.isEmpty { out += "-" }
        }
        while out.hasSuffix("-") { out.removeLast() }
        return String(out.prefix(60))
    }
}
