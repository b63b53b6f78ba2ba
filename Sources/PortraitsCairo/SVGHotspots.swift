/// The hotspots of an SVG the backend wrote (`<g class="hits">`, see `SVGTextLayer.addHotspot`).
public enum SVGHotspots {
    /// The SVG with its hotspots' titles removed: for a second layout of the same chart in the same
    /// page (the phone layout), whose hotspots are the first layout's in the same order; the page's
    /// script gives them their labels, and a phone shows no hover title anyway.
    public static func withoutTitles(_ svg: [UInt8]) -> [UInt8] {
        guard let start = Bytes.find(Array("<g class=\"hits\"".utf8), in: svg) else { return svg }
        let open = Array("<title>".utf8), close = Array("</title>".utf8)
        var out = Array(svg[..<start])
        out.reserveCapacity(svg.count)
        var i = start
        while i < svg.count {
            if let t = Bytes.find(open, in: svg, from: i), let e = Bytes.find(close, in: svg, from: t) {
                out += svg[i..<t]
                i = e + close.count
            } else {
                out += svg[i...]
                break
            }
        }
        return out
    }
}
