#ifndef CDN_REFRESH_CZLIB_SHIM_H
#define CDN_REFRESH_CZLIB_SHIM_H

#include <zlib.h>

/// inflateInit2 is a macro in zlib.h, which Swift cannot import; these wrappers make it callable.
/// windowBits 15 + 16 decodes the gzip format only (a zlib or raw stream is a data error).
static inline int czlib_inflate_init_gzip(z_streamp strm) {
    return inflateInit2(strm, 15 + 16);
}

/// windowBits 15 + 32 decodes a zlib or a gzip stream, whichever it is (an answer's `deflate` or `gzip` body).
static inline int czlib_inflate_init_auto(z_streamp strm) {
    return inflateInit2(strm, 15 + 32);
}

/// deflateInit2 for gzip output (used by tests and benchmarks to generate fixtures).
static inline int czlib_deflate_init_gzip(z_streamp strm, int level) {
    return deflateInit2(strm, level, Z_DEFLATED, 15 + 16, 8, Z_DEFAULT_STRATEGY);
}

/// deflateInit2 for zlib output (an HTTP `deflate` body, as SLS's `x-log-compresstype: deflate`).
static inline int czlib_deflate_init_zlib(z_streamp strm, int level) {
    return deflateInit2(strm, level, Z_DEFLATED, 15, 8, Z_DEFAULT_STRATEGY);
}

#endif
