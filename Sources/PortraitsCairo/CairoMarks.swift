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
            fillAndStroke(cr, fill, stroke, join: CAIRO_LINE_JOIN_MITER)
        case let .polygons(polys, fill, stroke):
            path(polys, cr)
            fillAndStroke(cr, fill, stroke)
        case let .hatched(polys, fill, stroke, spacing, lineWidth):
            path(polys, cr)
            hatched(fill, stroke, spacing: spacing, lineWidth: lineWidth, cr)
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
        cairo_scale(ic, Double(pw) / scene.width, Double(ph) / scene.height)
        do { for mark in scene.marks { try draw(mark, ic) } } catch {
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

    /// The current path filled with a printed class's ground and its hatch, then stroked with
    /// `stroke` (a seam) if any. The fill is a repeating opaque tile holding the ground and the
    /// lines, so that the path is drawn once: on an image, one rasterisation (a tile in the target's
    /// pixels composited); in a PDF, one `B` with the tile as a tiling pattern, as a plain class
    /// is (Cairo combines a fill and a stroke of one path only when the fill is opaque). The tiles
    /// sit on a grid of the scene's coordinates, so that two hatched polygons that touch continue
    /// each other's lines.
    static func hatched(_ fill: PrintFill, _ stroke: Stroke?, spacing: Double, lineWidth: Double, _ cr: OpaquePointer) {
        guard let hatch = fill.hatch, spacing > 0, spacing.isFinite, lineWidth > 0,
              let tile = HatchTiles.tile(hatch, ground: fill.color, lines: Stroke(fill.lineColor, width: lineWidth), spacing: spacing, cr) else {
            fillAndStroke(cr, fill.color, stroke)
            return
        }
        defer { cairo_pattern_destroy(tile) }
        cairo_set_source(cr, tile)
        if let stroke {
            cairo_fill_preserve(cr)
            if isSeam(fill.color, stroke, cr) {
                seam(cr, stroke)
            } else {
                applyStroke(cr, stroke)
                cairo_stroke(cr)
            }
        } else {
            cairo_fill(cr)
        }
        cairo_new_path(cr)
    }

    /// A repeating pattern of a square tile `spacing` × √2 wide: the ground, then the hatch's
    /// lines x + y = c (rising to the right, y down) through its corners and its diagonal, and
    /// x − y = c when crossed, so that the tiles join into continuous lines `spacing` apart.
    /// `raster`: an image tile of `k` pixels per unit (an image target's); else a recording.
    static func hatchTile(_ pattern: Hatch, ground: RGBColor, lines stroke: Stroke, spacing: Double, raster: Bool, deviceScale k: Double) -> OpaquePointer? {
        let side = spacing * 2.0.squareRoot()
        func draw(_ tc: OpaquePointer, _ d: Double, _ width: Double) {
            setColor(tc, ground)
            cairo_paint(tc)
            setColor(tc, stroke.color)
            cairo_set_line_width(tc, width)
            cairo_set_line_cap(tc, CAIRO_LINE_CAP_SQUARE)
            for c in [0.0, d, 2 * d] {
                cairo_move_to(tc, c + d, -d)
                cairo_line_to(tc, c - 2 * d, 2 * d)
            }
            if pattern == .crossed {
                for c in [-d, 0, d] {
                    cairo_move_to(tc, c - d, -d)
                    cairo_line_to(tc, c + 2 * d, 2 * d)
                }
            }
            cairo_stroke(tc)
        }
        // The tile drawn on a whole number of its own units (`n`), scaled to `side` by the
        // pattern's matrix: an image's tile on whole pixels of the target (`k` per unit, the
        // spacing rounded to them); a recording on 64 units, as Cairo's PDF surface steps a tiling
        // pattern by its recording's whole extents (a 3.68 pt tile stepped every 4 pt broke the
        // lines at every tile's edge).
        let n = raster ? max(4, (side * k).rounded()) : 64
        let scale = raster ? k : n / side
        guard scale.isFinite, scale > 0, n <= 4_096 else { return nil }
        let surface: OpaquePointer?
        if raster {
            surface = cairo_image_surface_create(CAIRO_FORMAT_RGB24, Int32(n), Int32(n))
        } else {
            var extents = cairo_rectangle_t(x: 0, y: 0, width: n, height: n)
            surface = cairo_recording_surface_create(CAIRO_CONTENT_COLOR, &extents)
        }
        guard let surface else { return nil }
        defer { cairo_surface_destroy(surface) }
        let tc = cairo_create(surface)!
        cairo_rectangle(tc, 0, 0, n, n)
        cairo_clip(tc)
        draw(tc, n, stroke.width * scale)
        cairo_destroy(tc)
        let p = cairo_pattern_create_for_surface(surface)!
        cairo_pattern_set_extend(p, CAIRO_EXTEND_REPEAT)
        if raster { cairo_pattern_set_filter(p, CAIRO_FILTER_NEAREST) }
        var m = cairo_matrix_t()
        cairo_matrix_init_scale(&m, scale, scale)
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

    static func fillAndStroke(_ cr: OpaquePointer, _ fill: RGBColor?, _ stroke: Stroke?, join: cairo_line_join_t = CAIRO_LINE_JOIN_ROUND) {
        if let fill {
            setColor(cr, fill)
            if stroke != nil { cairo_fill_preserve(cr) } else { cairo_fill(cr) }
        }
        if let stroke {
            if isSeam(fill, stroke, cr) {
                seam(cr, stroke)
            } else {
                applyStroke(cr, stroke, join: join)
                cairo_stroke(cr)
            }
        }
        cairo_new_path(cr)
    }

    /// A seam: a fill's outline stroked thin in its own colour (a land-cover class at 0.3), which
    /// covers the pale hairlines antialiasing leaves between two fills that touch. Drawn into
    /// pixels, it is most of a dense map's time (three quarters of a département's PNG), and
    /// Cairo's stroker spends much of it on round joins, a fan of triangles at every vertex: on an
    /// image the seam is joined with mitres instead. They differ from round joins only at sharp
    /// vertices, by at most 0.45 units at the mitre limit of 4 (0.7 px on a 1.5× PNG), where the
    /// fill's own edge is usually covered by its neighbours: a département's PNG 519 → 425 ms,
    /// EPCI maps' pixels within 3 levels at the 99.9th percentile, the hairline as well hidden.
    /// Cairo's fast antialiasing would halve it again but leaves the classes' edges visibly
    /// stepped: not taken. Vector surfaces (SVG, PDF) keep the round joins: the viewer draws them.
    static func seam(_ cr: OpaquePointer, _ s: Stroke) {
        applyStroke(cr, s, join: CAIRO_LINE_JOIN_MITER)
        cairo_stroke(cr)
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
