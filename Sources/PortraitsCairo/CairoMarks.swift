import CCairo
import PortraitsCore
import PortraitsGraphics

/// One function per kind of mark: how Cairo draws it.
enum CairoMarks {
    static func draw(_ mark: Mark, _ cr: OpaquePointer) throws {
        switch mark {
        case let .rect(x, y, w, h, fill, stroke):
            guard w.isFinite, h.isFinite, w >= 0, h >= 0 else { return }
            cairo_rectangle(cr, x, y, w, h)
            // Square corners: the same picture as a round join at these widths, and the SVG then
            // needs no join nor limit (SVG's defaults) on each of a chart's bars.
            fillAndStroke(cr, fill, stroke, join: CAIRO_LINE_JOIN_MITER, seamable: false)
        case let .polygons(polys, fill, stroke):
            path(polys, cr)
            fillAndStroke(cr, fill, stroke)
        case let .hatched(polys, fill, stroke, spacing, lineWidth):
            hatched(polys, fill, stroke, spacing: spacing, lineWidth: lineWidth, cr)
        case let .polyline(points, stroke):
            guard let first = points.first else { return }
            cairo_new_path(cr)
            cairo_move_to(cr, first.x, first.y)
            for q in points.dropFirst() { cairo_line_to(cr, q.x, q.y) }
            applyStroke(cr, stroke)
            cairo_stroke(cr)
        case let .text(s, at, style):
            text(s, at: at, style: style, cr)
        case let .clipBegin(x, y, w, h):
            cairo_save(cr)
            cairo_rectangle(cr, x, y, w, h)
            cairo_clip(cr)
        case .clipEnd:
            cairo_restore(cr)
        case .link, .hotspot:
            // Nothing to paint: a PDF's links are added after Cairo by `PDFFinishing` (Cairo 1.16's
            // link tags write broken objects); SVG and PNG have none.
            break
        case .tag(.begin(let name, _)):
            // Structure tags: the PDF surface builds the structure tree and marks the content;
            // other surfaces ignore them. Text alternatives are added by `PDFFinishing`.
            cairo_tag_begin(cr, name, "")
        case .tag(.end(let name)):
            cairo_tag_end(cr, name)
        case let .raster(scene, x, y, w, h, dpi):
            try raster(scene, x: x, y: y, width: w, height: h, dpi: dpi, cr)
        }
    }

    /// `scene` painted on white into an image of `dpi` pixels per inch of the rectangle (one unit
    /// of the target is a point), then that image painted into the rectangle. Cairo's PDF surface
    /// embeds it as an image, compressed. An error while drawing the image (on its own context,
    /// which the target's status does not see) is thrown, rather than a half-drawn map placed.
    static func raster(_ scene: Scene, x: Double, y: Double, width w: Double, height h: Double, dpi: Double, _ cr: OpaquePointer) throws {
        guard scene.width > 0, scene.height > 0, w > 0, h > 0, dpi > 0 else { return }
        let pw = Int32(min(8_000, (w * dpi / 72).rounded(.up))), ph = Int32(min(8_000, (h * dpi / 72).rounded(.up)))
        let reuse = RasterReuse.current
        guard let image = try reuse?.image(scene, width: pw, height: ph) ?? image(scene, width: pw, height: ph, keepingIn: reuse) else { return }
        defer { cairo_surface_destroy(image) }
        cairo_save(cr)
        cairo_translate(cr, x, y)
        cairo_scale(cr, w / Double(pw), h / Double(ph))
        cairo_set_source_surface(cr, image, 0, 0)
        cairo_paint(cr)
        cairo_restore(cr)
    }

