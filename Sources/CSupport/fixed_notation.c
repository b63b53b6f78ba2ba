// Cairo prints every number of an SVG or PDF with snprintf: "%f" (its own "%f"), "%.*f" with the
// decimals of its fixed point (its own "%g", which the PDF surface uses for path coordinates), and
// for a number under 0.1 (zero among them) "%.18f" then "%.*f" with as many decimals as its
// significant digits need (cairo-output-stream.c, _cairo_dtostr). glibc formats a double through
// multi-precision arithmetic and its whole printf machinery: a third of a land-cover map's drawing time.
// This file defines snprintf and __snprintf_chk (the fortified form Debian's Cairo calls) for the
// process: the formats "%f", "%.*f" and "%.Nf" alone (up to 18 decimals), with a finite value under 2^43 and a "." decimal point, are
// formatted here, exactly as glibc does it (the value's exact binary expansion times 10^decimals, rounded
// to nearest, ties to even); every other call goes to glibc's vsnprintf / __vsnprintf_chk unchanged.
// Tested against glibc's own output (FixedNotationTests).
#ifdef _FORTIFY_SOURCE
#undef _FORTIFY_SOURCE
#endif
#include <stdarg.h>
#include <stdatomic.h>
#include <stddef.h>
#include <stdint.h>
#include <stdio.h>
#include <string.h>
#include <locale.h>
#include "CSupport.h"

extern int __vsnprintf_chk(char *s, size_t maxlen, int flag, size_t slen, const char *format, va_list ap);
extern void __chk_fail(void) __attribute__((noreturn));

static atomic_ulong fixed_notation_calls, fixed_precision_calls;

unsigned long portraits_fixed_notation_calls(void) { return atomic_load_explicit(&fixed_notation_calls, memory_order_relaxed); }
unsigned long portraits_fixed_precision_calls(void) { return atomic_load_explicit(&fixed_precision_calls, memory_order_relaxed); }

int portraits_fixed_notation_digits(double value, int precision, char *out) {
    if (precision < 0 || precision > 18) return -1; // more decimals: glibc's way
    uint64_t bits;
    memcpy(&bits, &value, sizeof bits);
    int negative = (int)(bits >> 63);
    int biased = (int)((bits >> 52) & 0x7FF);
    uint64_t fraction = bits & ((UINT64_C(1) << 52) - 1);
    if (biased == 0x7FF) return -1;                 // infinity, NaN
    if (biased >= 1023 + 43) return -1;             // 2^43 and over: glibc's way
    struct lconv *lc = localeconv();
    if (lc == NULL || lc->decimal_point == NULL || strcmp(lc->decimal_point, ".") != 0) return -1;
    uint64_t scale = 1;
    for (int i = 0; i < precision; i++) scale *= 10;
    // The value is m · 2^e exactly; q = m · 2^e · 10^precision rounded to nearest, ties to even
    // (m < 2^53 and 10^18 < 2^60: every product fits in 128 bits).
    unsigned __int128 q;
    if (biased == 0) {
        q = 0;                                      // zero and subnormals are below 5 · 10^-19
    } else {
        uint64_t m = fraction | (UINT64_C(1) << 52);
        int e = biased - 1075;
        if (e >= 0) {
            q = (unsigned __int128)(m << e) * scale;    // an integer under 2^43, times 10^18 under 2^103
        } else {
            int s = -e;
            unsigned __int128 n = (unsigned __int128)m * scale;   // under 2^113
            if (s >= 128) {
                q = 0;                              // under 2^-75, far below half of 10^-18
            } else {
                unsigned __int128 whole = n >> s;
                unsigned __int128 rest = n - (whole << s);
                unsigned __int128 half = (unsigned __int128)1 << (s - 1);
                if (rest > half || (rest == half && (whole & 1))) whole += 1;
                q = whole;
            }
        }
    }
    uint64_t integer, decimals;
    if (q >> 64 == 0) {
        integer = (uint64_t)q / scale;              // 64-bit division: the common case
        decimals = (uint64_t)q % scale;
    } else {
        integer = (uint64_t)(q / scale);
        decimals = (uint64_t)(q % scale);
    }
    char digits[24];
    int n = 0;
    do { digits[n++] = (char)('0' + integer % 10); integer /= 10; } while (integer > 0);
    int len = 0;
    if (negative) out[len++] = '-';
    while (n > 0) out[len++] = digits[--n];
    if (precision > 0) {
        out[len++] = '.';
        for (int i = precision - 1; i >= 0; i--) { out[len + i] = (char)('0' + decimals % 10); decimals /= 10; }
        len += precision;
    }
    out[len] = '\0';
    return len;
}

