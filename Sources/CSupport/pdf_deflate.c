// The PDFs' streams compressed by libdeflate instead of zlib. Cairo 1.16's PDF surface and qpdf
// compress every stream (pages, fonts, maps drawn as images, qpdf's object streams) through zlib's
// streaming deflate at zlib's default level, and neither lets its caller choose (Cairo has no such
// option; qpdf's is C++-only and process-wide). Deflate was a fifth of a portrait PDF's time.
//
// This file defines deflateInit_, deflate and deflateEnd for the process. While the calling thread
// writes a PDF (portraits_set_pdf_deflate_level, which CairoRenderer sets), a stream opened at
// zlib's default level (Cairo's and qpdf's) is a PDF stream: deflate() gathers its input and, at
// Z_FINISH, compresses it in one call with libdeflate at the thread's level (zlib format,
// RFC 1950, as /FlateDecode reads it), about twice as fast as zlib for the same size, then hands
// the result out as zlib would, as much as each call's output buffer takes. Every other stream is
// zlib's own: deflateInit_ is then exactly deflateInit2_ with zlib's defaults, and deflate and
// deflateEnd forward to zlib for a stream this file did not open. PNG maps (libpng), workbooks and
// archives call deflateInit2_ and are never touched. Tested in PDFCompressionTests.
#define _GNU_SOURCE
#include <dlfcn.h>
#include <libdeflate.h>
#include <pthread.h>
#include <stdatomic.h>
#include <stdlib.h>
#include <string.h>
#include <zlib.h>
#include "CSupport.h"

static __thread int pdf_deflate_level = -1;
static atomic_ulong pdf_deflate_streams;

void portraits_set_pdf_deflate_level(int level) { pdf_deflate_level = level; }

int portraits_pdf_deflate_level(void) { return pdf_deflate_level; }

unsigned long portraits_pdf_deflate_streams(void) { return atomic_load_explicit(&pdf_deflate_streams, memory_order_relaxed); }

// Where zlib keeps a stream's `strm` and `status` at the start of its state; zlib's statuses are
// small numbers (42 to 666), never this one, which marks a stream of this file.
enum { PDF_STREAM = 0x5eedf1a7 };

struct pdf_stream {
    z_streamp strm;
    int status;
    int level;
    unsigned char *in;
    size_t in_length, in_capacity;
    unsigned char *out;
    size_t out_length, out_position;
    int compressed;
};

static struct pdf_stream *pdf_stream_of(z_streamp strm) {
    if (strm == NULL || strm->state == NULL) return NULL;
    struct pdf_stream *s = (struct pdf_stream *)strm->state;
    return s->strm == strm && s->status == PDF_STREAM ? s : NULL;
}

static int pdf_deflate_open(z_streamp strm, int level) {
    struct pdf_stream *s = calloc(1, sizeof *s);
    if (s == NULL) return Z_MEM_ERROR;
    s->strm = strm;
    s->status = PDF_STREAM;
    s->level = level < 1 ? 1 : level > 12 ? 12 : level;
    strm->state = (struct internal_state *)s;
    strm->total_in = strm->total_out = 0;
    strm->msg = NULL;
    strm->data_type = Z_UNKNOWN;
    strm->adler = 1;
    return Z_OK;
}

// One compressor per thread and level, kept for the thread's life (allocating one costs more
// than compressing a small stream) and freed when the thread ends.
static __thread struct libdeflate_compressor *compressor;
static __thread int compressor_level;
static pthread_key_t compressor_key;

static void free_compressor(void *c) { libdeflate_free_compressor(c); }

static int compress_all(struct pdf_stream *s) {
    if (compressor == NULL || compressor_level != s->level) {
        if (compressor != NULL) libdeflate_free_compressor(compressor);
        compressor = libdeflate_alloc_compressor(s->level);
        compressor_level = s->level;
        pthread_setspecific(compressor_key, compressor);
        if (compressor == NULL) return Z_MEM_ERROR;
    }
    size_t bound = libdeflate_zlib_compress_bound(compressor, s->in_length);
    free(s->out);
    s->out = malloc(bound);
    if (s->out == NULL) return Z_MEM_ERROR;
    s->out_length = libdeflate_zlib_compress(compressor, s->in, s->in_length, s->out, bound);
    if (s->out_length == 0) return Z_STREAM_ERROR;
    free(s->in);
    s->in = NULL;
    s->compressed = 1;
    return Z_OK;
}

typedef int (*deflate_fn)(z_streamp, int);
typedef int (*deflate_end_fn)(z_streamp);
static deflate_fn zlib_deflate;
static deflate_end_fn zlib_deflate_end;

// zlib's own functions, found once when the process starts (before any thread), and the key
// that frees a thread's compressor.
__attribute__((constructor)) static void find_zlib(void) {
    zlib_deflate = (deflate_fn)dlsym(RTLD_NEXT, "deflate");
    zlib_deflate_end = (deflate_end_fn)dlsym(RTLD_NEXT, "deflateEnd");
    pthread_key_create(&compressor_key, free_compressor);
}