    /// `scene` drawn on white into a new image of `pw` × `ph` pixels, kept by `reuse` (the block
    /// open on this thread) if any; nil when Cairo cannot make the image.
    static func image(_ scene: Scene, width pw: Int32, height ph: Int32, keepingIn reuse: RasterReuse.Images?) throws -> OpaquePointer? {
        guard let image = cairo_image_surface_create(CAIRO_FORMAT_RGB24, pw, ph) else { return nil }
        let ic = cairo_create(image)!
        cairo_set_source_rgb(ic, 1, 1, 1)
        cairo_paint(ic)
        // One scale for both axes (the image's sides are rounded up to whole pixels, each
        // differently): a hatch's tile then lies on whole pixels both ways, with no seam between
        // tiles; what the rounding leaves is under one pixel on the right or at the bottom.
        let k = min(Double(pw) / scene.width, Double(ph) / scene.height)
        cairo_scale(ic, k, k)
        do { try drawUnderlaid(scene.marks, ic) } catch {
            cairo_destroy(ic)
            cairo_surface_destroy(image)
            throw error
        }
        let drawing = cairo_status(ic)
        cairo_destroy(ic)
        guard drawing == CAIRO_STATUS_SUCCESS else {
            cairo_surface_destroy(image)
            throw CairoRenderer.RenderError.cairo("map as an image: " + String(cString: cairo_status_to_string(drawing)))
        }
        cairo_surface_flush(image)
        reuse?.keep(image, scene, width: pw, height: ph)
        return image
    }

    /// The polygons' rings as the current path, filled even-odd.
    static func path(_ polys: [PolygonRings], _ cr: OpaquePointer) {
        cairo_new_path(cr)
        for p in polys {
            for ring in p.rings where ring.count >= 3 {
                cairo_move_to(cr, ring[0].x, ring[0].y)
                for q in ring.dropFirst() { cairo_line_to(cr, q.x, q.y) }
                cairo_close_path(cr)
            }
        }
        cairo_set_fill_rule(cr, CAIRO_FILL_RULE_EVEN_ODD)
    }

    /// The polygons filled with a printed class's ground and its hatch, then stroked with
    /// `stroke` (a seam) if any. The lines sit on a grid of the scene's coordinates, so that two
    /// hatched polygons that touch continue each other's lines.
    ///
    /// On an image, the fill is a repeating opaque tile of the ground and the lines in the
    /// target's pixels: one rasterisation of the polygons, the tile composited (stroking every
    /// line through a clip was a fifth of a PDF's drawing time). On a vector surface, the ground
    /// and the seam, then the lines clipped to the polygons: a PDF's tiling pattern would weigh
    /// less, but viewers draw its tiles with seams (poppler left light lines between them every
    /// tile at 200 dpi), so the lines are drawn as lines.
    static func hatched(_ polys: [PolygonRings], _ fill: PrintFill, _ stroke: Stroke?, spacing: Double, lineWidth: Double, _ cr: OpaquePointer) {
        path(polys, cr)
        guard let hatch = fill.hatch, spacing > 0, spacing.isFinite, lineWidth > 0 else {
            fillAndStroke(cr, fill.color, stroke)
            return
        }
        let lines = Stroke(fill.lineColor, width: lineWidth)
        guard isRaster(cr) else {
            fillAndStroke(cr, fill.color, stroke)
            clippedLines(polys, hatch, lines, spacing: spacing, cr)
            return
        }
        guard let tile = HatchTiles.tile(hatch, ground: fill.color, lines: lines, spacing: spacing, cr) else {
            fillAndStroke(cr, fill.color, stroke)
            return
        }
        defer { cairo_pattern_destroy(tile) }
        fillAndStroke(cr, fill.color, stroke, pattern: tile)
    }

