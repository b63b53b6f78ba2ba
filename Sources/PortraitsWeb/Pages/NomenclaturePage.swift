import PortraitsCore
import PortraitsProject
import PortraitsModel
import PortraitsDownloads

/// The nomenclature page (`doc/nomenclature.html`), generated from the nomenclature file: every
/// class of every dimension with its colour, the correspondence rules as written, and — for a
/// two-dimension nomenclature — the matrix of artificialisation of every couverture × usage pair.
package struct NomenclaturePage {
    package static let slug = "nomenclature"
    package static var path: String { SitePaths.doc(slug) }

    package let nomenclature: Nomenclature
    package let traits: TraitsTable

    package static func yesNo(_ b: Bool?) -> String { b.map { $0 ? "oui" : "non" } ?? "—" }

    package func html(common: CommonContext, templates: TemplateSet) throws -> String {
        try templates.render("nomenclature", context(common: common))
    }

    func context(common: CommonContext) -> [String: Any] {
        var c = common.context(path: Self.path, title: "Nomenclature")
        c["description"] = "Les classes de la nomenclature \(nomenclature.name), leurs couleurs et leurs correspondances."
        c["name"] = nomenclature.name
        c["dimensions"] = nomenclature.dimensions.map { dim -> [String: Any] in
            ["id": dim.id, "name": dim.name, "levels": dim.levelNames.joined(separator: ", "), "count": dim.leaves.count,
             "classes": dim.classes.map { cls -> [String: Any] in
                 ["code": cls.code, "label": cls.label, "short": cls.shortLabel, "color": cls.color.hex,
                  "level": cls.level, "levelName": dim.levelNames[max(0, min(dim.levelNames.count - 1, cls.level - 1))],
                  "indent": "lvl-\(min(cls.level, 6))"]
             }]
        }
        let rules = nomenclature.rules.rows
        c["hasRules"] = !rules.isEmpty
        c["ruleHeaders"] = nomenclature.dimensions.map(\.name)
        c["rules"] = rules.map { r -> [String: Any] in
            ["match": r.match.map { $0 ?? "toutes" },
             "artificialised": Self.yesNo(r.traits.artificialised), "sealed": Self.yesNo(r.traits.sealed),
             "built": Self.yesNo(r.traits.built), "linear": Self.yesNo(r.traits.linear),
             "naf": r.traits.naf?.label ?? "—", "destination": r.traits.destination?.label ?? "—"]
        }
        if nomenclature.dimensions.count == 2 {
            let cs = nomenclature.dimensions[0], us = nomenclature.dimensions[1]
            c["matrix"] = [
                "rowName": cs.name, "columnName": us.name,
                "columns": us.leaves.map { ["code": us.classes[$0].code, "label": us.classes[$0].label] },
                "rows": cs.leaves.enumerated().map { (i, leaf) -> [String: Any] in
                    ["code": cs.classes[leaf].code, "label": cs.classes[leaf].label,
                     "cells": us.leaves.indices.map { j -> [String: Any] in
                         let t = traits[ClassKey(Int32(i), Int32(j))]
                         let a = t.artificialised
                         return ["mark": a == true ? "A" : (a == false ? "·" : "?"), "artificialised": a == true,
                                 "title": "\(cs.classes[leaf].code) × \(us.classes[us.leaves[j]].code) : " + (a == true ? "artificialisé" : a == false ? "non artificialisé" : "indéterminé")]
                     }]
                },
            ] as [String: Any]
        }
        return c
    }

    package init(nomenclature: Nomenclature, traits: TraitsTable) {
        self.nomenclature = nomenclature
        self.traits = traits
    }
}
