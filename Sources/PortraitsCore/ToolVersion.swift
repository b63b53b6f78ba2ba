/// The version of portraits, printed by `portraits --version` with the libraries it runs on.
public enum ToolVersion {
    public static let number = "0.4.0"
}
