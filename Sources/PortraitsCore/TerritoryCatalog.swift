/// Every territory of the portal, built from the communes and their membership.
///
/// Communes are the atoms; every other level is the set of communes that name it. Built once, then
/// read only: lookups by id, children sorted by name, communes by index.
public struct TerritoryCatalog: Sendable {
    public let communes: [CommuneRecord]
    public let territories: [TerritoryID: Territory]
    /// Index of each commune code in `communes`.
    public let communeIndex: [String: Int]

    public subscript(id: TerritoryID) -> Territory? { territories[id] }

    /// All territories of one level, sorted by code.
    public func all(_ level: TerritoryLevel) -> [Territory] {
        territories.values.filter { $0.id.level == level }.sorted { $0.id.code < $1.id.code }
    }

    /// How many communes belong to no EPCI (they are in their département and région only).
    public var communesInNoEPCI: Int { communes.filter { $0.epci == nil }.count }

    /// All territories, sorted by level then code (a deterministic order for every stage).
    public var sorted: [Territory] { territories.values.sorted { $0.id < $1.id } }

    /// Builds the catalogue. `source` names the membership input in errors.
    public init(communes input: [CommuneRecord], source: String) throws {
        var errors: [InputError] = []
        var seen: [String: Int] = [:]
        var names: [TerritoryID: String] = [:]
        for (i, c) in input.enumerated() {
            if let first = seen[c.code] {
                errors.append(InputError(source, "commune \(c.code) appears twice (rows \(first + 1) and \(i + 1))"))
                continue
            }
            seen[c.code] = i
            var pairs: [(TerritoryLevel, CodeName)] = [(.region, c.region), (.departement, c.departement)]
            if let e = c.epci { pairs.append((.epci, e)) }
            if let s = c.scot { pairs.append((.scot, s)) }
            pairs.append((.commune, CodeName(c.code, c.name)))
            for (level, cn) in pairs {
                if !SafeCode.isValid(cn.code) {
                    errors.append(InputError(source, "commune \(c.code): \(level.label) code \"\(cn.code)\" is not a valid code (letters, digits, - _ . only)"))
                    continue
                }
                let id = TerritoryID(level, cn.code)
                if let known = names[id], known != cn.name {
                    errors.append(InputError(source, "commune \(c.code): \(level.label) \(cn.code) is named \"\(cn.name)\" here and \"\(known)\" elsewhere"))
                } else {
                    names[id] = cn.name
                }
            }
        }
        if !errors.isEmpty { throw InputErrors(errors) }

        let list = input.sorted { $0.code < $1.code }
        var territories: [TerritoryID: Territory] = [:]
        var index: [String: Int] = [:]
        for (i, c) in list.enumerated() {
            index[c.code] = i
            var parents = [TerritoryID(.region, c.region.code), TerritoryID(.departement, c.departement.code)]
            if let e = c.epci { parents.append(TerritoryID(.epci, e.code)) }
            if let s = c.scot { parents.append(TerritoryID(.scot, s.code)) }
            let cid = TerritoryID(.commune, c.code)
            territories[cid] = Territory(id: cid, name: c.name, parents: parents, communeIndices: [i])
            for p in parents {
                territories[p, default: Territory(id: p, name: names[p] ?? p.code)].communeIndices.append(i)
            }
        }
        // Parents of upper levels: the région, and the département when all communes share one.
        for (id, t) in territories where id.level != .commune && id.level != .region {
            let regions = Set(t.communeIndices.map { list[$0].region.code })
            let deps = Set(t.communeIndices.map { list[$0].departement.code })
            var parents = regions.sorted().map { TerritoryID(.region, $0) }
            if id.level != .departement {
                parents += deps.sorted().map { TerritoryID(.departement, $0) }
            }
            territories[id]?.parents = parents
        }
        // Children for navigation.
        func childIDs(_ t: Territory) -> [TerritoryID] {
            switch t.id.level {
            case .region:
                return Set(t.communeIndices.map { TerritoryID(.departement, list[$0].departement.code) }).sorted()
            case .departement:
                // Its EPCI, then its communes that belong to none.
                return Set(t.communeIndices.compactMap { list[$0].epci.map { TerritoryID(.epci, $0.code) } }).sorted()
                    + t.communeIndices.filter { list[$0].epci == nil }.map { TerritoryID(.commune, list[$0].code) }
            case .epci, .scot:
                return t.communeIndices.map { TerritoryID(.commune, list[$0].code) }
            case .commune:
                return []
            }
        }
        for (id, t) in territories {
            territories[id]?.children = childIDs(t)
        }
        self.communes = list
        self.territories = territories
        self.communeIndex = index
    }
}
