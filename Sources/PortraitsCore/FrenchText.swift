import Foundation

/// French grammar the generated sentences need around a proper name.
public enum FrenchText {
    /// "de" before a name, elided and contracted as French writes it: « de Strasbourg »,
    /// « d’Aval-lès-Bains », « du Neufour » (Le Neufour), « des Rousses » (Les Rousses),
    /// « de La Bresse », « de l’Étang-Salé » (L’Étang-Salé). A name starting with "h" keeps "de"
    /// (aspirated or not cannot be told from the spelling). A group named by its kind takes the
    /// kind's article: « de la CC du Pays Rethélois », « de l’Eurométropole de Strasbourg »,
    /// « de la Métropole du Grand Nancy », « du SCoT Nord 54 », « du PETR … ».
    public static func de(_ name: String) -> String {
        for (kind, article) in [("CC ", "de la "), ("CA ", "de la "), ("CU ", "de la "), ("Communauté ", "de la "), ("Métropole ", "de la "),
                                ("Eurométropole ", "de l’"), ("SCoT ", "du "), ("Scot ", "du "), ("PETR ", "du "), ("Pôle ", "du "), ("Syndicat ", "du ")]
            where name.hasPrefix(kind) {
            return article + name
        }
        for (article, contracted) in [("Le ", "du "), ("Les ", "des ")] where name.hasPrefix(article) {
            return contracted + name.dropFirst(article.count)
        }
        if name.hasPrefix("L’") || name.hasPrefix("L'") { return "de l’" + name.dropFirst(2) }
        guard let first = name.unicodeScalars.first else { return "de " }
        let base = String(first).folding(options: [.diacriticInsensitive, .caseInsensitive], locale: nil)
        return ["a", "e", "i", "o", "u", "y"].contains(base) || "ŒœÆæ".unicodeScalars.contains(first) ? "d’" + name : "de " + name
    }
}

extension FrenchText {
    /// The key French lists are sorted by: case and accents ignored, œ and æ read as oe and ae,
    /// spaces, hyphens and apostrophes ignored, as dictionaries do (« Hœnheim » before
    /// « Holtzheim », « Lampertheim » before « La Wantzenau »). Compare keys, then the original
    /// strings to break ties.
    public static func collationKey(_ name: String) -> String {
        var s = name.folding(options: [.diacriticInsensitive, .caseInsensitive], locale: Locale(identifier: "fr_FR"))
        for (from, to) in [("œ", "oe"), ("æ", "ae"), (" ", ""), ("-", ""), ("’", ""), ("'", "")] { s = s.replacingOccurrences(of: from, with: to) }
        return s
    }

    /// `items` in French alphabetical order of `name`.
    public static func sorted<T>(_ items: [T], by name: (T) -> String) -> [T] {
        items.map { (collationKey(name($0)), name($0), $0) }.sorted { ($0.0, $0.1) < ($1.0, $1.1) }.map(\.2)
    }
}
