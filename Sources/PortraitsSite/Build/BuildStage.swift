/// The stages a command runs, in order, each with what it does. Every command declares its list
/// here; its reporter numbers the log lines from that list (`[5/7] render`) and refuses a stage
/// the list does not hold, so the log, the benchmark scripts and the code cannot drift apart.
public enum BuildStage: String, CaseIterable, Sendable {
    case load, tabulate, aggregate, compute, render, print, write

    /// What the stage does.
    public var role: String {
        switch self {
        case .load: return "the project file, the nomenclature, the communes and their groupings, postal codes, the explorer's layers"
        case .tabulate: return "land cover × communes with GEOS, the decree's thresholds (or the facts file read back)"
        case .aggregate: return "sums to every level, outlines, checks of the totals"
        case .compute: return "headline indicators of every territory and period, then every portrait (territory × view)"
        case .render: return "per territory, on every core: its maps laid out once, the map files, the pages and downloads, its portrait PDFs; then the site's pages"
        case .print: return "the atlases: a group's summary, portrait and its members' fiches"
        case .write: return "the staged site swapped in, the build state recorded"
        }
    }

    /// `portraits build` and `portraits demo`.
    public static let build: [BuildStage] = allCases
    /// What a project check runs (and what a re-render needs loaded): every input read and summed.
    public static let check: [BuildStage] = [.load, .tabulate, .aggregate]
    /// `portraits tabulate` (a shard's facts file).
    public static let shard: [BuildStage] = [.load, .tabulate, .write]
    /// `portraits serve` after a template or content change: the figures are kept.
    public static let rerender: [BuildStage] = [.render, .print, .write]
}
