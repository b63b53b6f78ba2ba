import CCmarkGFM

/// The version of cmark-gfm (the documentation pages' Markdown) this binary runs with.
public enum MarkdownVersion {
    public static var description: String { "cmark-gfm \(String(cString: cmark_version_string()))" }
}
