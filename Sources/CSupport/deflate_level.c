// Cairo 1.16's PDF surface and qpdf compress every stream with zlib at its default level (6),
// and neither lets its caller choose another (Cairo has no such option; qpdf's is C++-only and
// process-wide). Deflate is a quarter of a portrait PDF's time. This file defines deflateInit_ for
// the process: while the calling thread has asked for a level (portraits_set_pdf_deflate_level,
// which CairoRenderer sets while it writes a PDF), a stream opened at the default level is opened
// at that level instead; every other call is zlib's own (deflateInit_ is exactly deflateInit2_
// with zlib's defaults for method, window and memory). PNG maps (libpng), workbooks and archives
// call deflateInit2_ and are never touched. Tested in PDFCompressionTests.
#include <stdatomic.h>
#include <zlib.h>
#include "CSupport.h"

static __thread int pdf_deflate_level = -1;
static atomic_ulong pdf_deflate_streams;

void portraits_set_pdf_deflate_level(int level) { pdf_deflate_level = level; }

int portraits_pdf_deflate_level(void) { return pdf_deflate_level; }

unsigned long portraits_pdf_deflate_streams(void) { return atomic_load_explicit(&pdf_deflate_streams, memory_order_relaxed); }

int deflateInit_(z_streamp strm, int level, const char *version, int stream_size) {
    if (pdf_deflate_level >= 0 && level == Z_DEFAULT_COMPRESSION) {
        level = pdf_deflate_level;
        atomic_fetch_add_explicit(&pdf_deflate_streams, 1, memory_order_relaxed);
    }
    return deflateInit2_(strm, level, Z_DEFLATED, MAX_WBITS, 8, Z_DEFAULT_STRATEGY, version, stream_size);
}

unsigned long portraits_compress_default(unsigned char *out, unsigned long capacity, const unsigned char *in, unsigned long length) {
    uLongf n = capacity;
    return compress(out, &n, in, length) == Z_OK ? n : 0;
}

unsigned long portraits_compress_level(unsigned char *out, unsigned long capacity, const unsigned char *in, unsigned long length, int level) {
    uLongf n = capacity;
    return compress2(out, &n, in, length, level) == Z_OK ? n : 0;
}