int deflate(z_streamp strm, int flush) {
    struct pdf_stream *s = pdf_stream_of(strm);
    if (s == NULL) return zlib_deflate(strm, flush);
    if (!s->compressed) {
        if (strm->avail_in > 0) {
            if (strm->next_in == NULL) return Z_STREAM_ERROR;
            size_t need = s->in_length + strm->avail_in;
            if (need > s->in_capacity) {
                size_t capacity = s->in_capacity ? s->in_capacity : 65536;
                while (capacity < need) capacity *= 2;
                unsigned char *grown = realloc(s->in, capacity);
                if (grown == NULL) return Z_MEM_ERROR;
                s->in = grown;
                s->in_capacity = capacity;
            }
            memcpy(s->in + s->in_length, strm->next_in, strm->avail_in);
            s->in_length = need;
            strm->total_in += strm->avail_in;
            strm->next_in += strm->avail_in;
            strm->avail_in = 0;
        }
        if (flush == Z_NO_FLUSH) return Z_OK;
        // Cairo and qpdf only ever finish; a flush in the middle would need output now.
        if (flush != Z_FINISH) return Z_STREAM_ERROR;
        int status = compress_all(s);
        if (status != Z_OK) return status;
    } else if (strm->avail_in > 0) {
        return Z_STREAM_ERROR;  // input after Z_FINISH
    }
    size_t left = s->out_length - s->out_position;
    // No room while output is pending: no progress possible, as zlib says (compress2 loops on Z_OK).
    if (left > 0 && strm->avail_out == 0) return Z_BUF_ERROR;
    size_t n = left < strm->avail_out ? left : strm->avail_out;
    if (n > 0) {
        memcpy(strm->next_out, s->out + s->out_position, n);
        s->out_position += n;
        strm->next_out += n;
        strm->avail_out -= (uInt)n;
        strm->total_out += n;
    }
    return s->out_position == s->out_length ? Z_STREAM_END : Z_OK;
}

int deflateEnd(z_streamp strm) {
    struct pdf_stream *s = pdf_stream_of(strm);
    if (s == NULL) return zlib_deflate_end(strm);
    // zlib: Z_OK for a stream finished or never used, Z_DATA_ERROR for one ended midway.
    int finished = s->compressed ? s->out_position == s->out_length : s->in_length == 0;
    free(s->in);
    free(s->out);
    free(s);
    strm->state = NULL;
    return finished ? Z_OK : Z_DATA_ERROR;
}

unsigned long portraits_libdeflate_compress(unsigned char *out, unsigned long capacity, const unsigned char *in, unsigned long length, int level) {
    struct libdeflate_compressor *c = libdeflate_alloc_compressor(level);
    if (c == NULL) return 0;
    size_t n = libdeflate_zlib_compress(c, in, length, out, capacity);
    libdeflate_free_compressor(c);
    return n;
}

int deflateInit_(z_streamp strm, int level, const char *version, int stream_size) {
    if (pdf_deflate_level >= 0 && level == Z_DEFAULT_COMPRESSION) {
        atomic_fetch_add_explicit(&pdf_deflate_streams, 1, memory_order_relaxed);
        return pdf_deflate_open(strm, pdf_deflate_level);
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

unsigned long portraits_deflate_in_pieces(unsigned char *out, unsigned long capacity, const unsigned char *in, unsigned long length,
                                          unsigned int in_piece, unsigned int out_piece) {
    z_stream z;
    memset(&z, 0, sizeof z);
    if (deflateInit(&z, Z_DEFAULT_COMPRESSION) != Z_OK) return 0;
    unsigned long fed = 0, written = 0;
    int status = Z_OK;
    while (status != Z_STREAM_END) {
        unsigned int n = length - fed < in_piece ? (unsigned int)(length - fed) : in_piece;
        z.next_in = (unsigned char *)in + fed;
        z.avail_in = n;
        unsigned int room = capacity - written < out_piece ? (unsigned int)(capacity - written) : out_piece;
        z.next_out = out + written;
        z.avail_out = room;
        status = deflate(&z, fed + n == length ? Z_FINISH : Z_NO_FLUSH);
        fed += n - z.avail_in;
        written += room - z.avail_out;
        if (status != Z_OK && status != Z_STREAM_END) { deflateEnd(&z); return 0; }
        if (room == 0 && status != Z_STREAM_END) { deflateEnd(&z); return 0; }
    }
    return deflateEnd(&z) == Z_OK && z.total_out == written && z.total_in == length ? written : 0;
}

unsigned long portraits_uncompress(unsigned char *out, unsigned long capacity, const unsigned char *in, unsigned long length) {
    uLongf n = capacity;
    return uncompress(out, &n, in, length) == Z_OK ? n : 0;
}

int portraits_deflate_without_room(const unsigned char *in, unsigned long length) {
    z_stream z;
    memset(&z, 0, sizeof z);
    if (deflateInit(&z, Z_DEFAULT_COMPRESSION) != Z_OK) return Z_STREAM_ERROR;
    unsigned char out[1];
    z.next_in = (unsigned char *)in;
    z.avail_in = (uInt)length;
    z.next_out = out;
    z.avail_out = 0;
    int status = deflate(&z, Z_FINISH);
    deflateEnd(&z);
    return status;
}
