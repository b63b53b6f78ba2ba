#ifndef PORTRAITS_CSUPPORT_H
#define PORTRAITS_CSUPPORT_H

#include <stddef.h>

/// Atomically exchanges two paths on the same file system (Linux renameat2 RENAME_EXCHANGE).
/// Returns 0 on success, -1 with errno set otherwise (for example on a file system without support).
int portraits_exchange_paths(const char *a, const char *b);

/// Returns the heap's free memory to the system (glibc malloc_trim), after a stage that used a lot.
void portraits_release_free_memory(void);

/// Writes `value` as printf's "%f" does in the C locale ("-12.345678", six decimals, rounded to
/// nearest, ties to even) into `out` (at least 40 bytes) and returns its length; -1 for a value
/// this fast path leaves to glibc (not finite, 2^43 or more, a locale whose decimal point is not ".").
/// The process's snprintf("%f", x), which Cairo calls for every coordinate, goes through it.
int portraits_fixed_notation(double value, char *out);

/// The same with `precision` decimals (0 to 18, printf's "%.*f"); -1 for what it leaves to glibc.
int portraits_fixed_notation_digits(double value, int precision, char *out);

/// snprintf(s, size, "%.*f", precision, value) through this process's snprintf (for tests).
int portraits_format_digits(char *s, size_t size, int precision, double value);

/// snprintf(s, size, format, value) through this process's snprintf (for tests: Cairo's "%.18f" and formats near those the fast path takes).
int portraits_format_one(char *s, size_t size, const char *format, double value);

/// snprintf(s, size, "%f", value) through this process's snprintf (for tests: truncation and return value).
int portraits_format_f(char *s, size_t size, double value);

/// How many snprintf("%f") calls the fast path answered in this process (tests check Cairo's go through it).
unsigned long portraits_fixed_notation_calls(void);

/// Of those, how many had the form "%.*f".
unsigned long portraits_fixed_precision_calls(void);

/// The libdeflate level (1 to 12) of this thread's streams opened at zlib's default level, which
/// libdeflate then compresses, or -1 for zlib's own: CairoRenderer sets it while it writes a PDF
/// (pdf_deflate.c).
void portraits_set_pdf_deflate_level(int level);

/// This thread's level set by portraits_set_pdf_deflate_level (-1: none).
int portraits_pdf_deflate_level(void);

/// How many zlib streams of this process libdeflate compressed at that level (for tests).
unsigned long portraits_pdf_deflate_streams(void);

/// zlib's compress (the default level) and compress2 at `level`, into `out`; the compressed
/// length, 0 on error (for tests).
unsigned long portraits_compress_default(unsigned char *out, unsigned long capacity, const unsigned char *in, unsigned long length);
unsigned long portraits_compress_level(unsigned char *out, unsigned long capacity, const unsigned char *in, unsigned long length, int level);

/// libdeflate's zlib-format compression of `in` at `level`, into `out`; the compressed length, 0
/// on error (for tests).
unsigned long portraits_libdeflate_compress(unsigned char *out, unsigned long capacity, const unsigned char *in, unsigned long length, int level);

/// zlib's streaming API at the default level (deflateInit, deflate, deflateEnd), fed `in_piece`
/// bytes and given `out_piece` bytes of room a call, as Cairo and qpdf call it; the compressed
/// length, 0 on error (for tests).
unsigned long portraits_deflate_in_pieces(unsigned char *out, unsigned long capacity, const unsigned char *in, unsigned long length,
                                          unsigned int in_piece, unsigned int out_piece);

/// What deflate answers when asked to finish `in` with no room for output (zlib: Z_BUF_ERROR, -5;
/// for tests).
int portraits_deflate_without_room(const unsigned char *in, unsigned long length);

/// zlib's uncompress; the length, 0 on error (for tests).
unsigned long portraits_uncompress(unsigned char *out, unsigned long capacity, const unsigned char *in, unsigned long length);

#endif
