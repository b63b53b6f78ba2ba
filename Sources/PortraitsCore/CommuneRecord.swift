/// One commune with its membership, as read from the communes layer and the membership table.
public struct CommuneRecord: Sendable, Equatable {
    public var code: String
    public var name: String
    /// nil when the commune belongs to no EPCI (`NC`, `ZZZZZZZZZ` or empty in the tables).
    public var epci: CodeName?
    public var departement: CodeName
    public var region: CodeName
    /// At most one SCoT; nil when the commune belongs to none.
    public var scot: CodeName?

    public init(code: String, name: String, epci: CodeName?, departement: CodeName, region: CodeName, scot: CodeName? = nil) {
        self.code = code
        self.name = name
        self.epci = epci
        self.departement = departement
        self.region = region
        self.scot = scot
    }
}

/// A code with its name (an EPCI SIREN and "CA Ardenne Métropole").
public struct CodeName: Sendable, Equatable, Hashable {
    public var code: String
    public var name: String

    public init(_ code: String, _ name: String) {
        self.code = code
        self.name = name
    }
}
