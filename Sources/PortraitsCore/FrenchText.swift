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

extension FrenchText {
    /// "de" before a territory's name, with the article French gives its département or its
    /// région: « de la Moselle », « du Bas-Rhin », « des Vosges », « de l’Aube », « de
    /// Meurthe-et-Moselle », « du Grand Est », « des Hauts-de-France ». Other territories as
    /// `de(_:)` says.
    public static func de(_ id: TerritoryID, _ name: String) -> String {
        let table = id.level == .departement ? departementArticles : id.level == .region ? regionArticles : [:]
        guard let kind = table[id.code] else { return de(name) }
        switch kind {
        case 2: return "du " + name
        case 3: return "de la " + name
        case 4: return "des " + name
        case 5: return "de l’" + name
        default: return de(name)
        }
    }

    /// The article of each département's name, as INSEE's official geographic code (COG) gives it
    /// (its TNCC field): 0 none, before a consonant (« de Paris »); 1 none, before a vowel
    /// (« d’Ille-et-Vilaine »); 2 « le »; 3 « la »; 4 « les »; 5 « l’ ». Names are stable; a
    /// code not listed falls back to the plain rule.
    static let departementArticles: [String: Int] = [
        "01": 5, "02": 5, "03": 5, "04": 4, "05": 4, "06": 4, "07": 5, "08": 4, "09": 5, "10": 5,
        "11": 5, "12": 5, "13": 4, "14": 2, "15": 2, "16": 3, "17": 3, "18": 2, "19": 3, "2A": 3,
        "2B": 3, "21": 3, "22": 4, "23": 3, "24": 3, "25": 2, "26": 3, "27": 5, "28": 1, "29": 2,
        "30": 2, "31": 3, "32": 2, "33": 3, "34": 5, "35": 1, "36": 5, "37": 1, "38": 5, "39": 2,
        "40": 4, "41": 2, "42": 3, "43": 3, "44": 3, "45": 2, "46": 2, "47": 2, "48": 3, "49": 0,
        "50": 3, "51": 3, "52": 3, "53": 3, "54": 0, "55": 3, "56": 2, "57": 3, "58": 3, "59": 2,
        "60": 5, "61": 5, "62": 2, "63": 2, "64": 4, "65": 4, "66": 4, "67": 2, "68": 2, "69": 2,
        "70": 3, "71": 0, "72": 3, "73": 3, "74": 3, "75": 0, "76": 3, "77": 0, "78": 4, "79": 4,
        "80": 3, "81": 2, "82": 2, "83": 2, "84": 2, "85": 3, "86": 3, "87": 3, "88": 4, "89": 5,
        "90": 2, "91": 5, "92": 4, "93": 3, "94": 2, "95": 2, "971": 3, "972": 3, "973": 3, "974": 0, "976": 0,
    ]

    /// The same for the régions (COG's TNCC of the régions since 2016).
    static let regionArticles: [String: Int] = [
        "01": 3, "02": 3, "03": 3, "04": 0, "06": 0, "11": 1, "24": 2, "27": 0, "28": 3, "32": 4,
        "44": 2, "52": 4, "53": 3, "75": 3, "76": 1, "84": 1, "93": 0, "94": 3,
    ]

    /// `a, b et c`.
    public static func and(_ items: [String]) -> String { list(items, "et") }
    /// `a, b ou c`.
    public static func or(_ items: [String]) -> String { list(items, "ou") }

    static func list(_ items: [String], _ word: String) -> String {
        guard items.count > 1 else { return items.first ?? "" }
        return items.dropLast().joined(separator: ", ") + " \(word) " + items.last!
    }
}
