import PortraitsCore
import PortraitsProject

/// The prefilled draft of the report on the artificialisation of soils that the maire or the
/// president of an EPCI presents to the council at least every three years (art. L. 2231-1 CGCT),
/// in the order of art. R. 2231-1: 1° the consumption of natural, agricultural and forest land,
/// 2° the balance of artificialisation and désartificialisation, 3° sealing, 4° the evaluation
/// against the objectives of the planning documents; then the explanation of the changes, the
/// measures, the method and the deliberation. Laid out from the territory's portraits (figures,
/// sentences and charts are theirs: the report computes only shares of the territory's area);
/// the ODT and the PDF only lay it out.
package struct TriennialReport: Sendable {
    /// A block of the report, in reading order.
    package enum Block: Sendable {
        case paragraph(String)
        /// A table with a header row; `numeric`: the columns aligned right.
        case table(caption: String, header: [String], rows: [[String]], numeric: Set<Int>)
        /// A chart of the portrait, with its text alternative.
        case chart(Chart)
        /// What the council writes: a label and the lines it may take.
        case field(label: String, hint: String, lines: Int)
        /// A list of points.
        case list([String])
    }

    package struct Section: Sendable {
        package let title: String
        /// The article's paragraph this section answers ("1° de l’article R. 2231-1"), if any.
        package let reference: String?
        package let blocks: [Block]
    }

    package let territory: TerritoryID
    package let name: String
    /// "Commune de Strasbourg", "Eurométropole de Strasbourg (EPCI)".
    package let title: String
    /// "INSEE 67482", "SIREN 246700488".
    package let codeLabel: String
    /// The view the report is about: the most recent period between consecutive millésimes.
    package let view: PortraitView
    /// The years of its period (`2019–2021`, or each commune's where they differ).
    package let period: String
    /// "YYYY-MM-DD": the date of the figures.
    package let date: String
    package let sections: [Section]

    /// Every figure the report states, by a key the tests read (`consommation`, `consommation-part`…).
    package let figures: [String: Figure]

    /// The period a report covers: the latest between two consecutive millésimes (the years since
    /// the previous report), else the only view.
    package static func view(_ views: [PortraitView]) -> PortraitView {
        let periods = views.filter { $0.period != nil }
        return periods.max { a, b in (a.period!.end, a.period!.start) < (b.period!.end, b.period!.start) } ?? views.last!
    }

    /// The report of `t` if the project asks for its level (`rapport:`) and a period lets it say
    /// what changed; laid out from the territory's portrait of the report's view.
    package static func of(_ t: Territory, project: Project, portraits: PortraitStore, date: String) -> TriennialReport? {
        guard project.config.report.contains(t.id.level), let portrait = portraits.portrait(t.id, view(portraits.views)) else { return nil }
        return make(portrait, level: t.id.level, date: date, credit: project.config.site.mapCredit)
    }

    /// "Rapport triennal" of `territory` from its portrait of `view`; nil when the view has no period
    /// (a single millésime cannot say what changed).
    package static func make(_ portrait: Portrait, level: TerritoryLevel, date: String, credit: String) -> TriennialReport? {
        guard portrait.view.period != nil, let period = portrait.years.period, let t = portrait.themes else { return nil }
        let area = portrait.area.value ?? 0
        func share(_ f: Figure) -> Figure { .pct(area > 0 ? f.value.map { $0 / area } : nil) }
        let c = t.consumption, a = t.artificialisation, s = t.sealing
        var figures: [String: Figure] = ["surface": portrait.area, "consommation": c.total, "consommation-par-an": c.perYear,
                                         "consommation-part": share(c.total), "renaturation": c.returned,
                                         "impermeabilisation": s.sealing, "desimpermeabilisation": s.unsealing, "impermeabilisation-nette": s.net]
        for row in a.rows { figures["artificialisation/" + row.label] = row.threshold }
        let years = "\(period.start) et \(period.end)"
        let title = level == .commune ? "Commune \(FrenchText.de(portrait.name))" : "\(portrait.name) (\(level.label))"
        let code = level == .commune ? "code INSEE \(portrait.territory.code)" : level == .epci ? "SIREN \(portrait.territory.code)" : "code \(portrait.territory.code)"
        var sections: [Section] = []

        sections.append(Section(title: "Objet du rapport", reference: nil, blocks: [
            .paragraph("L’article L. 2231-1 du code général des collectivités territoriales prévoit que le maire d’une commune, ou le président d’un établissement public de coopération intercommunale, doté d’un plan local d’urbanisme, d’un document en tenant lieu ou d’une carte communale présente au conseil, au moins une fois tous les trois ans, un rapport relatif à l’artificialisation des sols de son territoire au cours des années civiles précédentes. L’article R. 2231-1 en fixe le contenu ; ce projet le suit, point par point."),
            .paragraph("Ce projet est prérempli avec les chiffres du portail à partir de l’occupation du sol à grande échelle (millésimes \(years)). Les chiffres portent sur la période \(period.label) ; les passages à compléter par la collectivité sont signalés « À compléter »."),
            .table(caption: "Le territoire", header: ["", ""], rows: [
                ["Territoire", title], ["Code", code], ["Surface", portrait.area.text],
                ["Période observée", "\(period.label) (\(period.duration))"], ["Chiffres établis le", BuildDay.french(date)],
            ] + (portrait.communeCount.map { [["Communes", $0.text]] } ?? []), numeric: []),
        ] + (portrait.caveats.coverage.map { [.paragraph($0)] } ?? [])))

        // 1° Consumption of NAF land.
        var consumption: [Block] = [.paragraph(c.sentence)]
        consumption.append(.table(caption: "Consommation d’espaces naturels, agricoles et forestiers par période",
                                  header: ["Période", "Consommation", "Part du territoire", "Par an"],
                                  rows: c.periods.map { [$0.label + ($0.current ? " (période du rapport)" : ""), $0.total.text, share($0.total).text, $0.perYear.text] },
                                  numeric: [1, 2, 3]))
        if !c.origins.isEmpty {
            consumption.append(.table(caption: "Espaces consommés \(period.label), selon leur nature en \(period.start)", header: ["Nature de l’espace consommé", "Surface"],
                                      rows: c.origins.map { [$0.label, $0.figure.text] }, numeric: [1]))
        }
        if !c.destinations.isEmpty {
            consumption.append(.table(caption: "Espaces consommés \(period.label), selon leur usage en \(period.end)", header: ["Usage en \(period.end)", "Surface"],
                                      rows: c.destinations.map { [$0.label, $0.figure.text] }, numeric: [1]))
        }
        consumption.append(.paragraph("Renaturation : \(period.between), \(c.returned.text) d’espaces urbanisés sont redevenus naturels, agricoles ou forestiers d’après l’occupation du sol (transformation effective, que le rapport peut préciser). Ce chiffre ne distingue pas une renaturation volontaire d’un changement de la donnée : à vérifier sur le terrain."))
        consumption.append(.chart(c.chart))
        if let u = c.undetermined { consumption.append(.paragraph(u)) }
        sections.append(Section(title: "Consommation d’espaces naturels, agricoles et forestiers", reference: "1° de l’article R. 2231-1", blocks: consumption))

        // 2° Balance of artificialisation and désartificialisation.
        var balance: [Block] = [.paragraph(a.sentence)]
        balance.append(.table(caption: "Flux d’artificialisation \(period.label) (nomenclature annexée à l’article R. 101-1 du code de l’urbanisme)",
                              header: ["Flux", "Avec les seuils du décret", "Sans les seuils"], rows: a.rows.map { [$0.label, $0.threshold.text, $0.matrix.text] }, numeric: [1, 2]))
        balance.append(.paragraph("Part du territoire artificialisée en \(period.end) : \(a.share.text). Les seuils sont ceux du décret n° 2023-1096 du 27 novembre 2023 : une surface n’est comptée artificialisée ou désartificialisée que si elle forme un ensemble d’au moins 2 500 m² (bâti dès 50 m², infrastructures linéaires dès 5 m de large)."))
        balance.append(.chart(a.chart))
        if let u = a.undetermined { balance.append(.paragraph(u)) }
        sections.append(Section(title: "Solde entre surfaces artificialisées et désartificialisées", reference: "2° de l’article R. 2231-1", blocks: balance))

        // 3° Sealing.
        var sealing: [Block] = [.paragraph(s.sentence)]
        sealing.append(.table(caption: "Surfaces imperméabilisées (1° et 2° de la nomenclature annexée à l’article R. 101-1 du code de l’urbanisme)",
                              header: ["", "Surface"], rows: [
                                ["Surfaces imperméabilisées en \(period.start)", s.before.text], ["Surfaces imperméabilisées en \(period.end)", s.after.text],
                                ["Rendues imperméables \(period.label)", s.sealing.text], ["Rendues perméables \(period.label)", s.unsealing.text],
                                ["Solde \(period.label)", s.net.text], ["Part du territoire imperméabilisée en \(period.end)", s.share.text],
                              ], numeric: [1]))
        sealing.append(.chart(s.fluxChart))
        if let u = s.undetermined { sealing.append(.paragraph(u)) }
        sections.append(Section(title: "Surfaces imperméabilisées", reference: "3° de l’article R. 2231-1", blocks: sealing))

        // 4° Evaluation against the objectives.
        var objectives: [Block] = []
        if let z = t.zan {
            objectives.append(.paragraph("Repère national (loi Climat et Résilience) : réduire de moitié, entre 2021 et 2031, la consommation d’espaces observée entre 2011 et 2021. " + z.sentence))
            objectives.append(.table(caption: "Trajectoire de réduction de la consommation d’espaces", header: ["", ""], rows: z.rows.map { [$0.label, $0.figure.text] }, numeric: [1]))
            objectives.append(.paragraph("Cette projection prolonge le rythme observé ; elle ne tient pas compte de la territorialisation des objectifs par le SRADDET et le SCoT, qui fixent les objectifs opposables. Elle est calculée sur l’occupation du sol, pas sur les fichiers fonciers de l’observatoire national."))
            objectives.append(.chart(z.chart))
        }
        objectives.append(.field(label: "Objectifs fixés par les documents de planification et d’urbanisme (SRADDET, SCoT, PLU, PLUi ou carte communale)", hint: "À compléter : objectif de réduction de la consommation d’espaces et de l’artificialisation, document, date d’approbation.", lines: 4))
        objectives.append(.field(label: "Évaluation du respect de ces objectifs", hint: "À compléter : comparer les chiffres ci-dessus aux objectifs, sur la même période.", lines: 5))
        sections.append(Section(title: "Évaluation du respect des objectifs de réduction", reference: "4° de l’article R. 2231-1", blocks: objectives))

        sections.append(Section(title: "Explication des évolutions observées", reference: nil, blocks: [
            .paragraph("L’article R. 2231-1 demande que le rapport explique les raisons des évolutions observées sur tout ou partie du territoire, notamment l’impact des décisions prises en matière d’aménagement et d’urbanisme ou des actions de renaturation réalisées."),
            .field(label: "Raisons des évolutions observées", hint: "À compléter : opérations d’aménagement, zones d’activité, logements, équipements, renaturations…", lines: 6),
            .field(label: "Mesures prises ou envisagées", hint: "À compléter : révision du document d’urbanisme, densification, friches, renaturation…", lines: 5),
        ]))

        sections.append(Section(title: "Méthode et sources", reference: nil, blocks: [
            .list([
                "Source : \(credit). Occupation du sol à grande échelle (OCS GE), millésimes \(years).",
                "Consommation d’espaces naturels, agricoles et forestiers : surfaces naturelles, agricoles ou forestières en \(period.start) devenues urbanisées en \(period.end), d’après la couverture et l’usage du sol ; par an, \(period.years.map { "rapportée aux \($0) ans de la période" } ?? "rapportée pour chaque commune aux années de sa propre période, puis additionnée").",
                "Artificialisation et désartificialisation : classes de la nomenclature annexée à l’article R. 101-1 du code de l’urbanisme, avec les seuils du décret n° 2023-1096 ; le solde est l’artificialisation moins la désartificialisation.",
                "Imperméabilisation : surfaces bâties et revêtues (1° et 2° de la même nomenclature).",
                "Trajectoire : consommation de référence et enveloppe 2021–2030 comme sur le portrait du territoire ; projection au rythme de la période \(period.label).",
            ]),
            .paragraph("Différence avec la référence nationale : jusqu’en 2031, la consommation d’espaces que la loi retient est mesurée par l’observatoire national de l’artificialisation à partir des fichiers fonciers (parcelles cadastrales qui changent de nature, par année de fichier). L’occupation du sol mesure ce qui est visible au sol, à des dates de prises de vue : ses chiffres diffèrent de ceux des fichiers fonciers (un terrain bâti dans une grande parcelle, une route, un chantier ne sont pas comptés de la même façon). Les deux peuvent figurer dans le rapport, chacun avec sa source."),
        ]))

        sections.append(Section(title: "Délibération et procédure", reference: nil, blocks: [
            .field(label: "Présentation au conseil : date de la séance", hint: "À compléter.", lines: 1),
            .field(label: "Numéro de la délibération", hint: "À compléter.", lines: 1),
            .field(label: "Débat et vote", hint: "À compléter : synthèse du débat, résultat du vote.", lines: 5),
            .list([
                "Le rapport est présenté au conseil municipal ou à l’assemblée délibérante, au moins une fois tous les trois ans (art. L. 2231-1 du CGCT).",
                "Il donne lieu à un débat au sein du conseil, suivi d’un vote.",
                "Le rapport et l’avis du conseil sont publiés dans les conditions du dernier alinéa de l’article L. 2131-1 du CGCT.",
                "Dans les quinze jours de leur publication, ils sont transmis au préfet de région et au préfet de département, au président du conseil régional, \(level == .commune ? "au président de l’EPCI à fiscalité propre dont la commune est membre" : "aux maires des communes membres de l’EPCI") et au président de l’établissement public du SCoT (art. L. 143-16 du code de l’urbanisme).",
            ]),
        ]))

        return TriennialReport(territory: portrait.territory, name: portrait.name, title: title, codeLabel: code, view: portrait.view, period: period.label,
                               date: date, sections: sections, figures: figures)
    }
}
