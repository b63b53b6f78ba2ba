import PortraitsCore
import PortraitsGraphics

/// The floor a benchmark compares Cairo's SVG with: the same scene's paths written with integer
/// coordinates straight into a byte buffer (text as `<text>`, no glyph outlines, no clipping).
/// Not used by the site: it shows how much of the SVG time is Cairo's and how fast writing those
/// paths could be.
public enum FloorSVGWriter {
    public static func svg(_ scene: Scene) -> [UInt8] {
        var out: [UInt8] = []
        out.reserveCapacity(4096)
        out.append(contentsOf: "<svg xmlns=\"http://www.w3.org/2000/svg\" width=\"".utf8)
        Bytes.appendInt(Int(scene.width), to: &out); out.append(contentsOf: "\" height=\"".utf8); Bytes.appendInt(Int(scene.height), to: &out); out.append(contentsOf: "\">".utf8)
        for mark in scene.marks {
            switch mark {
            case let .rect(x, y, w, h, fill, _):
                out.append(contentsOf: "<path fill=\"".utf8); color(fill, &out); out.append(contentsOf: "\" d=\"M".utf8)
                point(x, y, &out); out.append(0x68 /* h */); coordinate(w, &out); out.append(0x76 /* v */); coordinate(h, &out)
                out.append(0x68); coordinate(-w, &out); out.append(contentsOf: "z\"/>".utf8)
            case let .polygons(polys, fill, _):
                out.append(contentsOf: "<path fill=\"".utf8); color(fill, &out); out.append(contentsOf: "\" d=\"".utf8)
                for p in polys {
                    for ring in p.rings where !ring.isEmpty {
                        out.append(0x4D /* M */)
                        point(ring[0].x, ring[0].y, &out)
                        for q in ring.dropFirst() { out.append(0x4C /* L */); point(q.x, q.y, &out) }
                        out.append(0x7A /* z */)
                    }
                }
                out.append(contentsOf: "\"/>".utf8)
            case let .polyline(points, _):
                out.append(contentsOf: "<path fill=\"none\" stroke=\"#000\" d=\"M".utf8)
                for (k, q) in points.enumerated() { if k > 0 { out.append(0x4C) }; point(q.x, q.y, &out) }
                out.append(contentsOf: "\"/>".utf8)
            case let .text(s, p, _):
                out.append(contentsOf: "<text x=\"".utf8); coordinate(p.x, &out); out.append(contentsOf: "\" y=\"".utf8); coordinate(p.y, &out)
                out.append(contentsOf: "\">".utf8); out.append(contentsOf: s.utf8); out.append(contentsOf: "</text>".utf8)
            case .clipBegin, .clipEnd, .link, .hotspot, .tag, .raster, .hatched:
                break
            }
        }
        out.append(contentsOf: "</svg>".utf8)
        return out
    }

    @inline(__always) static func point(_ x: Double, _ y: Double, _ out: inout [UInt8]) {
        coordinate(x, &out); out.append(0x20); coordinate(y, &out)
    }

    @inline(__always) static func coordinate(_ v: Double, _ out: inout [UInt8]) {
        Bytes.appendInt(v.isFinite ? Int(v.rounded()) : 0, to: &out)
    }

    static let hexDigits: [UInt8] = Array("0123456789abcdef".utf8)

    static func color(_ c: RGBColor?, _ out: inout [UInt8]) {
        guard let c else { out.append(contentsOf: "none".utf8); return }
        out.append(0x23)
        for v in [c.r, c.g, c.b] { out.append(hexDigits[Int(v >> 4)]); out.append(hexDigits[Int(v & 0xF)]) }
    }
}
