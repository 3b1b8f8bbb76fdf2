#ifndef CDN_REFRESH_CZLIB_SHIM_H
#define CDN_REFRESH_CZLIB_SHIM_H

#include <zlib.h>

/// inflateInit2 is a macro in zlib.h, which Swift cannot import; these wrappers make it callable.
/// windowBits 15 + 16 decodes the gzip format only (a zlib or raw stream is a data error).
static inline int czlib_inflate_init_gzip(z_streamp strm) {
    return inflateInit2(strm, 15 + 16);
}

/// deflateInit2 for gzip output (used by tests and benchmarks to generate fixtures).
static inline int czlib_deflate_init_gzip(z_streamp strm, int level) {
    return deflateInit2(strm, level, Z_DEFLATED, 15 + 16, 8, Z_DEFAULT_STRATEGY);
}

#endif
