/// Gives a standalone SVG document (a map file) a `<title>` as its first child, the text a reader
/// or a screen reader shows when the file is opened on its own.
public enum SVGTitle {
    public static func titled(_ svg: [UInt8], _ title: String) -> [UInt8] {
        guard let i = Bytes.find(Array("<svg".utf8), in: svg), let end = svg[i...].firstIndex(of: 0x3E) else { return svg }
        return Array(svg[...end]) + Array("\n<title>\(SVGInliner.escape(title))</title>".utf8) + Array(svg[(end + 1)...])
    }
}
