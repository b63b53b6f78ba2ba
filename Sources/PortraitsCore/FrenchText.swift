import Foundation

/// French grammar the generated sentences need around a proper name.
public enum FrenchText {
    /// "de" before a name, elided and contracted as French writes it: « de Strasbourg »,
    /// « d’Aval-lès-Bains », « du Neufour » (Le Neufour), « des Rousses » (Les Rousses),
    /// « de La Bresse », « de l’Étang-Salé » (L’Étang-Salé). A name starting with "h" keeps "de"
    /// (aspirated or not cannot be told from the spelling).
    public static func de(_ name: String) -> String {
        for (article, contracted) in [("Le ", "du "), ("Les ", "des ")] where name.hasPrefix(article) {
            return contracted + name.dropFirst(article.count)
        }
        if name.hasPrefix("L’") || name.hasPrefix("L'") { return "de l’" + name.dropFirst(2) }
        guard let first = name.unicodeScalars.first else { return "de " }
        let base = String(first).folding(options: [.diacriticInsensitive, .caseInsensitive], locale: nil)
        return ["a", "e", "i", "o", "u", "y"].contains(base) || "ŒœÆæ".unicodeScalars.contains(first) ? "d’" + name : "de " + name
    }
}