int portraits_fixed_notation(double value, char *out) { return portraits_fixed_notation_digits(value, 6, out); }

// "%f" (six decimals), "%.*f" (the number of decimals an argument) or "%.Nf" (N written, one or
// two digits), the forms Cairo prints its numbers with (its "%g" is "%.*f" with the digits of its
// fixed point; a number under 0.1 is printed first with "%.18f"): 1, 2 or 3 + N; 0 for any other.
static int fixed_format(const char *format) {
    if (format[0] != '%') return 0;
    if (format[1] == 'f' && format[2] == '\0') return 1;
    if (format[1] != '.') return 0;
    if (format[2] == '*' && format[3] == 'f' && format[4] == '\0') return 2;
    if (format[2] >= '0' && format[2] <= '9') {
        int n = format[2] - '0';
        int i = 3;
        if (format[3] >= '0' && format[3] <= '9') { n = n * 10 + (format[3] - '0'); i = 4; }
        if (format[i] == 'f' && format[i + 1] == '\0') return 3 + n;
    }
    return 0;
}

// snprintf's contract: at most size - 1 characters and a terminating NUL when size > 0; returns
// the length the whole text has.
static int copy_out(char *s, size_t size, const char *text, int len) {
    if (size > 0) {
        size_t n = (size_t)len < size - 1 ? (size_t)len : size - 1;
        memcpy(s, text, n);
        s[n] = '\0';
    }
    atomic_fetch_add_explicit(&fixed_notation_calls, 1, memory_order_relaxed);
    return len;
}

// The fast path on a va_list taken by value: the length (snprintf's), or -1 when the call is to
// go to glibc (the caller then starts its arguments again).
static int fast_f(char *s, size_t size, const char *format, va_list ap) {
    int form = fixed_format(format);
    if (form == 0) return -1;
    int precision = form >= 3 ? form - 3 : 6;
    if (form == 2) {
        precision = va_arg(ap, int);
        if (precision < 0) precision = 6;           // a negative precision is taken as omitted
    }
    double value = va_arg(ap, double);
    char text[48];
    int len = portraits_fixed_notation_digits(value, precision, text);
    if (len < 0) return -1;
    if (form == 2) atomic_fetch_add_explicit(&fixed_precision_calls, 1, memory_order_relaxed);
    return copy_out(s, size, text, len);
}

int snprintf(char *restrict s, size_t size, const char *restrict format, ...) {
    va_list ap;
    va_start(ap, format);
    int r = fast_f(s, size, format, ap);
    va_end(ap);
    if (r >= 0) return r;
    va_start(ap, format);
    r = vsnprintf(s, size, format, ap);
    va_end(ap);
    return r;
}

int portraits_format_f(char *s, size_t size, double value) { return snprintf(s, size, "%f", value); }

int portraits_format_digits(char *s, size_t size, int precision, double value) { return snprintf(s, size, "%.*f", precision, value); }

#pragma GCC diagnostic push
#pragma GCC diagnostic ignored "-Wformat-nonliteral"
int portraits_format_one(char *s, size_t size, const char *format, double value) { return snprintf(s, size, format, value); }
#pragma GCC diagnostic pop

int __snprintf_chk(char *s, size_t maxlen, int flag, size_t slen, const char *format, ...) {
    // glibc's check first: the buffer must hold what the caller says it may write.
    if (slen < maxlen) __chk_fail();
    va_list ap;
    va_start(ap, format);
    int r = fast_f(s, maxlen, format, ap);
    va_end(ap);
    if (r >= 0) return r;
    va_start(ap, format);
    r = __vsnprintf_chk(s, maxlen, flag, slen, format, ap);
    va_end(ap);
    return r;
}