    /// Lines at 45° (and at −45° when crossed), `spacing` apart, drawn inside the polygons only
    /// (clipped to them), across the clip's extents.
    static func clippedLines(_ polys: [PolygonRings], _ pattern: Hatch, _ stroke: Stroke, spacing: Double, _ cr: OpaquePointer) {
        cairo_save(cr)
        path(polys, cr)
        cairo_clip(cr)
        var x0 = 0.0, y0 = 0.0, x1 = 0.0, y1 = 0.0
        cairo_clip_extents(cr, &x0, &y0, &x1, &y1)
        if x1 > x0, y1 > y0 {
            // A line x + y = c (rising to the right, y down) or x − y = c; lines `spacing` apart
            // differ in c by spacing × √2.
            let step = spacing * 2.0.squareRoot()
            cairo_new_path(cr)
            var c = ((x0 + y0) / step).rounded(.down) * step
            while c <= x1 + y1 {
                cairo_move_to(cr, c - y0, y0)
                cairo_line_to(cr, c - y1, y1)
                c += step
            }
            if pattern == .crossed {
                c = ((x0 - y1) / step).rounded(.down) * step
                while c <= x1 - y0 {
                    cairo_move_to(cr, c + y0, y0)
                    cairo_line_to(cr, c + y1, y1)
                    c += step
                }
            }
            applyStroke(cr, stroke, join: CAIRO_LINE_JOIN_MITER)
            cairo_set_line_cap(cr, CAIRO_LINE_CAP_BUTT)
            cairo_stroke(cr)
        }
        cairo_new_path(cr)
        cairo_restore(cr)
    }

    /// A repeating pattern of a square tile about `spacing` × √2 wide, in an image's pixels (`k`
    /// per unit): the ground, then the hatch's lines x + y = c (rising to the right, y down)
    /// through its corners and its diagonal, and x − y = c when crossed, so that the tiles join
    /// into continuous lines. The tile is a whole number of pixels (`n`; the spacing rounded to
    /// them), so that it repeats on the target's pixel grid.
    static func hatchTile(_ pattern: Hatch, ground: RGBColor, lines stroke: Stroke, spacing: Double, deviceScale k: Double) -> OpaquePointer? {
        let n = max(4, (spacing * 2.0.squareRoot() * k).rounded())
        guard k.isFinite, k > 0, n <= 4_096, let surface = cairo_image_surface_create(CAIRO_FORMAT_RGB24, Int32(n), Int32(n)) else { return nil }
        defer { cairo_surface_destroy(surface) }
        let tc = cairo_create(surface)!
        setColor(tc, ground)
        cairo_paint(tc)
        setColor(tc, stroke.color)
        cairo_set_line_width(tc, stroke.width * k)
        cairo_set_line_cap(tc, CAIRO_LINE_CAP_SQUARE)
        for c in [0.0, n, 2 * n] {
            cairo_move_to(tc, c + n, -n)
            cairo_line_to(tc, c - 2 * n, 2 * n)
        }
        if pattern == .crossed {
            for c in [-n, 0, n] {
                cairo_move_to(tc, c - n, -n)
                cairo_line_to(tc, c + 2 * n, 2 * n)
            }
        }
        cairo_stroke(tc)
        cairo_destroy(tc)
        let p = cairo_pattern_create_for_surface(surface)!
        cairo_pattern_set_extend(p, CAIRO_EXTEND_REPEAT)
        cairo_pattern_set_filter(p, CAIRO_FILTER_NEAREST)
        var m = cairo_matrix_t()
        cairo_matrix_init_scale(&m, k, k)
        cairo_pattern_set_matrix(p, &m)
        return p
    }

    static func setColor(_ cr: OpaquePointer, _ c: RGBColor) {
        cairo_set_source_rgb(cr, Double(c.r) / 255, Double(c.g) / 255, Double(c.b) / 255)
    }

    static func applyStroke(_ cr: OpaquePointer, _ s: Stroke, join: cairo_line_join_t = CAIRO_LINE_JOIN_ROUND) {
        setColor(cr, s.color)
        cairo_set_line_width(cr, s.width)
        cairo_set_line_join(cr, join)
        // SVG's default limit, enough for right angles (a ratio of 1.4).
        cairo_set_miter_limit(cr, 4)
        s.dash.withUnsafeBufferPointer { cairo_set_dash(cr, $0.baseAddress, Int32($0.count), 0) }
    }

