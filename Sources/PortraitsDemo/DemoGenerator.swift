public enum DemoGenerator {
    public static func ensure(projectFolder: String, seed: UInt64, cellHectares: Double, quiet: Bool) throws -> String { "" }
}
