import Foundation
import PortraitsCore
import PortraitsProject
import PortraitsModel
import PortraitsDownloads
import PortraitsPrint
import PortraitsWeb

/// `portraits tabulate`: one shard of the communes (départements or a list of codes) into a facts file.
public enum ShardTabulation {
    public static func run(configPath: String, departements: [String], communesFile: String?, output: String,
                           quiet: Bool = false) throws -> (communes: Int, polygons: Int) {
        let config = try ProjectConfig.load(path: configPath)
        guard departements.isEmpty != (communesFile == nil) else {
            throw InputError(configPath, "name the shard with --departement (repeatable) or with --communes FILE, not both")
        }
        try OutputTarget.checkFactsFile(output, config: config)
        let reporter = StageReporter(BuildStage.shard, quiet: quiet)
        var selected = Set<String>()
        var scope = ""
        if let communesFile {
            guard let text = try? String(contentsOfFile: communesFile, encoding: .utf8) else {
                throw InputError(communesFile, "cannot read the list of communes")
            }
            for (n, line) in text.split(separator: "\n", omittingEmptySubsequences: false).enumerated() {
                let code = line.trimmingCharacters(in: .whitespacesAndNewlines)
                if code.isEmpty || code.hasPrefix("#") { continue }
                guard code.count == 5, code.allSatisfy({ $0.isNumber || $0 == "A" || $0 == "B" }) else {
                    throw InputError("\(communesFile), line \(n + 1)", "\"\(code)\" is not an INSEE commune code")
                }
                selected.insert(code)
            }
            scope = "communes of \((communesFile as NSString).lastPathComponent)"
        } else {
            // The membership table says which communes each département has.
            let inputs = try ProjectLoader.loadInputs(config: config, reporter: StageReporter([.load], quiet: true))
            for d in departements {
                guard let dep = inputs.catalog[TerritoryID(.departement, d)] else {
                    throw InputError(configPath, "no département \"\(d)\" in the membership table")
                }
                for i in dep.communeIndices { selected.insert(inputs.catalog.communes[i].code) }
            }
            scope = "département " + departements.joined(separator: ", ")
        }
        return try FactsLoader.shard(config: config, selected: selected, scope: scope, output: output, reporter: reporter)
    }
}