    /// `pattern`: what fills instead of the plain colour (a hatch's tile; `fill` stays the class's
    /// colour, which tells a seam). A seam drawn into pixels is not stroked: the fill was laid
    /// under its run (`drawUnderlaid`); vector files stroke it, with round joins. `seamable`:
    /// false for a mark the underlay does not lay (a rectangle), whose stroke is always drawn.
    static func fillAndStroke(_ cr: OpaquePointer, _ fill: RGBColor?, _ stroke: Stroke?, join: cairo_line_join_t = CAIRO_LINE_JOIN_ROUND,
                              pattern: OpaquePointer? = nil, seamable: Bool = true) {
        if let fill {
            if let pattern { cairo_set_source(cr, pattern) } else { setColor(cr, fill) }
            if stroke != nil { cairo_fill_preserve(cr) } else { cairo_fill(cr) }
        }
        if let stroke {
            if !seamable || !isSeam(fill, stroke, cr) {
                applyStroke(cr, stroke, join: join)
                cairo_stroke(cr)
            }
        }
        cairo_new_path(cr)
    }

    /// The marks of a scene drawn into pixels, each run of seamed fills (classes filled and
    /// stroked thin in their own colour, drawn one after the other) laid under itself first: the
    /// run's fills without antialiasing, then the run as usual, antialiased and without its seam.
    /// A pixel on the edge between two classes then blends them over the class its centre (or a
    /// corner) lies in, never over the white, or the base drawn before the classes (a change map's
    /// unchanged land), that the pale hairline came from. Five fills without antialiasing cost
    /// less than the seam, stroked round every class, did (three quarters of a map drawn as an
    /// image); and a class keeps its own outline, where the seam widened each one by 0.15 units
    /// over the classes drawn before it.
    static func drawUnderlaid(_ marks: [Mark], _ cr: OpaquePointer) throws {
        var i = marks.startIndex
        // The clips the scene has open (rectangles), which the underlay takes to whole pixels.
        var clips: [(x: Double, y: Double, width: Double, height: Double)] = []
        while i < marks.endIndex {
            var end = i
            while end < marks.endIndex, seamedFill(marks[end], cr) != nil { end += 1 }
            if end > i {
                underlay(marks[i..<end], within: clips, cr)
                for mark in marks[i..<end] { try draw(mark, cr) }
                i = end
                continue
            }
            switch marks[i] {
            case let .clipBegin(x, y, w, h): clips.append((x, y, w, h))
            case .clipEnd: _ = clips.popLast()
            default: break
            }
            try draw(marks[i], cr)
            i += 1
        }
    }

    /// The polygons and colour of a fill a seam follows (its ground's colour for a hatched
    /// class), nil for any other mark.
    static func seamedFill(_ mark: Mark, _ cr: OpaquePointer) -> (polys: [PolygonRings], color: RGBColor)? {
        switch mark {
        case let .polygons(polys, color?, stroke?) where isSeam(color, stroke, cr): return (polys, color)
        case let .hatched(polys, fill, stroke?, _, _) where isSeam(fill.color, stroke, cr): return (polys, fill.color)
        default: return nil
        }
    }

