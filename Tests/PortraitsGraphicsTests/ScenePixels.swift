import XCTest
import CCairo
@testable import PortraitsCairo
@testable import PortraitsGraphics

/// A scene's pixels as Cairo draws them into an image (RGB24 on white, at `scale`): the rows of
/// `stride` bytes, blue, green, red and an unused byte per pixel.
func scenePixels(_ scene: Scene, scale: Double) throws -> (data: [UInt8], stride: Int, height: Int) {
    let w = Int32((scene.width * scale).rounded(.up)), h = Int32((scene.height * scale).rounded(.up))
    let surface = try XCTUnwrap(cairo_image_surface_create(CAIRO_FORMAT_RGB24, w, h))
    defer { cairo_surface_destroy(surface) }
    let cr = try XCTUnwrap(cairo_create(surface))
    cairo_set_source_rgb(cr, 1, 1, 1)
    cairo_paint(cr)
    cairo_scale(cr, scale, scale)
    try CairoRenderer.paint(scene, cr)
    cairo_destroy(cr)
    cairo_surface_flush(surface)
    let stride = Int(cairo_image_surface_get_stride(surface))
    return (Array(UnsafeBufferPointer(start: cairo_image_surface_get_data(surface), count: stride * Int(h))), stride, Int(h))
}
