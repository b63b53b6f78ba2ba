import CGDAL
import PortraitsCore

extension VectorLayer {
    /// `forEach` for a layer in Lambert-93 whose asked fields are text or integers, through GDAL's
    /// Arrow stream: the same features in the same order, the same values (integers in decimal, as
    /// OGR gives them as text) and the same WKB.
    ///
    /// A geometry the readers can take as it comes (`PlainPolygonWKB`: 2D polygons, closed rings,
    /// finite coordinates within metropolitan France) is passed on as GDAL wrote it in the batch,
    /// which is what `normalised` would export. Any other (Z or M, curves, an unclosed ring, an
    /// empty or implausible geometry, another type) is rebuilt as an OGR geometry and goes through
    /// `normalised`, like a feature read one by one.
    func forEachRow(of stream: ArrowLayerStream, fields: [String], skipOutside: Bool, _ body: (VectorFeature) throws -> Void) throws {
        // The layer's spatial filter: GDAL's stream may pass a feature whose envelope meets it and
        // whose geometry does not; OGR's own reading tests the geometry (`filtered`). Without a
        // reprojection the filter is the rectangle `setSpatialFilter` set: a geometry whose
        // envelope lies inside it meets it.
        let filter = OGR_L_GetSpatialFilter(handle)
        var filterBox = OGREnvelope()
        if let filter { OGR_G_GetEnvelope(filter, &filterBox) }
        func filtered(_ box: OGREnvelope, _ geometry: () -> OGRGeometryH?) -> Bool {
            guard let filter else { return false }
            if box.MinX >= filterBox.MinX && box.MaxX <= filterBox.MaxX && box.MinY >= filterBox.MinY && box.MaxY <= filterBox.MaxY { return false }
            guard let g = geometry() else { return true }
            return OGR_G_Intersects(filter, g) == 0
        }
        try stream.forEachBatch { batch in
            for row in 0..<batch.count {
                let fid = batch.fid(row)
                var wkb: [UInt8]? = nil
                var g: OGRGeometryH? = nil
                defer { if let g { OGR_G_DestroyGeometry(g) } }
                if let raw = batch.wkb(row), raw.count > 0 {
                    if let box = PlainPolygonWKB.envelope(raw) {
                        if filtered(box, {
                            _ = OGR_G_CreateFromWkb(raw.baseAddress, nil, &g, Int32(raw.count))
                            return g
                        }) { continue }
                        wkb = Array(raw)
                    } else if OGR_G_CreateFromWkb(raw.baseAddress, nil, &g, Int32(raw.count)) == OGRERR_NONE, let g, OGR_G_IsEmpty(g) == 0 {
                        var box = OGREnvelope()
                        OGR_G_GetEnvelope(g, &box)
                        if filtered(box, { g }) { continue }
                        guard let bytes = try normalised(g, fid: fid, skipOutside: skipOutside) else { continue }
                        wkb = bytes
                    }
                    // Otherwise a blob OGR cannot read, or an empty geometry: a feature without
                    // geometry, as when read one by one.
                }
                if wkb == nil && filter != nil { continue } // a spatial filter passes no feature without geometry
                var values: [String?] = []
                values.reserveCapacity(fields.count)
                for (i, name) in fields.enumerated() {
                    if batch.isInteger(field: i) {
                        values.append(batch.integer(field: i, row: row).map { String($0) })
                        continue
                    }
                    guard let bytes = batch.bytes(field: i, row: row) else { values.append(nil); continue }
                    // Decoding replaces invalid bytes: the text is UTF-8 when its bytes are the ones read.
                    let text = String(decoding: bytes, as: UTF8.self)
                    guard text.utf8.elementsEqual(bytes) else { throw notUTF8(fid: fid, field: name, shown: text) }
                    values.append(text)
                }
                try body(VectorFeature(fid: fid, values: values, wkb: wkb))
            }
        }
    }
}

/// A WKB the readers take as it is: little-endian 2D Polygon or MultiPolygon, every polygon with
/// at least one ring, every ring closed (first point repeated last), coordinates finite and within
/// metropolitan France's Lambert-93 range (`VectorLayer.plausibleX/Y`), and nothing after the
/// geometry. Read without building a geometry.
enum PlainPolygonWKB {
    /// The envelope of such a WKB, or nil when it is not one.
    static func envelope(_ raw: UnsafeRawBufferPointer) -> OGREnvelope? {
        var box = OGREnvelope(MinX: .infinity, MaxX: -.infinity, MinY: .infinity, MaxY: -.infinity)
        return accepts(raw, &box) ? box : nil
    }

    static func accepts(_ raw: UnsafeRawBufferPointer, _ box: inout OGREnvelope) -> Bool {
        let xs = VectorLayer.plausibleX, ys = VectorLayer.plausibleY
        var plain = true
        let walked = PolygonWKB.walk(raw) { n, point in
            guard n >= 2 else { plain = false; return true }
            for i in 0..<n {
                let (x, y) = point(i)
                // Both ranges are finite: NaN and infinities fail them.
                guard xs.contains(x), ys.contains(y) else { plain = false; return true }
                box.MinX = min(box.MinX, x); box.MaxX = max(box.MaxX, x)
                box.MinY = min(box.MinY, y); box.MaxY = max(box.MaxY, y)
            }
            if point(0) != point(n - 1) { plain = false; return true }
            return false
        }
        guard let walked else { return false }
        return plain && walked.polygons > 0 && !walked.ringlessPolygon && !walked.trailingBytes
    }
}
