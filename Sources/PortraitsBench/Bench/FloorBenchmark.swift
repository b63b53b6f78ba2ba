import PortraitsCore
import PortraitsGeo
import PortraitsProject
import PortraitsModel
import PortraitsSite

/// `portraits bench-floor`: the project's communes, then `TabulationFloor` on its land cover.
public enum FloorBenchmark {
    public static func run(configPath: String) throws -> TabulationFloor.Result {
        let config = try ProjectConfig.load(path: configPath)
        let shapes = try CommuneShapes.read(config.communes, codeField: config.communeCode, nameField: config.communeName, extraFields: [], filter: config.communeFilter)
        return try TabulationFloor.run(communes: shapes, landCover: config.landCover, periods: config.periods)
    }
}