    /// The fills of a run of seamed marks without antialiasing (see `drawUnderlaid`), under the
    /// clip in force: sampled at the pixels' four corners (half a pixel off each way), then at
    /// their centres, so that a pixel whose centre falls in a gap narrower than a pixel between
    /// two classes (a vertex the map's simplification moved), or in the tip of a thin wedge,
    /// takes the class at one of its corners rather than staying white. Four corners cover a gap
    /// up to a pixel wide whatever its direction, as the seam did (0.3 units: 0.8 px at 200 dpi);
    /// one corner only left white pixels along gaps running the other way (24 of them on the
    /// Bas-Rhin's map, against 55 with the centres only).
    static func underlay(_ run: ArraySlice<Mark>, within clips: [(x: Double, y: Double, width: Double, height: Double)], _ cr: OpaquePointer) {
        var dx = 0.5, dy = 0.5
        cairo_device_to_user_distance(cr, &dx, &dy)
        let fills = run.compactMap { seamedFill($0, cr) }
        // Within the whole pixels of the scene's clips in force: a fill without antialiasing
        // takes a clip's edge to whole pixels, and would step it.
        cairo_save(cr)
        defer { cairo_restore(cr) }
        for c in clips {
            var (x0, y0, x1, y1) = (c.x, c.y, c.x + c.width, c.y + c.height)
            cairo_user_to_device(cr, &x0, &y0)
            cairo_user_to_device(cr, &x1, &y1)
            var (left, top) = (min(x0, x1).rounded(.up), min(y0, y1).rounded(.up))
            var (right, bottom) = (max(x0, x1).rounded(.down), max(y0, y1).rounded(.down))
            guard right > left, bottom > top else { return }
            cairo_device_to_user(cr, &left, &top)
            cairo_device_to_user(cr, &right, &bottom)
            cairo_new_path(cr)
            cairo_rectangle(cr, min(left, right), min(top, bottom), abs(right - left), abs(bottom - top))
            cairo_clip(cr)
        }
        // The fills lose their antialiasing, not the clips (a clip keeps the antialiasing it was
        // made with).
        cairo_set_antialias(cr, CAIRO_ANTIALIAS_NONE)
        cairo_set_fill_rule(cr, CAIRO_FILL_RULE_EVEN_ODD)
        for (x, y) in [(dx, dy), (-dx, -dy), (dx, -dy), (-dx, dy), (0, 0)] {
            for (polys, color) in fills {
                // The path made half a pixel off; the translation ends with it.
                cairo_save(cr)
                cairo_translate(cr, x, y)
                path(polys, cr)
                cairo_restore(cr)
                setColor(cr, color)
                cairo_fill(cr)
            }
        }
    }

    /// Whether a fill and its stroke, drawn on `cr`, are a seam drawn into pixels.
    static func isSeam(_ fill: RGBColor?, _ stroke: Stroke, _ cr: OpaquePointer) -> Bool {
        fill == stroke.color && stroke.width <= seamWidth && stroke.dash.isEmpty && isRaster(cr)
    }

    /// The widest stroke taken for a seam: wider ones (a territory drawn in one colour on a
    /// locator, 0.8) show their joins and keep them round.
    static let seamWidth = 0.5

    /// Whether `cr` draws into pixels (a PNG map, a PDF's map as an image), not into a vector file.
    static func isRaster(_ cr: OpaquePointer) -> Bool {
        cairo_surface_get_type(cairo_get_target(cr)) == CAIRO_SURFACE_TYPE_IMAGE
    }

    static func text(_ s: String, at p: Point, style: TextStyle, _ cr: OpaquePointer) {
        // The same font options as the SVG text layer on every surface: Cairo resolves a font face
        // once per process with the options of the first text drawn, so options left to each
        // surface's defaults made PNG maps depend on which map of the build was drawn first.
        let options = cairo_font_options_create()
        cairo_font_options_set_hint_style(options, CAIRO_HINT_STYLE_NONE)
        cairo_font_options_set_hint_metrics(options, CAIRO_HINT_METRICS_OFF)
        cairo_set_font_options(cr, options)
        cairo_font_options_destroy(options)
        cairo_select_font_face(cr, Typography.fontFamily, CAIRO_FONT_SLANT_NORMAL, style.bold ? CAIRO_FONT_WEIGHT_BOLD : CAIRO_FONT_WEIGHT_NORMAL)
        cairo_set_font_size(cr, style.size)
        var x = p.x
        if style.anchor != .start {
            var ext = cairo_text_extents_t()
            cairo_text_extents(cr, s, &ext)
            x -= style.anchor == .middle ? ext.x_advance / 2 : ext.x_advance
        }
        setColor(cr, style.color)
        if style.rotation != 0 && style.rotation.isFinite {
            cairo_save(cr)
            cairo_translate(cr, p.x, p.y)
            cairo_rotate(cr, style.rotation * Double.pi / 180)
            cairo_move_to(cr, x - p.x, 0)
            cairo_show_text(cr, s)
            cairo_restore(cr)
        } else {
            cairo_move_to(cr, x, p.y)
            cairo_show_text(cr, s)
        }
        cairo_new_path(cr)
    }
}
